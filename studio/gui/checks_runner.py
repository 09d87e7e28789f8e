"""Live checking off the GUI thread: debounced, one worker, stale results dropped.

A first check of a t-shirt design takes seconds (the whole canvas is rendered) and later
ones tens of milliseconds; either would stall typing or dragging if run on the GUI thread.
So edits only restart a short timer; when it fires, the document is copied (on the GUI
thread, where nobody else touches it, with ``document_copy``: a few ms where deepcopy took
20) and handed to ONE worker thread, which owns the
:class:`~studio.checks.live.CheckSession` (not thread-safe). At most one check runs at a
time: edits made meanwhile mark the result stale, and one more check starts when the running
one ends. Results travel back by a queued signal, tagged with their generation, and a result
older than the latest edit is dropped. :meth:`CheckRunner.shutdown` waits for the worker.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from studio.brief.model import Brief
from studio.checks.model import Report
from studio.document.model import Document
from studio.gui.controller import Controller

if TYPE_CHECKING:  # the engine (numpy...) loads on the worker, after the first frame
    from concurrent.futures import Future, ThreadPoolExecutor

    from studio.checks.live import CheckSession

# A re-check after one edit takes tens of milliseconds, so waiting much longer than that would
# be most of the delay the user sees; a few frames are enough to gather a burst of edits (the
# moves of a drag, a held key) into one check.
DEBOUNCE_MS = 40


class _Worker:
    """Lives on the worker thread only: the session and the brief it was made for."""

    def __init__(self) -> None:
        self.session: CheckSession | None = None
        self.thread_name = ""

    def run(self, brief: Brief, doc: Document) -> Report:
        self.thread_name = threading.current_thread().name
        if self.session is None or self.session.brief is not brief:
            from studio.checks.live import CheckSession

            self.session = CheckSession(brief)
        return self.session.update(doc)


class CheckRunner(QObject):
    """Watches the controller and emits ``report_ready`` with each fresh report."""

    report_ready = Signal(object)  # Report
    busy_changed = Signal(bool)
    failed = Signal(str)
    _delivered = Signal(int, object, object)  # generation, Report | None, error text | None

    def __init__(self, ctrl: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.brief: Brief | None = None
        self.report: Report | None = None
        self.generation = 0  # bumped by every edit; a result is fresh if it carries this one
        self._running: int | None = None  # the generation being checked, if any
        self._executor: ThreadPoolExecutor | None = None  # the worker, made for the first check
        self._closed = False
        self._worker = _Worker()
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self._delivered.connect(self._receive)
        ctrl.document_replaced.connect(self._document_replaced)
        ctrl.brief_changed.connect(self._document_replaced)
        ctrl.structure_changed.connect(self.schedule)
        ctrl.elements_changed.connect(self.schedule)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        return self._running is not None or self._timer.isActive()

    @property
    def has_brief(self) -> bool:
        """A brief to check against, or one still being looked for (then a check will come)."""
        return self.brief is not None or self.ctrl.brief_pending

    @property
    def worker_thread(self) -> str:
        """The name of the thread the last check ran on (never the GUI thread's)."""
        return self._worker.thread_name

    def set_brief(self, brief: Brief | None) -> None:
        self.brief = brief
        self.report = None
        self.schedule(now=True)

    def _document_replaced(self) -> None:
        """A new document, or another brief for it: check against that brief. While the brief
        is still looked for, nothing is checked (``brief_changed`` comes when it is found)."""
        if self.ctrl.brief_pending:
            self.set_brief(None)
        else:
            self.set_brief(self.ctrl.brief or _cached_brief(self.ctrl.doc))

    def schedule(self, *_: object, now: bool = False) -> None:
        """An edit happened: the current report is stale; check again after a pause."""
        self.generation += 1
        if self.brief is None or not self.ctrl.has_document or self._closed:
            self._timer.stop()
            return
        was_busy = self.busy
        if now:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()
        if not was_busy:
            self.busy_changed.emit(True)

    def _start(self) -> None:
        if self._running is not None or self._closed or self.brief is None:
            return  # _receive starts the next check when the running one ends
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(1, "motif-checks")
        generation, brief = self.generation, self.brief
        from studio.checks.live import document_copy  # loaded with the first check

        snapshot = document_copy(self.ctrl.doc)
        self._running = generation
        future = self._executor.submit(self._worker.run, brief, snapshot)
        future.add_done_callback(lambda f: self._done(generation, f))

    def _done(self, generation: int, future: Future[Report]) -> None:
        """On the worker thread: hand the result to the GUI thread (queued signal)."""
        if future.cancelled():
            return
        error = future.exception()
        try:
            if error is not None:
                self._delivered.emit(generation, None, f"{type(error).__name__}: {error}")
            else:
                self._delivered.emit(generation, future.result(), None)
        except RuntimeError:
            pass  # the runner was deleted (the app is quitting): nobody is left to tell

    def _receive(self, generation: int, report: Report | None, error: str | None) -> None:
        self._running = None
        if self._closed:
            return
        if generation != self.generation:
            if not self._timer.isActive():
                self._start()  # edits came in while it ran: check what the user has now
            return
        if error is not None:
            self.busy_changed.emit(False)
            self.failed.emit(error)
            return
        self.report = report
        self.busy_changed.emit(False)
        self.report_ready.emit(report)

    def shutdown(self) -> None:
        """Stop checking and wait for a running check to end (called when the window
        closes, so no worker outlives the objects it reports to)."""
        self._timer.stop()
        self._closed = True
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _cached_brief(doc: Document) -> Brief | None:
    """The brief a design opened from disk answers, if a copy was kept when it was made."""
    if doc.brief is None or not doc.brief.sha256:
        return None
    from studio.brands.cache import BriefCache

    return BriefCache().get(doc.brief.sha256)
