"""The worker survives any connector, retries with backoff on an injected clock, and the CLI
turns unusable input into exit 2 with one line."""

from __future__ import annotations

import argparse
import random
import threading
from pathlib import Path
from typing import Any

import pytest

from studio.connectors import registry
from studio.connectors.api import (
    RateLimited,
    ServerError,
    Submission,
    UploadContext,
    UploadResult,
)
from studio.connectors.manifest import parse_manifest
from studio.connectors.testkit import make_zip
from studio.outbox import cli
from studio.outbox.backoff import FakeClock, RetryPolicy
from studio.outbox.jobs import State
from studio.outbox.store import Store
from studio.outbox.submit import submit
from studio.outbox.worker import Worker

SECRET = "s3cret-token-value"


def _entry(connector_id: str, connector: Any, hosts: tuple[str, ...] = ()) -> registry.Entry:
    manifest = parse_manifest({
        "id": connector_id, "name": connector_id, "version": "1", "api": ">=1.0,<2",
        "python_name": "x:Y", "accepts": [{"format": "zip", "max_bytes": 10**9}],
        "auth": "token", "settings": {"type": "object"}, "hosts": list(hosts),
    })  # fmt: skip
    return registry.Entry(connector_id, "test", manifest, _loaded=connector)


class Scripted:
    """Does, per attempt, the next thing in ``script``: a result, an exception, or a callable."""

    def __init__(self, *script: Any) -> None:
        self.script = list(script)
        self.calls = 0

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Any]:
        return []

    def upload(self, submission: Submission, settings: dict[str, Any],
               context: UploadContext) -> Any:  # fmt: skip
        self.calls += 1
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        return step(context) if callable(step) else step


@pytest.fixture
def outbox(tmp_path: Path) -> Any:
    clock = FakeClock()
    store = Store(tmp_path / "outbox.sqlite3")

    def make(*entries: registry.Entry, **kwargs: Any) -> tuple[Worker, list[int]]:
        worker = Worker(store, clock=clock, entries=list(entries),
                        policy=RetryPolicy(rng=random.Random(1)), **kwargs)  # fmt: skip
        ids = []
        for n, entry in enumerate(entries):
            package = make_zip(tmp_path / f"p{n}.zip", 1000)
            ids.append(
                submit(store, package, entry.id, {}, clock.now(), entries=list(entries))[0].id
            )
        return worker, ids

    make.clock, make.store = clock, store  # type: ignore[attr-defined]
    return make


def test_raise_garbage_and_secrets_fail_only_their_own_job(outbox: Any) -> None:
    worker, _ = outbox(
        _entry("raises", Scripted(KeyError(f"Bearer {SECRET}"))),
        _entry("garbage", Scripted({"id": 1})),
        _entry("exits", Scripted(SystemExit(3))),
        _entry("good", Scripted(UploadResult("r1", "https://x/r1"))),
    )
    worker.credentials.set("raises", "token", SECRET)
    assert worker.run_due() == 4
    jobs = {j.connector: j for j in outbox.store.all()}
    assert jobs["raises"].state == State.FAILED_PERMANENT
    assert "KeyError" in jobs["raises"].last_error and SECRET not in jobs["raises"].last_error
    assert jobs["garbage"].state == State.FAILED_PERMANENT
    assert "not a result" in jobs["garbage"].last_error
    assert jobs["exits"].state == State.FAILED_PERMANENT
    assert jobs["good"].state == State.DONE and jobs["good"].remote_url == "https://x/r1"


def test_a_hanging_connector_is_abandoned(outbox: Any) -> None:
    release = threading.Event()
    worker, ids = outbox(
        _entry("hangs", Scripted(lambda ctx: release.wait(30))),
        attempt_timeout=0.2, cancel_grace=0.1,
    )  # fmt: skip
    worker.run_due()
    release.set()
    job = outbox.store.get(ids[0])
    assert job.state == State.FAILED_RETRYABLE and "did not finish" in job.last_error


def test_retries_back_off_on_the_clock_until_delivered(outbox: Any) -> None:
    connector = Scripted(ServerError("HTTP 503"), RateLimited("HTTP 429", 120), UploadResult("ok"))
    worker, ids = outbox(_entry("flaky", connector))
    clock = outbox.clock
    worker.run_due()
    job = outbox.store.get(ids[0])
    assert job.state == State.FAILED_RETRYABLE and 2.5 <= job.next_attempt - clock.now() <= 5
    assert worker.run_due() == 0  # not due yet: nothing sleeps, nothing runs
    clock.advance(5)
    worker.run_due()
    job = outbox.store.get(ids[0])
    assert job.next_attempt - clock.now() >= 120  # Retry-After beats the shorter backoff
    clock.advance(120)
    worker.run_due()
    job = outbox.store.get(ids[0])
    assert job.state == State.DONE and job.attempts == 3 and connector.calls == 3


def test_the_retry_budget_ends_in_a_permanent_failure(outbox: Any) -> None:
    worker, ids = outbox(_entry("down", Scripted(*[ServerError("HTTP 500")] * 8)))
    for _ in range(8):
        worker.run_due()
        outbox.clock.advance(4000)
    job = outbox.store.get(ids[0])
    assert job.state == State.FAILED_PERMANENT and job.last_error.startswith("gave up after 8")


def test_offline_defers_without_spending_attempts(outbox: Any) -> None:
    connector = Scripted(UploadResult("ok"))
    worker, ids = outbox(_entry("net", connector, ("setting:url",)), online=lambda hosts: False)
    worker.run_due()
    job = outbox.store.get(ids[0])
    assert job.attempts == 0 and job.last_error.startswith("offline") and connector.calls == 0


def test_cancel_from_another_process_stops_the_upload(outbox: Any, tmp_path: Path) -> None:
    def upload(context: UploadContext) -> UploadResult:
        other = Store(tmp_path / "outbox.sqlite3")  # as `motif-studio outbox cancel` would
        other.cancel(ids[0])
        for _ in range(10_000):
            context.report_progress(1, 2)  # the stream's per-block check
        return UploadResult("too late")

    worker, ids = outbox(_entry("slow", Scripted(upload)))
    import studio.outbox.worker as module

    module.CANCEL_POLL = 0.0
    try:
        worker.run_due()
    finally:
        module.CANCEL_POLL = 0.25
    assert outbox.store.get(ids[0]).state == State.CANCELLED


def test_resubmitting_the_same_package_finds_the_job(outbox: Any, tmp_path: Path) -> None:
    entry = _entry("once", Scripted(UploadResult("ok")))
    _, ids = outbox(entry)
    job, created = submit(outbox.store, tmp_path / "p0.zip", "once", {}, 0.0, entries=[entry])
    assert not created and job.id == ids[0]


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_cli_unusable_input_is_exit_2_and_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = make_zip(tmp_path / "p.zip", 1000)
    cases = [
        ["submit", str(tmp_path / "missing.zip"), "--connector", "folder"],
        ["submit", str(package), "--connector", "nope"],
        ["submit", str(package), "--connector", "folder"],  # the folder setting is missing
        ["submit", str(package), "--connector", "folder", "--set", "folder=relative/dir"],
        ["outbox", "retry", "99"],
    ]
    for argv in cases:
        assert _cli(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1, (argv, err)


def test_cli_submit_run_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = make_zip(tmp_path / "p.zip", 5000)
    out = tmp_path / "out"
    out.mkdir()
    assert _cli(["submit", str(package), "--connector", "folder", "--set", f"folder={out}"]) == 0
    assert _cli(["outbox", "run"]) == 0
    assert _cli(["outbox", "list"]) == 0
    assert "\tdone\tfolder\t1\t" in capsys.readouterr().out
    assert (out / "p.zip").read_bytes() == package.read_bytes()
