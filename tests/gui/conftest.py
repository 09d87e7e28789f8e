"""GUI fixtures: a main window per test (fresh settings and recovery folder, from the
temporary HOME), closed without prompts at the end, and a check that no top-level window
leaks from one test into the next."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from studio.gui.app import application


@pytest.fixture
def window(qtbot) -> Iterator:
    from studio.gui.mainwindow import MainWindow

    application()
    win = MainWindow()
    win.resize(1200, 800)
    win.show()
    yield win
    win.ctrl.stack.setClean()
    win.ctrl.recovered = False
    assert win.close(), "the window refused to close"
    win.deleteLater()


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp) -> Iterator[None]:
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    QApplication.processEvents()
    leaked = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible()
        and id(w) not in before
        and w.isWindow()
        and w.windowType() not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup)
    ]
    for w in leaked:
        w.close()
    assert not leaked, f"top-level windows left open: {leaked}"


def view_point(win, x_mm: float, y_mm: float) -> QPoint:
    return win.view.mapFromScene(QPointF(x_mm, y_mm))


def drag(
    qtbot,
    win,
    a: tuple[float, float],
    b: tuple[float, float],
    steps: int = 4,
    modifier=Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press at ``a``, move to ``b`` in steps, release — on the canvas, in document mm."""
    from PySide6.QtTest import QTest

    vp = win.view.viewport()
    start, end = view_point(win, *a), view_point(win, *b)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, modifier, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        QTest.mouseMove(vp, p)
        held_move(vp, p, modifier)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, end)


def held_move(widget, to: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A move with the left button held, sent to ``widget`` (the one pressed: Qt's implicit
    grab) wherever the mouse now is. QTest.mouseMove alone carries no buttons."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent

    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(to),
        QPointF(widget.mapToGlobal(to)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        modifier,
    )
    QApplication.sendEvent(widget, event)


def click(qtbot, win, at: tuple[float, float], double: bool = False) -> None:
    from PySide6.QtTest import QTest

    vp = win.view.viewport()
    if double:
        QTest.mouseDClick(
            vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view_point(win, *at)
        )
    else:
        QTest.mouseClick(
            vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view_point(win, *at)
        )
