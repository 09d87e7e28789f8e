"""One way to run long work off the GUI thread: ``run_in_background(fn, on_done, ...)``.

``fn(progress, cancel)`` runs in a QThreadPool thread; it reports through ``progress(fraction,
message)`` and checks ``cancel`` (a ``threading.Event``, the form the production API accepts).
Results, errors and progress come back as signals of an object living in the GUI thread, so the
callbacks always run in the GUI thread and never touch widgets from the worker. A task that is
cancelled ends through ``on_error`` with the ``Cancelled`` it raised.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Progress = Callable[[float, str], None]
Work = Callable[[Progress, threading.Event], Any]

_running: set[Task] = set()
"""Tasks whose results are still to be delivered (keeps their signal objects alive)."""


class Task(QObject):
    """A handle on one background call: :meth:`cancel` it, ask whether it is :attr:`done`."""

    _finished = Signal(bool, object)  # ok, result or exception
    _progressed = Signal(float, str)

    def __init__(
        self,
        fn: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        on_progress: Progress | None,
    ) -> None:
        super().__init__()
        self.cancel_event = threading.Event()
        self.done = False
        self._fn, self._on_done, self._on_error, self._on_progress = (
            fn,
            on_done,
            on_error,
            on_progress,
        )
        # Bound slots of an object of the GUI thread: Qt queues the emits from the pool thread.
        self._finished.connect(self._deliver)
        self._progressed.connect(self._report)

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        """The pool thread's part: call ``fn`` and emit what it gave."""
        try:
            result = self._fn(self._progressed.emit, self.cancel_event)
        except BaseException as exc:  # delivered to on_error, in the GUI thread
            self._finished.emit(False, exc)
        else:
            self._finished.emit(True, result)

    @Slot(float, str)
    def _report(self, fraction: float, message: str) -> None:
        if self._on_progress is not None and not self.done:
            self._on_progress(fraction, message)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: Any) -> None:
        self.done = True
        _running.discard(self)
        if ok:
            self._on_done(value)
        elif self._on_error is not None:
            self._on_error(value)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.run()


def run_in_background(
    fn: Work,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Progress | None = None,
) -> Task:
    """Start ``fn(progress, cancel)`` in the thread pool; call the callbacks in this thread."""
    task = Task(fn, on_done, on_error, on_progress)
    _running.add(task)
    QThreadPool.globalInstance().start(_Runnable(task))
    return task


def busy() -> bool:
    """True while any task's result has not been delivered yet."""
    return bool(_running)


def cancel_all(wait_ms: int = 15_000) -> None:
    """Cancel every task and wait for the pool (at quit: no thread outlives the app)."""
    for task in list(_running):
        task.cancel()
    QThreadPool.globalInstance().waitForDone(wait_ms)
