"""Editing a path's nodes: drag an anchor (its handles follow) or a bézier handle."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from studio.document import ops
from studio.document.geometry import apply, invert, multiply
from studio.document.model import Path, PathCommand
from studio.gui.canvas.decor import cosmetic
from studio.gui.i18n import N_, tr
from studio.gui.tools.base import Tool

NODE_PX = 8.0


def points_of(commands: list[PathCommand]) -> list[tuple[int, int, bool]]:
    """``(command index, argument index, is_anchor)`` of every editable point."""
    out = []
    for ci, (op, args) in enumerate(commands):
        for ai in range(0, len(args), 2):
            out.append((ci, ai, op != "C" or ai == 4))
    return out


def moved_point(
    commands: list[PathCommand], ci: int, ai: int, x: float, y: float, anchor: bool
) -> list[PathCommand]:
    """Commands with one point moved; moving an anchor drags its two handles along."""
    out = [(op, list(args)) for op, args in commands]
    dx, dy = x - out[ci][1][ai], y - out[ci][1][ai + 1]
    out[ci][1][ai], out[ci][1][ai + 1] = x, y
    if anchor:
        if out[ci][0] == "C":
            out[ci][1][2] += dx
            out[ci][1][3] += dy
        if ci + 1 < len(out) and out[ci + 1][0] == "C":
            out[ci + 1][1][0] += dx
            out[ci + 1][1][1] += dy
    return [(op, tuple(args)) for op, args in out]


class NodeTool(Tool):
    name = "nodes"
    label = N_("Edit nodes")

    def __init__(self, view) -> None:
        super().__init__(view)
        self.markers: list[QGraphicsRectItem] = []
        self.dragging: tuple[int, int, bool] | None = None
        self.gesture: object = None
        self.ctrl.selection_changed.connect(self._refresh)
        self.ctrl.elements_changed.connect(self._refresh)
        self.active = False

    def activate(self) -> None:
        super().activate()
        self.active = True
        self._refresh()

    def deactivate(self) -> None:
        self.active = False
        self._refresh()

    def path(self) -> Path | None:
        sel = self.ctrl.selected()
        if (
            len(sel) == 1
            and isinstance(sel[0], Path)
            and not ops.is_locked(self.ctrl.doc, sel[0].id)
        ):
            return sel[0]
        return None

    def _matrix(self, path: Path):
        return multiply(ops.parent_matrix(self.ctrl.doc, path.id), path.transform)

    def _refresh(self, *_: object) -> None:
        for marker in self.markers:
            if marker.scene() is not None:
                marker.scene().removeItem(marker)
        self.markers = []
        path = self.path() if self.active else None
        # The node markers alone on the path: the selection's scale and rotate handles (which
        # this tool does not use) sat on and among them.
        self.scene.overlay.setVisible(path is None)
        if path is None:
            return
        m = self._matrix(path)
        for ci, ai, anchor in points_of(path.commands):
            x, y = apply(m, *path.commands[ci][1][ai : ai + 2])
            marker = QGraphicsRectItem(QRectF(-NODE_PX / 2, -NODE_PX / 2, NODE_PX, NODE_PX))
            marker.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            marker.setPen(cosmetic(QColor("#1c7ed6")))
            marker.setBrush(QColor("#ffffff") if anchor else QColor("#1c7ed6"))
            marker.setPos(x, y)
            marker.setZValue(25_000)
            self.scene.addItem(marker)
            self.markers.append(marker)

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        path = self.path()
        if path is not None:
            reach = NODE_PX / max(self.view.scale_factor, 1e-6)
            for (ci, ai, anchor), marker in zip(
                points_of(path.commands), self.markers, strict=False
            ):
                if (
                    abs(marker.pos().x() - pos.x()) <= reach
                    and abs(marker.pos().y() - pos.y()) <= reach
                ):
                    self.dragging, self.gesture = (ci, ai, anchor), object()
                    return
        hit = self.element_at(pos)
        self.ctrl.select([hit] if hit else [])

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        path = self.path()
        if self.dragging is None or path is None:
            return
        x, y = apply(invert(self._matrix(path)), pos.x(), pos.y())
        ci, ai, anchor = self.dragging
        commands = moved_point(path.commands, ci, ai, x, y, anchor)
        self.ctrl.set_attrs({path.id: {"commands": commands}}, tr("Edit nodes"), self.gesture)

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        self.dragging = None
