"""The selection's box with its scale handles and rotate handle, drawn over everything.

Handles keep their size on screen whatever the zoom: the view tells the overlay its scale."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from studio.document.geometry import Box
from studio.gui.canvas.decor import cosmetic

HANDLE_PX = 9.0
ROTATE_PX = 24.0
HANDLES = ("nw", "n", "ne", "e", "se", "s", "sw", "w")


class SelectionOverlay(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self.box: Box | None = None
        self.px_per_mm = 1.0  # screen pixels per mm
        self.locked = False
        self.snap_lines: tuple[float | None, float | None] = (None, None)
        self.setZValue(10_000)

    def set_box(self, box: Box | None, locked: bool = False) -> None:
        self.prepareGeometryChange()
        self.box, self.locked = box, locked
        self.update()

    def set_scale(self, scale: float) -> None:
        self.prepareGeometryChange()
        self.px_per_mm = max(scale, 1e-6)

    def handle_points(self) -> dict[str, QPointF]:
        if self.box is None:
            return {}
        b = self.box
        cx, cy = b.center
        points = {
            "nw": (b.x, b.y),
            "n": (cx, b.y),
            "ne": (b.right, b.y),
            "e": (b.right, cy),
            "se": (b.right, b.bottom),
            "s": (cx, b.bottom),
            "sw": (b.x, b.bottom),
            "w": (b.x, cy),
            "rotate": (cx, b.y - ROTATE_PX / self.px_per_mm),
        }
        return {k: QPointF(*v) for k, v in points.items()}

    def handle_at(self, pos: QPointF) -> str | None:
        if self.locked:
            return None
        reach = HANDLE_PX / self.px_per_mm
        for name, point in self.handle_points().items():
            if abs(point.x() - pos.x()) <= reach and abs(point.y() - pos.y()) <= reach:
                return name
        return None

    def boundingRect(self) -> QRectF:
        if self.box is None:
            return QRectF()
        pad = (ROTATE_PX + HANDLE_PX * 2) / self.px_per_mm
        b = self.box
        return QRectF(b.x, b.y, b.width, b.height).adjusted(-pad, -pad, pad, pad)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.box is None:
            return
        accent = QColor("#1c7ed6") if not self.locked else QColor("#868e96")
        b = self.box
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(cosmetic(accent, 1, Qt.PenStyle.DashLine))
        painter.drawRect(QRectF(b.x, b.y, b.width, b.height))
        if self.locked:
            return
        size = HANDLE_PX / self.px_per_mm
        points = self.handle_points()
        painter.setPen(cosmetic(accent, 1))
        painter.drawLine(points["n"], points["rotate"])
        painter.setBrush(QColor("#ffffff"))
        for name, point in points.items():
            rect = QRectF(point.x() - size / 2, point.y() - size / 2, size, size)
            if name == "rotate":
                painter.drawEllipse(rect)
            else:
                painter.drawRect(rect)
