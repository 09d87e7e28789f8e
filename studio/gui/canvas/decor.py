"""What the canvas shows around the artwork: the garment mock-up, the artboard, bleed, and the
brief's keep-out and required zones (guides are :mod:`studio.gui.canvas.guides`). None of it is
exported."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from studio.brief.model import Brief
from studio.document.model import Document

GUIDE_EXTENT = 5000.0


def cosmetic(color: QColor, width: float = 1.0, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width, style)
    pen.setCosmetic(True)
    return pen


class Artboard(QGraphicsItem):
    """The trim box (paper, or the print area on a garment) and the bleed box."""

    def __init__(self, doc: Document, brief: Brief | None, on_garment: bool) -> None:
        super().__init__()
        self.doc, self.brief, self.on_garment = doc, brief, on_garment
        b = doc.bleed
        self._bounds = QRectF(-b - 1, -b - 1, doc.width + 2 * b + 2, doc.height + 2 * b + 2)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        trim = QRectF(0, 0, self.doc.width, self.doc.height)
        if not self.on_garment:
            painter.fillRect(trim, QColor("#ffffff"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(
            cosmetic(
                QColor(0, 0, 0, 110),
                1,
                Qt.PenStyle.DashLine if self.on_garment else Qt.PenStyle.SolidLine,
            )
        )
        painter.drawRect(trim)
        if self.doc.bleed > 0:
            b = self.doc.bleed
            painter.setPen(cosmetic(QColor("#d11"), 1, Qt.PenStyle.DotLine))
            painter.drawRect(trim.adjusted(-b, -b, b, b))


class Zones(QGraphicsItem):
    """The brief's keep-out zones (hatched red) and required elements' zones (dashed blue)."""

    def __init__(self, doc: Document, brief: Brief | None) -> None:
        super().__init__()
        self.doc, self.brief = doc, brief

    def boundingRect(self) -> QRectF:
        return QRectF(-GUIDE_EXTENT, -GUIDE_EXTENT, 2 * GUIDE_EXTENT, 2 * GUIDE_EXTENT)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.brief is None:
            return
        for zone in self.brief.rules.keep_out:
            rect = QRectF(zone.x, zone.y, zone.width, zone.height)
            painter.setPen(cosmetic(QColor("#e03131"), 1.5))
            painter.setBrush(QBrush(QColor(224, 49, 49, 70), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)
        for required in self.brief.rules.required:
            if required.zone is None:
                continue
            z = required.zone
            painter.setPen(cosmetic(QColor("#5f3dc4"), 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(z.x, z.y, z.width, z.height))


def mockup_image(brief: Brief, color: str, max_px: int = 1400) -> tuple[QImage, float, float]:
    """The garment mock-up rendered and tinted with ``color`` (multiply: white takes the
    colour, shading stays); returns the image and its size in mm."""
    import numpy as np

    from studio.document.importer import svg_size_mm
    from studio.render.raster import render_rgba
    from studio.safety.svg import parse_svg

    assert brief.mockup is not None
    data = brief.asset(brief.mockup)
    w_mm, h_mm = svg_size_mm(parse_svg(data, brief.mockup))
    px_w = max_px if w_mm >= h_mm else round(max_px * w_mm / h_mm)
    px_h = round(px_w * h_mm / w_mm)
    rgba = render_rgba(data, px_w, px_h).astype(np.float32)
    tint = QColor(color)
    factor = np.array([tint.redF(), tint.greenF(), tint.blueF()], dtype=np.float32)
    rgba[..., :3] *= factor
    out = np.ascontiguousarray(rgba.clip(0, 255).astype(np.uint8))
    image = QImage(out.data, px_w, px_h, 4 * px_w, QImage.Format.Format_RGBA8888).copy()
    return image, w_mm, h_mm


class Mockup(QGraphicsItem):
    """The garment behind the artwork, its print area centred across the chest."""

    def __init__(self, doc: Document, brief: Brief, color: str) -> None:
        super().__init__()
        from studio.document.importer import svg_size_mm
        from studio.gui.deferred import after_first_frame, first_frame_done
        from studio.safety.svg import parse_svg

        assert brief.mockup is not None
        w, h = svg_size_mm(parse_svg(brief.asset(brief.mockup), brief.mockup))
        self.rect = QRectF(doc.width / 2 - w / 2, -0.19 * h, w, h)
        self.image = QImage()
        # Rendering and tinting the garment costs a second or two: not before the first frame.
        if first_frame_done():
            self._render(brief, color)
        else:
            after_first_frame(lambda: self._render(brief, color))

    def _render(self, brief: Brief, color: str) -> None:
        self.image, _, _ = mockup_image(brief, color)
        self.update()

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.image.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.rect, self.image)
