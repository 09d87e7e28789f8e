"""The pen: click for corners, drag for smooth (bézier) nodes; click the first node to close,
double-click or Enter to finish, Escape to cancel."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from studio.document.model import Path, PathCommand, Style
from studio.gui.canvas.decor import cosmetic
from studio.gui.i18n import N_, tr
from studio.gui.tools.base import Tool

CLOSE_PX = 8


def commands_for(nodes: list[tuple[QPointF, QPointF]], closed: bool) -> list[PathCommand]:
    """Path commands through ``(anchor, out-handle offset)`` nodes."""
    out: list[PathCommand] = [("M", (nodes[0][0].x(), nodes[0][0].y()))]
    pairs = list(itertools.pairwise(nodes))
    if closed:
        pairs.append((nodes[-1], nodes[0]))
    for (a, ha), (b, hb) in pairs:
        if ha.isNull() and hb.isNull():
            out.append(("L", (b.x(), b.y())))
        else:
            c1, c2 = a + ha, b - hb
            out.append(("C", (c1.x(), c1.y(), c2.x(), c2.y(), b.x(), b.y())))
    if closed:
        out.append(("Z", ()))
    return out


class PenTool(Tool):
    name = "pen"
    label = N_("Pen")
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, view) -> None:
        super().__init__(view)
        self.nodes: list[tuple[QPointF, QPointF]] = []
        self.dragging = False
        self.preview: QGraphicsPathItem | None = None

    def _draw(self, hover: QPointF | None = None) -> None:
        if self.preview is None:
            self.preview = QGraphicsPathItem()
            self.preview.setPen(cosmetic(QColor("#1c7ed6"), 1.5))
            self.preview.setZValue(20_000)
            self.scene.addItem(self.preview)
        path = QPainterPath()
        if self.nodes:
            nodes = list(self.nodes)
            if hover is not None and not self.dragging:
                nodes.append((hover, QPointF()))
            if len(nodes) >= 2:
                for op, args in commands_for(nodes, False):
                    if op == "M":
                        path.moveTo(*args)
                    elif op == "L":
                        path.lineTo(*args)
                    else:
                        path.cubicTo(*args)
        self.preview.setPath(path)

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        reach = CLOSE_PX / max(self.view.scale_factor, 1e-6)
        if len(self.nodes) >= 2:
            first = self.nodes[0][0]
            if abs(first.x() - pos.x()) <= reach and abs(first.y() - pos.y()) <= reach:
                self.finish(closed=True)
                return
        self.nodes.append((self.snapped(pos), QPointF()))
        self.dragging = True
        self._draw()

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.dragging and self.nodes:
            anchor = self.nodes[-1][0]
            self.nodes[-1] = (anchor, pos - anchor)
        if self.nodes:
            self._draw(pos)

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        self.dragging = False

    def double_click(self, pos: QPointF, event: QMouseEvent) -> None:
        self.finish(closed=False)

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(closed=False)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    def finish(self, closed: bool) -> None:
        # a double-click adds the same point twice: drop repeated anchors
        nodes: list[tuple[QPointF, QPointF]] = []
        for node in self.nodes:
            if not nodes or (node[0] - nodes[-1][0]).manhattanLength() > 1e-6:
                nodes.append(node)
        self.cancel()
        if len(nodes) < 2:
            return
        ctrl = self.ctrl
        style = Style(
            fill=ctrl.fill if closed else None,
            stroke=ctrl.stroke or (None if closed else ctrl.fill or "#000000"),
            stroke_width=max(ctrl.stroke_width, 0.5),
            stroke_join="round",
            stroke_cap="round",
        )
        if closed and ctrl.stroke is None:
            style.stroke, style.stroke_width = None, 0.0
        ctrl.add([Path(commands=commands_for(nodes, closed), style=style)], tr("Draw path"))

    def cancel(self) -> None:
        self.nodes, self.dragging = [], False
        if self.preview is not None:
            self.scene.removeItem(self.preview)
            self.preview = None

    def deactivate(self) -> None:
        self.finish(closed=False)
