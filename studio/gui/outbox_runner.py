"""Runs the core outbox worker off the GUI thread and reports to the GUI only by signals.

One QThread loops: run what is due, then sleep until the next job is due or someone wakes it
(a new job, Retry, the network coming back). Widgets are never touched from that thread.
Quitting calls :meth:`Worker.stop`, so an upload in flight stops at its next 16 KiB block and
is deferred with its resume state; the thread is waited for, never destroyed while running.

Network presence comes from QNetworkInformation when a backend loads; it only wakes the
worker (offline-deferred jobs become due at once). The core's TCP probe of each job's host
still decides per attempt, and is all there is when no backend is available.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtNetwork import QNetworkInformation

from studio.connectors import registry
from studio.connectors.credentials import CredentialStore
from studio.outbox.store import Store
from studio.outbox.worker import OFFLINE_ERROR, Worker

IDLE_WAIT = 30.0
"""Longest sleep between looks at the queue (another process may have added jobs)."""
PROGRESS_EVERY = 0.1
"""Seconds between progress signals of one job: a 2 GB upload has 130,000 blocks."""
STOP_WAIT_MS = 15_000


class _Loop(QThread):
    def __init__(self, runner: OutboxRunner) -> None:
        super().__init__()
        self.setObjectName("outbox-worker")
        self._runner = runner

    def run(self) -> None:
        runner = self._runner
        runner.worker.start()
        while not runner.worker.stopping:
            runner.worker.run_due()
            runner.changed.emit()
            due = runner.store.next_due_time()
            wait = IDLE_WAIT if due is None else min(max(due - time.time(), 0.0), IDLE_WAIT)
            if runner.wake_event.wait(wait):
                runner.wake_event.clear()


class OutboxRunner(QObject):
    """Owns the worker thread. Signals arrive in the GUI thread (queued connections)."""

    progress = Signal(int, int, int)  # job id, bytes done, bytes total
    changed = Signal()  # an attempt ended (or the queue was looked at)
    online_changed = Signal(bool)

    def __init__(
        self,
        store: Store,
        credentials: CredentialStore,
        entries: list[registry.Entry] | None = None,
        use_network_information: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.wake_event = threading.Event()
        self._last_emit: dict[int, float] = {}
        self.worker = Worker(store, credentials=credentials, entries=entries,
                             on_progress=self._on_progress)  # fmt: skip
        self.online: bool | None = None
        self._thread = _Loop(self)
        self._network = self._network_information() if use_network_information else None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # -- network ----------------------------------------------------------------------------
    def _network_information(self) -> QNetworkInformation | None:
        if not QNetworkInformation.loadDefaultBackend():
            return None
        info = QNetworkInformation.instance()
        if info is None:
            return None
        info.reachabilityChanged.connect(self._reachability)
        self._reachability(info.reachability())
        return info

    def _reachability(self, value: QNetworkInformation.Reachability) -> None:
        if value == QNetworkInformation.Reachability.Unknown:
            online = None
        else:
            online = value == QNetworkInformation.Reachability.Online
        self.set_online(online)

    def set_online(self, online: bool | None) -> None:
        """Record the network state; coming back online makes offline-deferred jobs due now."""
        was, self.online = self.online, online
        if online is not None and online != was:
            self.online_changed.emit(online)
        if online and was is not True:
            self.store.expedite(OFFLINE_ERROR, time.time())
            self.wake()

    # -- control (GUI thread) ---------------------------------------------------------------
    def start(self) -> None:
        if not self._thread.isRunning():
            self._thread.start()

    def wake(self) -> None:
        self.wake_event.set()

    def cancel(self, job_id: int) -> bool:
        """Cancel now; an upload in flight stops at its next block."""
        done = self.worker.cancel(job_id)
        self.changed.emit()
        return done

    def retry(self, job_id: int) -> bool:
        done = self.store.retry(job_id, time.time())
        self.wake()
        self.changed.emit()
        return done

    def running(self) -> bool:
        return self._thread.isRunning()

    def stop(self) -> None:
        """Stop the worker and wait for its thread (called at quit; safe to call twice)."""
        self.worker.stop()
        self.wake()
        if self._thread.isRunning():
            self._thread.wait(STOP_WAIT_MS)

    # -- worker thread ----------------------------------------------------------------------
    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_emit.get(job_id, 0.0) < PROGRESS_EVERY:
            return
        self._last_emit[job_id] = now
        self.progress.emit(job_id, done, total)
