"""Runs due jobs, one attempt each, and records what happened.

The worker is the wall between plugins and the app: whatever a connector does (raise anything,
hang, return garbage) ends as a job state with a short, redacted message, and the next job
runs. Each attempt runs in its own thread with a deadline; a connector that ignores cancel past
the deadline is abandoned and its late writes to the resume state are discarded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from studio.connectors import registry
from studio.connectors.api import Submission, UploadResult
from studio.connectors.context import UploadContext
from studio.connectors.credentials import CredentialStore, MemoryStore, credentials_for
from studio.connectors.errors import Cancelled, ConnectorError, RateLimited
from studio.connectors.http import ConnectorSession
from studio.connectors.tokens import TokenKeeper
from studio.errors import InputError
from studio.i18n import N_
from studio.outbox import network
from studio.outbox.backoff import Clock, RetryPolicy, SystemClock
from studio.outbox.jobs import Job, State
from studio.outbox.store import Store

OFFLINE_DELAY = 30.0
# Stored in the queue in English (compared there); the outbox view shows them translated.
OFFLINE_ERROR = N_("offline: the server cannot be reached")
INTERRUPTED = N_("interrupted; resuming")
JOIN_SLICE = 0.1
"""How often (real seconds) a waiting worker looks whether :meth:`Worker.stop` was called."""
CANCEL_POLL = 0.25
"""How often (real seconds) an upload re-reads its row, to notice a cancel from another process."""

Progress = Callable[[int, int, int], None]  # job id, done, total


@dataclass
class Outcome:
    result: UploadResult | None = None
    error: BaseException | None = None
    value: object = None


@dataclass
class Worker:
    store: Store
    clock: Clock = field(default_factory=SystemClock)
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    credentials: CredentialStore = field(default_factory=MemoryStore)
    entries: list[registry.Entry] | None = None
    attempt_timeout: float = 6 * 3600.0
    cancel_grace: float = 5.0
    online: Callable[[list[str]], bool] = network.probe
    on_progress: Progress | None = None
    session_factory: Callable[[], requests.Session] = ConnectorSession
    _cancels: dict[int, threading.Event] = field(default_factory=dict)
    _stopping: threading.Event = field(default_factory=threading.Event)

    def start(self) -> int:
        """Call once when the app starts: interrupted uploads become due again."""
        return self.store.recover(self.clock.now())

    def cancel(self, job_id: int) -> bool:
        """Cancel a job; an upload in flight stops at its next block."""
        event = self._cancels.get(job_id)
        if event is not None:
            event.set()
        return self.store.cancel(job_id)

    def stop(self) -> None:
        """Quit soon (the app is closing): uploads in flight stop at their next block and are
        deferred with their resume state, not cancelled; no further job starts."""
        self._stopping.set()
        for event in list(self._cancels.values()):
            event.set()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def run_due(self, limit: int | None = None) -> int:
        """Run every job due now (one attempt each); returns how many were attempted."""
        count = 0
        for job in self.store.due(self.clock.now()):
            if (limit is not None and count >= limit) or self.stopping:
                break
            if self.run(job):
                count += 1
        return count

    def run(self, job: Job) -> bool:
        """One attempt at ``job``; False if it was not runnable (claimed, cancelled)."""
        try:
            entry = registry.find(job.connector, self.entries)
            manifest = entry.manifest
            assert manifest is not None
            connector = registry.load(entry)
            problems = manifest.settings_problems(job.settings)
            if problems:
                raise InputError(None, f"settings: {problems[0]}")
        except InputError as exc:
            if self.store.claim(job.id):
                self.store.fail(job.id, State.FAILED_PERMANENT, exc.one_line()[:300])
            return True
        if not self.online(network.job_hosts(manifest.hosts, job.settings)):
            self.store.defer(job.id, OFFLINE_ERROR, self._later())
            return True
        if not self.store.claim(job.id):
            return False
        try:
            submission = Submission.from_package(Path(job.package), job.brief_id, job.brief_version)
        except InputError as exc:
            self.store.fail(job.id, State.FAILED_PERMANENT, exc.one_line()[:300])
            return True
        secrets = credentials_for(
            self.credentials, manifest.id, manifest.auth, manifest.secret_settings
        )
        keeper = TokenKeeper(manifest, self.credentials, self.clock.now, self.session_factory)
        self._attempt(job, connector, submission, secrets, keeper)
        return True

    def _later(self, seconds: float = OFFLINE_DELAY) -> float:
        return self.clock.now() + seconds

    def _attempt(self, job: Job, connector: Any, submission: Submission,
                 secrets: dict[str, str], keeper: TokenKeeper) -> None:  # fmt: skip
        cancel = threading.Event()
        self._cancels[job.id] = cancel
        detached = threading.Event()
        last_poll = [time.monotonic()]

        def save(state: dict[str, Any]) -> None:
            if not detached.is_set():
                self.store.save_resume(job.id, state)

        def progress(done: int, total: int) -> None:
            if time.monotonic() - last_poll[0] > CANCEL_POLL:
                last_poll[0] = time.monotonic()
                if self.store.state(job.id) == State.CANCELLED:
                    cancel.set()
            if self.on_progress is not None and not detached.is_set():
                self.on_progress(job.id, done, total)

        context = UploadContext(
            session=self.session_factory(), idempotency_key=job.idempotency_key,
            credentials=secrets, resume_state=job.resume_state, save_resume_state=save,
            progress=progress, cancel_event=cancel,
        )  # fmt: skip
        outcome = Outcome()

        def body() -> None:
            try:
                outcome.value = keeper.call(
                    context, lambda: connector.upload(submission, dict(job.settings), context)
                )
            except BaseException as exc:  # a plugin may raise anything, even SystemExit
                outcome.error = exc

        thread = threading.Thread(target=body, name=f"upload-{job.id}", daemon=True)
        thread.start()
        deadline = time.monotonic() + self.attempt_timeout
        while thread.is_alive() and not self.stopping and time.monotonic() < deadline:
            thread.join(min(JOIN_SLICE, max(deadline - time.monotonic(), 0.0)))
        if thread.is_alive():
            cancel.set()
            thread.join(self.cancel_grace)
        self._cancels.pop(job.id, None)
        if thread.is_alive() and self.stopping:
            detached.set()
            self.store.defer(job.id, INTERRUPTED, self.clock.now())
        elif thread.is_alive():
            detached.set()
            error = f"the connector did not finish within {self.attempt_timeout:g} s"
            self._record_failure(job, ConnectorError(error), context)
        else:
            self._record(job, outcome, context)

    def _record(self, job: Job, outcome: Outcome, context: UploadContext) -> None:
        if outcome.error is not None:
            self._record_failure(job, outcome.error, context)
            return
        value = outcome.value
        if not isinstance(value, UploadResult) or not isinstance(value.remote_id, str) \
                or not value.remote_id:  # fmt: skip
            shown = context.redactor.redact(repr(value))[:80]
            self.store.fail(
                job.id, State.FAILED_PERMANENT, f"the connector returned {shown}, not a result"
            )
            return
        self.store.finish(job.id, value.remote_id, str(value.url))

    def _record_failure(self, job: Job, error: BaseException, context: UploadContext) -> None:
        message = context.redactor.redact(describe(error))[:300]
        if self.stopping and self.store.state(job.id) != State.CANCELLED:
            self.store.defer(job.id, INTERRUPTED, self.clock.now())
            return
        current = self.store.state(job.id)
        if isinstance(error, Cancelled) or current == State.CANCELLED:
            # Cancelled, then retried before this attempt wound down: the new job is not ours.
            if current in (State.UPLOADING, State.CANCELLED):
                self.store.fail(job.id, State.CANCELLED, "cancelled")
            return
        retryable = _retryable(error)
        attempts = job.attempts + 1
        if retryable and attempts < self.policy.max_attempts:
            retry_after = error.retry_after if isinstance(error, RateLimited) else None
            when = self.clock.now() + self.policy.delay(attempts, retry_after)
            self.store.fail(job.id, State.FAILED_RETRYABLE, message, when)
        else:
            if retryable:
                message = f"gave up after {attempts} attempts: {message}"
            self.store.fail(job.id, State.FAILED_PERMANENT, message[:300])


def _retryable(error: BaseException) -> bool:
    if isinstance(error, ConnectorError):
        return error.retryable
    return isinstance(error, requests.ConnectionError | requests.Timeout | OSError)


def describe(error: BaseException) -> str:
    """A one-line message: the connector's own for typed errors, else the type and text."""
    if isinstance(error, ConnectorError):
        return f"{type(error).__name__}: {error.message}"
    text = " ".join(str(error).split())[:200]
    return f"connector failed: {type(error).__name__}: {text}" if text else type(error).__name__
