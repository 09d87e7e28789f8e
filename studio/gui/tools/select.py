"""Select, move, scale and rotate, with snapping, rubber-band selection and keyboard nudges."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsRectItem

from studio.document import ops
from studio.document.geometry import Box, Matrix, multiply, rotate, scale, translate
from studio.document.shapes import bounds
from studio.document.snap import Targets, snap_box, targets
from studio.gui.canvas.decor import cosmetic
from studio.gui.i18n import N_, tr
from studio.gui.tools.base import Tool

_OPPOSITE = {"nw": "se", "n": "s", "ne": "sw", "e": "w", "se": "nw", "s": "n", "sw": "ne", "w": "e"}


class SelectTool(Tool):
    name = "select"
    label = N_("Select")

    def __init__(self, view) -> None:
        super().__init__(view)
        self.mode: str | None = None
        self.start = QPointF()
        self.start_box: Box | None = None
        self.originals: dict[str, Matrix] = {}
        self.gesture: object = None
        self.handle = ""
        self.band: QGraphicsRectItem | None = None
        self.found: Targets | None = None  # what a move snaps to, found at its first step

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        ctrl = self.ctrl
        self.start, self.gesture = pos, object()
        handle = self.scene.overlay.handle_at(pos) if ctrl.selection else None
        hit = None if handle else self.element_at(pos)
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if handle:
            self.mode, self.handle = ("rotate" if handle == "rotate" else "scale"), handle
        elif hit:
            if shift:
                sel = [i for i in ctrl.selection if i != hit]
                ctrl.select(sel if hit in ctrl.selection else [*ctrl.selection, hit])
            elif hit not in ctrl.selection:
                ctrl.select([hit])
            self.mode = "move"
        else:
            if not shift:
                ctrl.select([])
            self.mode = "band"
            self.band = QGraphicsRectItem()
            self.band.setPen(cosmetic(QColor("#1c7ed6")))
            self.band.setBrush(QColor(28, 126, 214, 40))
            self.band.setZValue(20_000)
            self.scene.addItem(self.band)
        ids = ops.movable(ctrl.doc, ctrl.selection)
        self.originals = {i: ctrl.doc.find(i).transform for i in ids}  # type: ignore[union-attr]
        self.start_box = ops.selection_box(ctrl.doc, ids)
        self.found = None

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.mode is None:
            handle = self.scene.overlay.handle_at(pos) if self.ctrl.selection else None
            cursors = {"rotate": Qt.CursorShape.CrossCursor, None: Qt.CursorShape.ArrowCursor}
            self.view.viewport().setCursor(cursors.get(handle, Qt.CursorShape.SizeAllCursor))
            return
        if self.mode == "band" and self.band is not None:
            self.band.setRect(QRectF(self.start, pos).normalized())
            return
        if not self.originals or self.start_box is None:
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self.mode == "move":
            m = self._move_matrix(pos)
            text = tr("Move")
        elif self.mode == "scale":
            m = self._scale_matrix(pos, shift)
            text = tr("Scale")
        else:
            m = self._rotate_matrix(pos, shift)
            text = tr("Rotate")
        transforms = {i: multiply(m, t) for i, t in self.originals.items()}
        self.ctrl.set_transforms(transforms, text, self.gesture)

    def _move_matrix(self, pos: QPointF) -> Matrix:
        assert self.start_box is not None
        dx, dy = pos.x() - self.start.x(), pos.y() - self.start.y()
        b = self.start_box
        moved_box = Box(b.x + dx, b.y + dy, b.width, b.height)
        if self.found is None:  # the others stay put during the drag: their lines once
            others = [
                bounds(e)  # a layer's element: no parent transform
                for lay in self.ctrl.doc.layers
                for e in lay.elements
                if e.id not in self.originals
            ]
            self.found = targets(self.ctrl.doc, [o for o in others if o is not None])
        sx, sy, line_x, line_y = snap_box(moved_box, self.found, self.snap_distance())
        self.scene.overlay.snap_lines = (line_x, line_y)
        return translate(dx + sx, dy + sy)

    def _scale_matrix(self, pos: QPointF, keep_ratio: bool) -> Matrix:
        b = self.start_box
        assert b is not None
        points = {
            "nw": (b.x, b.y),
            "n": (b.center[0], b.y),
            "ne": (b.right, b.y),
            "e": (b.right, b.center[1]),
            "se": (b.right, b.bottom),
            "s": (b.center[0], b.bottom),
            "sw": (b.x, b.bottom),
            "w": (b.x, b.center[1]),
        }
        hx, hy = points[self.handle]
        ax, ay = points[_OPPOSITE[self.handle]]
        sx = (pos.x() - ax) / (hx - ax) if self.handle not in ("n", "s") and hx != ax else 1.0
        sy = (pos.y() - ay) / (hy - ay) if self.handle not in ("e", "w") and hy != ay else 1.0
        if keep_ratio or (self.handle in ("nw", "ne", "se", "sw") and keep_ratio):
            k = max(abs(sx), abs(sy))
            sx, sy = math.copysign(k, sx), math.copysign(k, sy)
        sx = sx if abs(sx) > 1e-3 else 1e-3
        sy = sy if abs(sy) > 1e-3 else 1e-3
        return multiply(translate(ax, ay), multiply(scale(sx, sy), translate(-ax, -ay)))

    def _rotate_matrix(self, pos: QPointF, snap: bool) -> Matrix:
        assert self.start_box is not None
        cx, cy = self.start_box.center
        a0 = math.atan2(self.start.y() - cy, self.start.x() - cx)
        a1 = math.atan2(pos.y() - cy, pos.x() - cx)
        degrees = math.degrees(a1 - a0)
        if snap:
            degrees = round(degrees / 15) * 15
        return rotate(degrees, cx, cy)

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.mode == "band" and self.band is not None:
            rect = self.band.rect()
            self.scene.removeItem(self.band)
            self.band = None
            if rect.width() > 0 and rect.height() > 0:
                area = Box(rect.x(), rect.y(), rect.width(), rect.height())
                hits = [
                    e.id
                    for lay in self.ctrl.doc.layers
                    if lay.visible and not lay.locked
                    for e in lay.elements
                    if not e.locked
                    and e.visible
                    and (b := ops.element_box(self.ctrl.doc, e.id)) is not None
                    and area.intersects(b)
                ]
                self.ctrl.select(hits)
        self.mode = None
        self.scene.overlay.snap_lines = (None, None)

    def double_click(self, pos: QPointF, event: QMouseEvent) -> None:
        hit = self.element_at(pos)
        element = self.ctrl.doc.find(hit) if hit else None
        if element is not None and element.kind == "text":
            from studio.gui.tools.text import edit_text

            edit_text(self.view, element.id)

    def key_press(self, event: QKeyEvent) -> bool:
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if event.key() in steps and self.ctrl.selection:
            unit = 25.4 / self.ctrl.doc.dpi if self.ctrl.doc.unit == "px" else 1.0
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                unit *= 10
            dx, dy = steps[Qt.Key(event.key())]
            self.ctrl.move_selection(dx * unit, dy * unit, ("nudge", tuple(self.ctrl.selection)))
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.ctrl.select([])
            return True
        return False
