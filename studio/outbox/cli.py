"""The queue on the command line: ``submit PACKAGE --connector ID [--set k=v]...`` and
``outbox list|run|retry|cancel``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from studio.connectors.credentials import open_store
from studio.errors import InputError
from studio.i18n import _
from studio.outbox.jobs import FINAL
from studio.outbox.store import Store
from studio.outbox.submit import submit
from studio.outbox.worker import Worker


def default_db() -> Path:
    """MOTIF_STUDIO_OUTBOX, else $XDG_DATA_HOME/motif-studio/outbox.sqlite3."""
    override = os.environ.get("MOTIF_STUDIO_OUTBOX")
    if override:
        return Path(override)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "motif-studio" / "outbox.sqlite3"


def register(subparsers: Any) -> None:
    """Add ``submit`` and ``outbox`` (with list, run, retry, cancel)."""
    sub = subparsers.add_parser("submit", help=_("queue a submission package for upload"))
    sub.add_argument("package", type=Path)
    sub.add_argument("--connector", required=True, metavar="ID")
    sub.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="settings")
    sub.add_argument("--brief", default="", help=_("brief id"))
    sub.add_argument("--brief-version", default="")
    sub.add_argument("--db", type=Path, default=None, help=_("queue file (default: per user)"))
    sub.set_defaults(func=submit_command)

    outbox = subparsers.add_parser("outbox", help=_("the upload queue"))
    outbox.add_argument("--db", type=Path, default=None, help=_("queue file (default: per user)"))
    commands = outbox.add_subparsers(dest="outbox_command", required=True)
    commands.add_parser("list", help=_("every job and its state")).set_defaults(func=list_command)
    run = commands.add_parser("run", help=_("upload what is due"))
    run.add_argument("--wait", action="store_true", help=_("keep going until every job is final"))
    run.set_defaults(func=run_command)
    for name, func, text in (("retry", retry_command, _("queue a failed job again")),
                             ("cancel", cancel_command, _("cancel a job"))):  # fmt: skip
        command = commands.add_parser(name, help=text)
        command.add_argument("job", type=int)
        command.set_defaults(func=func)


def parse_settings(pairs: list[str]) -> dict[str, Any]:
    """``key=value`` pairs; a value that is valid JSON (numbers, true) is used as JSON."""
    settings: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InputError(None, _("--set {pair}: expected KEY=VALUE").format(pair=repr(pair)))
        try:
            settings[key] = json.loads(value)
        except json.JSONDecodeError:
            settings[key] = value
    return settings


def _fail(exc: InputError) -> int:
    print(exc.one_line(), file=sys.stderr)
    return 2


def submit_command(args: argparse.Namespace) -> int:
    try:
        if not args.package.is_file():
            raise InputError(args.package, _("no such file"))
        store = Store(args.db or default_db())
        job, created = submit(store, args.package, args.connector, parse_settings(args.settings),
                              time.time(), args.brief, args.brief_version)  # fmt: skip
    except InputError as exc:
        return _fail(exc)
    text = (
        _("job {id} queued: {state}") if created else _("job {id} already in the outbox: {state}")
    )
    print(text.format(id=job.id, state=job.state))
    return 0


def list_command(args: argparse.Namespace) -> int:
    for job in Store(args.db or default_db()).all():
        where = job.remote_url or job.last_error
        print(f"{job.id}\t{job.state}\t{job.connector}\t{job.attempts}\t{job.package}\t{where}")
    return 0


def run_command(args: argparse.Namespace) -> int:
    store = Store(args.db or default_db())
    credentials, notice = open_store()
    if notice:
        print(notice, file=sys.stderr)
    worker = Worker(store, credentials=credentials)
    worker.start()
    while True:
        worker.run_due()
        due = store.next_due_time()
        if not args.wait or due is None:
            break
        time.sleep(min(max(due - time.time(), 0.0), 60.0))
    final = sum(job.state in FINAL for job in store.all())
    print(_("{final} of {count} jobs final").format(final=final, count=len(store.all())))
    return 0


def retry_command(args: argparse.Namespace) -> int:
    if not Store(args.db or default_db()).retry(args.job, time.time()):
        return _fail(
            InputError(None, _("job {job} is not failed or cancelled").format(job=args.job))
        )
    return 0


def cancel_command(args: argparse.Namespace) -> int:
    if not Store(args.db or default_db()).cancel(args.job):
        return _fail(
            InputError(None, _("job {job} is done, cancelled or unknown").format(job=args.job))
        )
    return 0
