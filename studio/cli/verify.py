"""``motif-studio verify FILE.zip [--brief BRIEF] [--format text|json]``: re-check a
submission package as a brand would; ``motif-studio verify DIR --brief BRIEF [--report HTML]
[--csv CSV] [--jobs N]``: re-check every package in a folder (``studio.cli.bulk_verify``).

Exit status as ``check``: 0 verified, 1 a problem was found, 2 the input could not be used.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from studio.cli.bulk_verify import add_bulk_options, printable
from studio.i18n import _


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "verify",
        help=_("verify a submission package, or a folder of them (hashes, brief, full check)"),
        description=_(
            "Check every file's hash against the manifest, the brief's identity, and re-run "
            "the full check on the included design (with --brief). Given a folder, re-check "
            "every package (*.zip) in it against --brief on every core and write a report "
            "(--report, --csv). Exit status: 0 verified, 1 a problem was found, 2 the input "
            "could not be used."
        ),
    )
    p.add_argument("package", metavar="FILE.zip|DIR")
    p.add_argument("--brief", metavar="BRIEF", help=_("the brief the package answers"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=_("for one package"))
    add_bulk_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studio.brief import load_brief
    from studio.cli.bulk_verify import run_bulk
    from studio.errors import InputError
    from studio.production.verify import verify_package

    source = Path(args.package)
    if source.is_dir():
        if not args.brief:
            raise InputError(source, "--brief is required to verify a folder of packages")
        args.path = args.package
        return run_bulk(args)
    if args.report or args.csv or args.jobs is not None:
        raise InputError(None, "--report, --csv and --jobs are for a folder of packages")
    brief = load_brief(args.brief) if args.brief else None
    result = verify_package(source, brief)
    if not result.readable:
        raise InputError(source, result.findings[0].message)
    if args.format == "json":
        out = {
            "package": args.package,
            "verified": result.ok,
            "package_sha256": result.package_sha256,
            "brief": result.manifest.get("brief"),
            "creator": {"name": result.creator.name, "contact": result.creator.contact},
            "findings": [f.to_json() for f in result.findings],
            "check": result.check.as_dict() if result.check else None,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0 if result.ok else 1
    for f in result.findings:
        print(printable(f"{f.severity}: {f.rule}: {f.message}"))
    if brief is None:
        print("note: no --brief given, so the brief and the design were not checked")
    errors = len(result.errors)
    print("verified" if result.ok else f"NOT verified ({errors} error{'s' * (errors != 1)})")
    return 0 if result.ok else 1
