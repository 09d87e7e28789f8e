"""``motif-studio check DESIGN --brief BRIEF [--format text|json] [--output-dir DIR]``.

Exactly as ``check-cli.md`` says: exit 0 when the design passes (warnings allowed), 1 when a
finding is an error, 2 when an input cannot be used (one line on stderr, nothing on stdout).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from studio.checks.model import Report
from studio.i18n import _

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "ok": "\033[32m", "end": "\033[0m"}


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help=_("check a design against a brief (preflight)"),
        description=_(
            "Check a design (a Motif Studio file, a plain SVG, a PNG or JPEG) "
            "against a brief. Exit status: 0 passed, 1 failed, 2 an input could "
            "not be used."
        ),
    )
    p.add_argument("design", metavar="DESIGN")
    p.add_argument("--brief", required=True, metavar="BRIEF", help=_(".brief.json or .brief"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--output-dir",
        metavar="DIR",
        help=_("export the brief's deliverables here first and check the real files"),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studio.brief import load_brief
    from studio.checks import run_checks
    from studio.design import open_design
    from studio.errors import InputError

    brief = load_brief(args.brief)
    design = open_design(args.design, brief.dpi)
    try:
        report = run_checks(design, brief, output_dir=args.output_dir)
    except (RecursionError, MemoryError) as exc:
        raise InputError(
            args.design,
            _("too deeply nested or too large to check ({kind})").format(kind=type(exc).__name__),
        ) from None
    report.design = args.design
    if args.format == "json":
        text = json.dumps(report.to_json(), ensure_ascii=False, indent=2)
    else:
        text = format_text(report, colour=sys.stdout.isatty())
    _print(text, sys.stdout)
    return 0 if report.passed else 1


def _print(text: str, stream: TextIO) -> None:
    stream.write(text + "\n")
    stream.flush()


def format_text(report: Report, *, colour: bool = False) -> str:
    """The report for people: errors, then warnings, then the verdict."""

    def paint(kind: str, text: str) -> str:
        return f"{COLOURS[kind]}{text}{COLOURS['end']}" if colour else text

    lines = [
        _("{design} against {brief} v{version}").format(
            design=report.design, brief=report.brief_id, version=report.brief_version
        )
    ]
    for severity, findings in report.by_severity().items():
        if not findings:
            continue
        title = _("Errors ({count})") if severity == "error" else _("Warnings ({count})")
        lines.append("")
        lines.append(paint(severity, title.format(count=len(findings))))
        for f in findings:
            where = f"  [{f.element}]" if f.element else ""
            lines.append(f"  - {f.message} ({f.rule}){where}")
    lines.append("")
    if report.passed:
        verdict = (
            _("PASSED with {count} warning(s)").format(count=len(report.warnings))
            if report.warnings
            else _("PASSED")
        )
        lines.append(paint("ok", verdict))
    else:
        verdict = _("FAILED: {count} error(s)").format(count=len(report.errors))
        lines.append(paint("error", verdict))
    return "\n".join(lines)
