"""``python run_worker.py DB``: the outbox worker as a separate process, through the CLI code."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio.outbox import cli

parser = argparse.ArgumentParser()
cli.register(parser.add_subparsers(dest="command", required=True))
args = parser.parse_args(["outbox", "--db", sys.argv[1], "run", "--wait"])
sys.exit(args.func(args))
