"""What every tool has: the view, its scene and the controller; no-op event handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent

from studio.document import ops
from studio.document.snap import snap_point, targets
from studio.gui.canvas.items import ElementItem, top_element_item
from studio.gui.i18n import N_

if TYPE_CHECKING:
    from studio.gui.canvas.view import CanvasView


class Tool:
    name = "tool"
    label = N_("Tool")
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, view: CanvasView) -> None:
        self.view = view
        self.scene = view.canvas
        self.ctrl = view.canvas.ctrl

    def activate(self) -> None:
        self.view.viewport().setCursor(self.cursor)

    def deactivate(self) -> None:
        pass

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        pass

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        pass

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        pass

    def double_click(self, pos: QPointF, event: QMouseEvent) -> None:
        pass

    def key_press(self, event: QKeyEvent) -> bool:
        return False

    # helpers ------------------------------------------------------------------------------
    def snap_distance(self) -> float:
        """The snapping reach in mm: the ``canvas/snap_px`` setting at the current zoom, or 0
        when ``canvas/snap`` is off."""
        return self.view.snap_reach()

    def snapped(self, pos: QPointF) -> QPointF:
        found = targets(self.ctrl.doc, [])
        x, y = snap_point(pos.x(), pos.y(), found, self.snap_distance())
        return QPointF(x, y)

    def element_at(self, pos: QPointF) -> str | None:
        """The topmost unlocked, visible top-level element under ``pos``."""
        for item in self.scene.items(pos):
            top = top_element_item(item)
            if isinstance(top, ElementItem) and not ops.is_locked(self.ctrl.doc, top.element_id):
                return top.element_id
        return None
