"""``motif-studio verify FILE.zip [--brief BRIEF] [--format text|json]``: re-check a
submission package as a brand would. Exit status as ``check``: 0 verified, 1 a problem was
found, 2 the input could not be used."""

from __future__ import annotations

import argparse
import json
from typing import Any

from studio.i18n import _


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "verify",
        help=_("verify a submission package (hashes, brief, full check)"),
        description=_(
            "Check every file's hash against the manifest, the brief's identity, "
            "and re-run the full check on the included design (with --brief)."
        ),
    )
    p.add_argument("package", metavar="FILE.zip")
    p.add_argument("--brief", metavar="BRIEF", help=_("the brief the package answers"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from studio.brief import load_brief
    from studio.production.verify import verify_package

    brief = load_brief(args.brief) if args.brief else None
    result = verify_package(Path(args.package), brief)
    if args.format == "json":
        out = {
            "package": args.package,
            "verified": result.ok,
            "problems": result.problems,
            "brief": result.manifest.get("brief"),
            "check": result.check.as_dict() if result.check else None,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            print(f"problem: {problem}")
        if brief is None:
            print("note: no --brief given, so the design was not re-checked")
        print("verified" if result.ok else f"NOT verified ({len(result.problems)} problems)")
    return 0 if result.ok else 1
