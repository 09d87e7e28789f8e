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
    sub = subparsers.add_parser("submit", help="queue a submission package for upload")
    sub.add_argument("package", type=Path)
    sub.add_argument("--connector", required=True, metavar="ID")
    sub.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="settings")
    sub.add_argument("--brief", default="", help="brief id")
    sub.add_argument("--brief-version", default="")
    sub.add_argument("--db", type=Path, default=None, help="queue file (default: per user)")
    sub.set_defaults(func=submit_command)

    outbox = subparsers.add_parser("outbox", help="the upload queue")
    outbox.add_argument("--db", type=Path, default=None, help="queue file (default: per user)")
    commands = outbox.add_subparsers(dest="outbox_command", required=True)
    commands.add_parser("list", help="every job and its state").set_defaults(func=list_command)
    run = commands.add_parser("run", help="upload what is due")
    run.add_argument("--wait", action="store_true", help="keep going until every job is final")
    run.set_defaults(func=run_command)
    for name, func, text in (("retry", retry_command, "queue a failed job again"),
                             ("cancel", cancel_command, "cancel a job")):  # fmt: skip
        command = commands.add_parser(name, help=text)
        command.add_argument("job", type=int)
        command.set_defaults(func=func)


def parse_settings(pairs: list[str]) -> dict[str, Any]:
    """``key=value`` pairs; a value that is valid JSON (numbers, true) is used as JSON."""
    settings: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InputError(None, f"--set {pair!r}: expected KEY=VALUE")
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
            raise InputError(args.package, "no such file")
        store = Store(args.db or default_db())
        job, created = submit(store, args.package, args.connector, parse_settings(args.settings),
                              time.time(), args.brief, args.brief_version)  # fmt: skip
    except InputError as exc:
        return _fail(exc)
    print(f"job {job.id} {'queued' if created else 'already in the outbox'}: {job.state}")
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
    print(f"{final} of {len(store.all())} jobs final")
    return 0


def retry_command(args: argparse.Namespace) -> int:
    if not Store(args.db or default_db()).retry(args.job, time.time()):
        return _fail(InputError(None, f"job {args.job} is not failed or cancelled"))
    return 0


def cancel_command(args: argparse.Namespace) -> int:
    if not Store(args.db or default_db()).cancel(args.job):
        return _fail(InputError(None, f"job {args.job} is done, cancelled or unknown"))
    return 0
