"""Work that the first window does not show is done after its first frame.

``QTimer.singleShot(0, ...)`` is not enough: zero timers fire in the very event-loop pass that
paints the new window, before the paint. So the first paint of a widget is watched for, and
the queued calls run on the next pass, after that frame is on screen.

:class:`DeferredWidget` builds its content then, or when :meth:`DeferredWidget.content` is
asked for it (a window that is never shown, as in tests). Not on ``showEvent``: a dock tabbed
behind another counts as visible."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from shiboken6 import Shiboken


class _FirstFrame(QObject):
    """An application event filter, removed at the first paint of any widget."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Callable[[], object]] = []
        self.seen = False  # a widget began to paint
        self.done = False  # ...and that frame is finished

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Any widget's paint: a frame is being drawn, and it is drawn in one event's handling.
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QTimer.singleShot(0, self.run)
        return False

    def run(self) -> None:
        self.done = True
        calls, self.calls = self.calls, []
        for call in calls:
            call()


_watcher: _FirstFrame | None = None


def watch() -> None:
    """Start watching for the first frame (the application calls it as it starts)."""
    global _watcher
    app = QApplication.instance()
    if _watcher is None and app is not None:
        _watcher = _FirstFrame()
        app.installEventFilter(_watcher)


def run_pending() -> None:
    """Do the deferred work now (``--screenshot`` wants everything in its one picture)."""
    if _watcher is not None and not _watcher.done:
        app = QApplication.instance()
        if app is not None and not _watcher.seen:
            app.removeEventFilter(_watcher)
        _watcher.seen = True
        _watcher.run()


def first_frame_done() -> bool:
    """Whether the first frame is painted: until then, heavy drawing is better left for later.
    True when nobody watches (no frame to wait for that anyone would notice)."""
    return _watcher is None or _watcher.done


def after_first_frame(call: Callable[[], object]) -> None:
    """Run ``call`` once the first frame has been painted (soon, if it already has)."""
    watch()
    if _watcher is None or _watcher.done:
        QTimer.singleShot(0, call)
    else:
        _watcher.calls.append(call)


class DeferredWidget(QWidget):
    """A container that makes its one child with ``build(parent)`` after the first frame."""

    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build: Callable[[QWidget], QWidget] | None = build
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        after_first_frame(self._built_later)

    def content(self) -> QWidget:
        """The real widget, built now if it was not yet."""
        if self._content is None:
            assert self._build is not None
            build, self._build = self._build, None
            self._content = build(self)
            self._layout.addWidget(self._content)
        return self._content

    def _built_later(self) -> None:
        if Shiboken.isValid(self):  # not if the container was deleted before the first frame
            self.content()
