"""Work that the first window does not show is done after its first frame.

``QTimer.singleShot(0, ...)`` is not enough: zero timers fire in the very event-loop pass that
paints the new window, before the paint. So the first paint of the main window is watched for,
and the queued calls run on the next pass, after that frame is on screen.

The watch is an event filter on that window alone, not on the application: a Python filter on
the application sees every event of every widget, and wrapping each object it is handed for
Python made building the window ~0.1 s slower (the canvas view alone took 60 ms more)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken


class _FirstFrame(QObject):
    """An event filter on the watched windows, removed at the first paint of one of them."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Callable[[], object]] = []
        self.windows: list[QWidget] = []
        self.seen = False  # a window began to paint
        self.done = False  # ...and that frame is finished

    def add(self, window: QWidget) -> None:
        if not self.seen and window not in self.windows:
            self.windows.append(window)
            window.installEventFilter(self)

    def unwatch(self) -> None:
        windows, self.windows = self.windows, []
        for window in windows:
            if Shiboken.isValid(window):
                window.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # The window's paint: its frame is being drawn, and it is drawn in one event's handling.
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            self.unwatch()
            QTimer.singleShot(0, self.run)
        return False

    def run(self) -> None:
        self.done = True
        calls, self.calls = self.calls, []
        for call in calls:
            call()


_watcher: _FirstFrame | None = None


def watch(window: QWidget) -> None:
    """Wait for ``window``'s first frame (the main window calls it as it is built, before its
    parts ask for anything to be deferred). Once a first frame is done, there is nothing more
    to wait for: later windows do not defer."""
    global _watcher
    if _watcher is None:
        _watcher = _FirstFrame()
    _watcher.add(window)


def run_pending() -> None:
    """Do the deferred work now (``--screenshot`` wants everything in its one picture)."""
    if _watcher is not None and not _watcher.done:
        _watcher.seen = True
        _watcher.unwatch()
        _watcher.run()


def first_frame_done() -> bool:
    """Whether the first frame is painted: until then, heavy drawing is better left for later.
    True when nobody watches (no frame to wait for that anyone would notice)."""
    return _watcher is None or _watcher.done


def after_first_frame(call: Callable[[], object]) -> None:
    """Run ``call`` once the first frame has been painted (soon, if it already has, or if no
    window is watched)."""
    if _watcher is None or _watcher.done:
        QTimer.singleShot(0, call)
    else:
        _watcher.calls.append(call)
