"""Rectangle, ellipse, polygon, star and line: drag a box, release to add the shape."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsPathItem

from studio.document.model import Element, Ellipse, Path, Polygon, Rect, Style
from studio.gui.canvas.decor import cosmetic
from studio.gui.canvas.items import brush_for, element_path
from studio.gui.i18n import N_, tr
from studio.gui.tools.base import Tool

MIN_SIZE_PX = 3


class ShapeTool(Tool):
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, view, kind: str) -> None:
        super().__init__(view)
        self.kind = kind
        self.name = kind
        self.label = {
            "rect": N_("Rectangle"),
            "ellipse": N_("Ellipse"),
            "polygon": N_("Polygon"),
            "star": N_("Star"),
            "line": N_("Line"),
        }[kind]
        self.start: QPointF | None = None
        self.preview: QGraphicsPathItem | None = None

    def _undo_text(self) -> str:
        return {
            "rect": tr("Draw rectangle"),
            "ellipse": tr("Draw ellipse"),
            "polygon": tr("Draw polygon"),
            "star": tr("Draw star"),
            "line": tr("Draw line"),
        }[self.kind]

    def make(self, a: QPointF, b: QPointF, square: bool) -> Element:
        ctrl = self.ctrl
        rect = QRectF(a, b).normalized()
        if square and self.kind != "line":
            side = max(rect.width(), rect.height())
            rect.setSize(rect.size().expandedTo(rect.size().__class__(side, side)))
        style = Style(
            fill=ctrl.fill,
            stroke=ctrl.stroke,
            stroke_width=ctrl.stroke_width if ctrl.stroke else 0.0,
        )
        x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
        if self.kind == "rect":
            return Rect(x=x, y=y, width=w, height=h, style=style)
        if self.kind == "ellipse":
            return Ellipse(cx=x + w / 2, cy=y + h / 2, rx=w / 2, ry=h / 2, style=style)
        if self.kind in ("polygon", "star"):
            radius = max(w, h) / 2
            return Polygon(
                cx=x + w / 2,
                cy=y + h / 2,
                radius=radius,
                sides=6 if self.kind == "polygon" else 5,
                inner_ratio=0.5 if self.kind == "star" else None,
                style=style,
            )
        stroke = ctrl.stroke or ctrl.fill or "#000000"
        return Path(
            commands=[("M", (a.x(), a.y())), ("L", (b.x(), b.y()))],
            style=Style(
                fill=None,
                stroke=stroke,
                stroke_width=max(ctrl.stroke_width, 0.5),
                stroke_cap="round",
            ),
        )

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        self.start = self.snapped(pos)
        self.preview = QGraphicsPathItem()
        self.preview.setPen(cosmetic(QColor("#1c7ed6")))
        self.preview.setZValue(20_000)
        self.scene.addItem(self.preview)

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.start is None or self.preview is None:
            return
        square = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        element = self.make(self.start, self.snapped(pos), square)
        self.preview.setPath(element_path(element))
        fill = QColor(brush_for(element.style.fill).color())
        fill.setAlpha(120)
        self.preview.setBrush(fill if element.style.fill else Qt.BrushStyle.NoBrush)

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.preview is not None:
            self.scene.removeItem(self.preview)
            self.preview = None
        if self.start is None:
            return
        end = self.snapped(pos)
        start, self.start = self.start, None
        reach = MIN_SIZE_PX / max(self.view.scale_factor, 1e-6)
        if abs(end.x() - start.x()) < reach and abs(end.y() - start.y()) < reach:
            return
        square = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.ctrl.add([self.make(start, end, square)], self._undo_text())

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self.preview is not None:
            self.scene.removeItem(self.preview)
            self.preview, self.start = None, None
            return True
        return False
