"""``motif-studio package DESIGN --brief BRIEF -o FILE.zip [--name N --contact C]
[--accept-licence] [--override]``: the submission package a brand receives.

Exit status: 0 written, 1 refused (licence not accepted, or the check fails without
``--override``; stderr says why), 2 an input could not be used.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from studio.i18n import _


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "package",
        help=_("make the submission package (deliverables, design, manifest)"),
        description=_(
            "Export every deliverable of the brief and package them with the "
            "design and a manifest of hashes, the check report and the accepted "
            "licence."
        ),
    )
    p.add_argument("design", metavar="DESIGN")
    p.add_argument("--brief", required=True, metavar="BRIEF")
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    p.add_argument("--name", default="", help=_("the creator's name"))
    p.add_argument("--contact", default="", help=_("the creator's e-mail or other contact"))
    p.add_argument("--accept-licence", action="store_true", help=_("accept the brief's licence"))
    p.add_argument(
        "--override",
        action="store_true",
        help=_("package even though the check fails (recorded in the manifest)"),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studio.brief import load_brief
    from studio.production.package import (
        Creator,
        PackageRefused,
        build_package,
        write_package,
    )

    brief = load_brief(args.brief)
    try:
        data, manifest = build_package(
            args.design,
            brief,
            Creator(args.name, args.contact),
            accept_licence=args.accept_licence,
            override=args.override,
        )
    except PackageRefused as exc:
        print(_("motif-studio: package refused: {reason}").format(reason=exc), file=sys.stderr)
        return 1
    write_package(data, args.output)
    check = manifest["check"]
    status = (
        _("{file}: {count} files, check passed")
        if check["passed"]
        else _("{file}: {count} files, check FAILED (override recorded)")
    )
    print(status.format(file=args.output, count=len(manifest["files"])))
    return 0
