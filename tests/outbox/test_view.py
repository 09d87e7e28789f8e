"""What the outbox panel says about jobs, and the worker's clean stop and network wake-up."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from studio.connectors import registry
from studio.connectors.api import Submission, UploadContext, UploadResult
from studio.connectors.manifest import parse_manifest
from studio.connectors.testkit import make_zip
from studio.outbox import view
from studio.outbox.backoff import FakeClock
from studio.outbox.jobs import Job, State
from studio.outbox.store import Store
from studio.outbox.submit import submit
from studio.outbox.worker import OFFLINE_ERROR, Worker


def _job(state: State, **kw: Any) -> Job:
    return Job(id=1, package="/tmp/out/entry.zip", connector="folder", settings={},
               idempotency_key="k", state=state, **kw)  # fmt: skip


def test_rows_read_as_words_with_actions_that_apply() -> None:
    done = view.row(_job(State.DONE, remote_url="https://x.test/1", attempts=1))
    assert (done.package, done.label, done.link) == ("entry.zip", "Done", "https://x.test/1")
    assert not done.can_cancel and not done.can_retry
    failed = view.row(_job(State.FAILED_PERMANENT, last_error="Rejected: " + "too big " * 20))
    assert failed.label == "Failed" and failed.can_retry and failed.can_cancel
    assert len(failed.error) == view.ERROR_CHARS and failed.error.endswith("…")
    assert failed.error_full.startswith("Rejected: too big")
    waiting = view.row(_job(State.FAILED_RETRYABLE, next_attempt=1030.2), now=1000.0)
    assert waiting.label == "Waiting to retry in 31 s"
    assert view.row(_job(State.FAILED_RETRYABLE, next_attempt=1600), now=1000).label.endswith(
        "in 10 min"
    )
    assert view.row(_job(State.UPLOADING, remote_url="partial")).link == ""


def test_header_counts_waiting_and_infers_offline() -> None:
    jobs = [_job(State.QUEUED), _job(State.UPLOADING), _job(State.DONE)]
    assert view.header(jobs, True) == "Online · 2 waiting"
    assert view.header(jobs, None) == "Online · 2 waiting"
    jobs.append(_job(State.FAILED_RETRYABLE, last_error=OFFLINE_ERROR))
    assert view.header(jobs, None) == "Offline · 3 waiting"
    assert view.header([], False) == "Offline · 0 waiting"


class _Blocking:
    """Streams a file slowly until stopped, then honours cancel like a real connector."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Any]:
        return []

    def upload(self, submission: Submission, settings: dict[str, Any],
               context: UploadContext) -> UploadResult:  # fmt: skip
        context.save_resume_state({"offset": 10})
        self.started.set()
        while True:
            context.cancel_event.wait(5)
            context.check_cancelled()


def _entry(connector: Any, hosts: tuple[str, ...] = ()) -> registry.Entry:
    manifest = parse_manifest({
        "id": "slow", "name": "slow", "version": "1", "api": ">=1.0,<2", "python_name": "x:Y",
        "accepts": [{"format": "zip", "max_bytes": 10**9}], "auth": "none",
        "settings": {"type": "object"}, "hosts": list(hosts),
    })  # fmt: skip
    return registry.Entry("slow", "test", manifest, _loaded=connector)


def test_stop_defers_an_upload_in_flight_with_its_resume_state(tmp_path: Path) -> None:
    store, connector = Store(tmp_path / "o.sqlite3"), _Blocking()
    entries = [_entry(connector)]
    job = submit(store, make_zip(tmp_path / "p.zip", 1000), "slow", {}, 0, entries=entries)[0]
    worker = Worker(store, clock=FakeClock(), entries=entries)
    thread = threading.Thread(target=worker.run_due)
    thread.start()
    assert connector.started.wait(5)
    worker.stop()
    thread.join(5)
    assert not thread.is_alive()
    after = store.get(job.id)
    assert after is not None and after.state == State.FAILED_RETRYABLE
    assert after.last_error == "interrupted; resuming" and after.resume_state == {"offset": 10}
    assert after.attempts == 0  # an app quitting does not spend the retry budget
    assert worker.run_due() == 0  # a stopped worker starts nothing


def test_network_return_makes_offline_jobs_due_now(tmp_path: Path) -> None:
    store, clock = Store(tmp_path / "o.sqlite3"), FakeClock()
    entries = [_entry(_Blocking(), hosts=("unreachable.invalid",))]
    job = submit(store, make_zip(tmp_path / "p.zip", 1000), "slow", {}, clock.now(),
                 entries=entries)[0]  # fmt: skip
    worker = Worker(store, clock=clock, entries=entries, online=lambda hosts: False)
    worker.run_due()
    assert store.get(job.id).last_error == OFFLINE_ERROR  # type: ignore[union-attr]
    assert store.due(clock.now()) == []
    assert store.expedite(OFFLINE_ERROR, clock.now()) == 1
    assert [j.id for j in store.due(clock.now())] == [job.id]


def test_a_retry_during_a_cancelled_attempt_is_not_undone(tmp_path: Path) -> None:
    from studio.connectors.errors import Cancelled

    started, go = threading.Event(), threading.Event()

    class Late(_Blocking):
        def upload(self, submission: Submission, settings: dict[str, Any],
                   context: UploadContext) -> UploadResult:  # fmt: skip
            started.set()
            go.wait(5)
            raise Cancelled("cancelled by the user")

    store, entries = Store(tmp_path / "o.sqlite3"), [_entry(Late())]
    job = submit(store, make_zip(tmp_path / "p.zip", 1000), "slow", {}, 0, entries=entries)[0]
    worker = Worker(store, clock=FakeClock(), entries=entries)
    thread = threading.Thread(target=worker.run_due)
    thread.start()
    assert started.wait(5)
    store.cancel(job.id)
    store.retry(job.id, 0)  # the user clicks Retry before the old attempt has wound down
    go.set()
    thread.join(5)
    assert store.state(job.id) == State.QUEUED


def test_links_read_as_host_and_path_or_file_name() -> None:
    assert view.link_text("https://cloud.example.org/s/Kq8/") == "cloud.example.org/s/Kq8"
    assert view.link_text("file:///home/ana/Drop/entry%201.zip") == "entry 1.zip"
    assert view.link_text("https://x.test/" + "a" * 80).endswith("…")
