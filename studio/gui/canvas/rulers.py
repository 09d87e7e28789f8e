"""Rulers along the canvas, in the brief's units, following the view's zoom and scroll. A press
on a ruler and a drag into the canvas makes a guide (the top ruler horizontal guides, the left
one vertical guides): see :mod:`studio.gui.canvas.guides`."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from studio.gui.i18n import tr
from studio.units import from_mm, to_mm

THICKNESS = 22


def tick_step(px_per_unit: float, min_px: float = 60.0) -> float:
    """A round step (1, 2, 5 × 10^n units) at least ``min_px`` apart on screen."""
    raw = min_px / max(px_per_unit, 1e-9)
    power = 10 ** math.floor(math.log10(raw))
    for k in (1, 2, 5, 10):
        if k * power >= raw:
            return k * power
    return 10 * power


class Ruler(QWidget):
    def __init__(self, view, horizontal: bool) -> None:
        super().__init__()
        self.view, self.horizontal = view, horizontal
        self.setAccessibleName(tr("Horizontal ruler") if horizontal else tr("Vertical ruler"))
        if horizontal:
            self.setFixedHeight(THICKNESS)
        else:
            self.setFixedWidth(THICKNESS)
        self.setCursor(Qt.CursorShape.SplitVCursor if horizontal else Qt.CursorShape.SplitHCursor)
        self.setToolTip(tr("Drag into the canvas to make a guide"))
        view.zoom_changed.connect(lambda _: self.update())
        view.horizontalScrollBar().valueChanged.connect(lambda _: self.update())
        view.verticalScrollBar().valueChanged.connect(lambda _: self.update())

    def sizeHint(self) -> QSize:
        return QSize(THICKNESS, THICKNESS)

    # --- dragging a guide out --------------------------------------------------------------
    def _in_viewport(self, event: QMouseEvent) -> QPointF:
        viewport = self.view.viewport()
        return QPointF(viewport.mapFromGlobal(self.mapToGlobal(event.position())))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        from studio.gui.canvas.guides import GuideDrag

        if event.button() != Qt.MouseButton.LeftButton or self.view.canvas.preview:
            super().mousePressEvent(event)
            return
        self.view.guide_drag = GuideDrag(
            self.view, "horizontal" if self.horizontal else "vertical"
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.view.guide_drag is not None:
            self.view.guide_drag.move(self._in_viewport(event))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self.view.guide_drag = self.view.guide_drag, None
        if drag is not None and event.button() == Qt.MouseButton.LeftButton:
            drag.finish(self._in_viewport(event))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.window())
        painter.setPen(pal.windowText().color())
        doc = self.view.canvas.doc
        unit, dpi = doc.unit, doc.dpi
        origin = self.view.mapFromScene(QPointF(0, 0))
        k = self.view.scale_factor  # px per mm
        px_per_unit = k * to_mm(1.0, unit, dpi)
        step = tick_step(px_per_unit)
        length = self.width() if self.horizontal else self.height()
        start_px = origin.x() if self.horizontal else origin.y()
        first = math.floor(from_mm(-start_px / k, unit, dpi) / step) * step
        value = first
        font = painter.font()
        font.setPixelSize(9)
        painter.setFont(font)
        while True:
            pos = start_px + to_mm(value, unit, dpi) * k
            if pos > length:
                break
            for minor in range(1, 5):
                mpos = pos + minor * step / 5 * px_per_unit
                self._line(painter, mpos, THICKNESS - 4)
            self._line(painter, pos, 0)
            label = f"{value:g}"
            if self.horizontal:
                painter.drawText(QRectF(pos + 2, 0, 60, 12), Qt.AlignmentFlag.AlignLeft, label)
            else:
                painter.save()
                painter.translate(2, pos + 2)
                painter.rotate(90)
                painter.drawText(QRectF(0, -12, 60, 12), Qt.AlignmentFlag.AlignLeft, label)
                painter.restore()
            value += step
        painter.end()

    def _line(self, painter: QPainter, pos: float, from_edge: float) -> None:
        if self.horizontal:
            painter.drawLine(QPointF(pos, from_edge), QPointF(pos, THICKNESS))
        else:
            painter.drawLine(QPointF(from_edge, pos), QPointF(THICKNESS, pos))
