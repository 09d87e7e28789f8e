"""Guides dragged out of the rulers, moved on the canvas and dragged back onto their ruler to be
removed: real mouse events on the rulers and the canvas, each gesture one undo step."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from studio.document.model import Document, Guide, Layer, Rect, Style
from studio.gui.canvas.rulers import Ruler
from tests.gui.conftest import held_move


def _open(window, guides: list[Guide] | None = None, elements=None) -> Document:
    doc = Document(width=200, height=150)
    doc.layers.append(Layer("Artwork", elements=list(elements or [])))
    doc.guides = list(guides or [])
    window.ctrl.set_document(doc)
    window.view.set_zoom(1.0)  # 3.78 px per mm: a guide lands on a multiple of 0.5 mm
    window.view.centerOn(100, 75)
    return doc


def _ruler(window, horizontal: bool) -> Ruler:
    return next(r for r in window.findChildren(Ruler) if r.horizontal == horizontal)


def _at(widget: QWidget, window, x_mm: float, y_mm: float) -> QPoint:
    """Where the canvas point (mm) is, in ``widget``'s coordinates."""
    viewport = window.view.viewport()
    return widget.mapFromGlobal(viewport.mapToGlobal(window.view.mapFromScene(QPointF(x_mm, y_mm))))


def _press(widget: QWidget, at: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def _release(widget: QWidget, at: QPoint) -> None:
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def _drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 5) -> None:
    _press(widget, start)
    for i in range(1, steps + 1):
        held_move(widget, start + (end - start) * (i / steps))
    _release(widget, end)


def test_a_guide_dragged_out_of_each_ruler_follows_the_mouse_and_stays(window) -> None:
    doc = _open(window)
    top = _ruler(window, horizontal=True)
    start = QPoint(top.width() // 2, top.height() // 2)
    end = _at(top, window, 60, 47.1)
    _press(top, start)
    held_move(top, QPoint(start.x(), start.y() + 3))  # still on the ruler: no guide yet
    assert not window.scene.dragged_guide.isVisible()
    held_move(top, end)
    line = window.scene.dragged_guide
    assert line.isVisible() and line.orientation == "horizontal"
    assert line.position == 47.0 and line.label == "47 mm"  # the read-out, in the doc's unit
    assert doc.guides == []  # nothing is edited before the release
    count = window.ctrl.stack.count()
    _release(top, end)
    assert doc.guides == [Guide("horizontal", 47.0)]
    assert window.scene.dragged_guide is None
    assert [g.position for g in window.scene.guide_lines] == [47.0]
    left = _ruler(window, horizontal=False)
    _drag(left, QPoint(left.width() // 2, left.height() // 2), _at(left, window, 120.1, 80))
    assert doc.guides == [Guide("horizontal", 47.0), Guide("vertical", 120.0)]
    assert window.ctrl.stack.count() == count + 2
    assert window.ctrl.stack.undoText() == "Add guide"
    window.acts["undo"].trigger()
    assert window.ctrl.doc.guides == [Guide("horizontal", 47.0)]
    assert len(window.scene.guide_lines) == 1
    window.acts["redo"].trigger()
    assert window.ctrl.doc.guides[-1] == Guide("vertical", 120.0)


def test_a_guide_in_the_brief_units_snaps_unless_snapping_is_off(window) -> None:
    doc = _open(window)
    doc.unit = "in"  # a brief in inches: the guide lands on a round number of inches
    top = _ruler(window, horizontal=True)
    start = QPoint(10, top.height() // 2)
    near_middle = _at(top, window, 60, 74.168)  # 2.92 in: 0.8 mm from the artboard's middle
    _drag(top, start, near_middle)
    assert doc.guides == [Guide("horizontal", 75.0)]
    window.view.store.set("canvas/snap", False)
    _press(top, start)
    held_move(top, near_middle)
    # 96 px per inch at 100 %: the finest round step at least a pixel apart is 0.02 in
    assert window.scene.dragged_guide.label == "2.92 in"
    _release(top, near_middle)
    assert doc.guides[-1] == Guide("horizontal", 74.168)
    assert window.scene.guide_lines[-1].position == 74.168


def test_an_existing_guide_moves_then_goes_when_dragged_back_onto_its_ruler(window) -> None:
    rect = Rect(x=40, y=20, width=30, height=30, style=Style(fill="#d62839"))
    doc = _open(window, [Guide("vertical", 50.3)], [rect])  # off the 0.5 mm grid
    viewport = window.view.viewport()
    window.ctrl.select([])
    count = window.ctrl.stack.count()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_at(viewport, window, 50.5, 30))
    assert doc.guides == [Guide("vertical", 50.3)] and window.ctrl.stack.count() == count
    _drag(viewport, _at(viewport, window, 50, 30), _at(viewport, window, 90.1, 30))
    assert doc.guides == [Guide("vertical", 90.0)]
    assert rect.transform == (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # the guide was picked, not the rect
    assert window.ctrl.selection == []
    assert window.ctrl.stack.undoText() == "Move guide"
    count = window.ctrl.stack.count()
    start = _at(viewport, window, 90, 100)
    _press(viewport, start)
    held_move(viewport, _at(viewport, window, 60, 100))
    assert not window.scene.guide_lines[0].isVisible()  # the dragged copy stands in for it
    over_ruler = QPoint(-8, start.y())  # left of the canvas: over the vertical ruler
    held_move(viewport, over_ruler)
    assert not window.scene.dragged_guide.isVisible()
    _release(viewport, over_ruler)
    assert window.ctrl.doc.guides == [] and window.scene.guide_lines == []
    assert window.ctrl.stack.count() == count + 1
    assert window.ctrl.stack.undoText() == "Remove guide"
    window.acts["undo"].trigger()
    assert window.ctrl.doc.guides == [Guide("vertical", 90.0)]
    assert window.scene.guide_lines[0].isVisible()


def test_a_new_guide_let_go_on_its_ruler_or_escaped_edits_nothing(window) -> None:
    doc = _open(window)
    count = window.ctrl.stack.count()
    top = _ruler(window, horizontal=True)
    start = QPoint(40, top.height() // 2)
    _drag(top, start, QPoint(140, 4))  # along the ruler, never into the canvas
    _press(top, start)
    held_move(top, _at(top, window, 80, 80))
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    held_move(top, _at(top, window, 80, 90))
    _release(top, _at(top, window, 80, 90))
    assert doc.guides == [] and window.ctrl.stack.count() == count
    assert window.scene.dragged_guide is None


def test_an_undo_during_a_guide_drag_wins(window) -> None:
    doc = _open(window, [Guide("vertical", 50.0)])
    top = _ruler(window, horizontal=True)
    _drag(top, QPoint(40, top.height() // 2), _at(top, window, 60, 40.1))
    assert doc.guides[-1] == Guide("horizontal", 40.0)
    viewport = window.view.viewport()
    _press(viewport, _at(viewport, window, 120, 40))  # picks the new guide up
    held_move(viewport, _at(viewport, window, 120, 60.1))
    window.acts["undo"].trigger()  # the guide being dragged is taken back meanwhile
    _release(viewport, _at(viewport, window, 120, 70.1))
    assert doc.guides == [Guide("vertical", 50.0)]
    assert window.scene.dragged_guide is None
    window.acts["redo"].trigger()
    assert doc.guides == [Guide("vertical", 50.0), Guide("horizontal", 40.0)]
