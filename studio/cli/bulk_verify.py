"""``motif-studio verify DIR --brief BRIEF --report report.html [--csv FILE] [--jobs N]``.

Re-checks every submission package (``*.zip``) in DIR against the brief, on every core, and
writes a report. ``motif-studio verify`` hands a folder argument to :func:`run_bulk`;
``verify-all DIR`` is the older name of the same command, kept so that scripts keep working.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from studio.i18n import _
from studio.l10n import format_number


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "verify-all",
        help=_("same as 'verify DIR': re-check a folder of submission packages (older name)"),
        description=_(
            "Same as 'motif-studio verify DIR': re-check every submission package (*.zip) in "
            "DIR against BRIEF and write an HTML (and CSV) report. Exit status: 0 all passed, "
            "1 some failed or were unreadable, 2 the brief or DIR could not be used."
        ),
    )
    p.add_argument("path", metavar="DIR")
    p.add_argument("--brief", required=True, metavar="BRIEF")
    add_bulk_options(p)
    p.set_defaults(func=run_bulk)


def add_bulk_options(p: argparse.ArgumentParser) -> None:
    """The options of a folder re-check (``verify DIR`` and ``verify-all``)."""
    p.add_argument("--report", metavar="HTML", help=_("write the HTML report here"))
    p.add_argument("--csv", metavar="CSV", help=_("write a CSV report here"))
    p.add_argument("--jobs", type=int, help=_("packages checked at once (default: all cores)"))
    p.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help=_("seconds allowed per package in a folder (default 120)"),
    )


def run_bulk(args: argparse.Namespace) -> int:
    """Handler; reads ``args.path`` (or ``args.directory``), ``brief``, ``report``, ``csv``,
    ``jobs``, ``timeout`` (all but the first two optional)."""
    from studio.brands.bulk import bulk_verify, find_packages
    from studio.brands.report import csv_report, html_report, summary
    from studio.brief import load_brief
    from studio.errors import InputError
    from studio.fsutil import atomic_write

    directory = Path(getattr(args, "path", None) or args.directory)
    if not directory.is_dir():
        raise InputError(directory, _("not a folder"))
    jobs = getattr(args, "jobs", None)
    if jobs is not None and jobs < 1:
        raise InputError(None, _("--jobs must be at least 1"))
    brief = load_brief(args.brief)
    if not find_packages(directory):
        raise InputError(directory, _("no submission packages (*.zip) in this folder"))
    start = time.perf_counter()
    rows = bulk_verify(directory, brief, jobs, timeout=getattr(args, "timeout", 120.0) or 120.0)
    elapsed = time.perf_counter() - start
    if getattr(args, "report", None):
        atomic_write(args.report, html_report(rows, brief).encode("utf-8"))
    if getattr(args, "csv", None):
        atomic_write(args.csv, csv_report(rows).encode("utf-8"))
    for row in rows:
        first = next((f for f in row.findings if f.severity == "error"), None)
        detail = f"  {first.rule}: {first.message}" if first else ""
        print(f"{row.status:6}  {printable(row.package)}{printable(detail)}")
    counts = summary(rows)
    print(
        _(
            "{count} packages: {passed} passed, {failed} failed, {broken} "
            "unreadable ({rate} packages/s)"
        ).format(
            count=len(rows),
            passed=counts["pass"],
            failed=counts["fail"],
            broken=counts["broken"],
            rate=format_number(len(rows) / max(elapsed, 1e-09), 1),
        ),
        file=sys.stderr,
    )
    return 0 if counts["pass"] == len(rows) else 1


def printable(text: str) -> str:
    """No terminal escape sequences from a stranger's file names."""
    return "".join(c if c.isprintable() else "?" for c in text)
