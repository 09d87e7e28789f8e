"""Scene items that mirror document elements. They hold no document state of their own: each
is rebuilt from its element (found by id) whenever the controller says the element changed.

Shapes are drawn with Qt's own painter from the same geometry the SVG writer uses
(``studio.document.shapes``), so the canvas and the export agree; imported SVG artwork is drawn
with resvg, the export renderer itself, at the first paint after the window's first frame
(the artwork appears a moment after the window).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGradient,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shiboken6 import Shiboken

from studio.document import namespaces as ns
from studio.document.model import (
    Element,
    Ellipse,
    Group,
    Image,
    LinearGradient,
    Paint,
    Path,
    Polygon,
    RadialGradient,
    Rect,
    SvgArt,
    Text,
)
from studio.document.shapes import fmt, polygon_points
from studio.gui import deferred

ELEMENT_ID = 0  # QGraphicsItem.data key holding the element id
TEXT_PX = 100.0  # text is shaped at this pixel size, then scaled to its size in mm


def qtransform(m: tuple[float, ...]) -> QTransform:
    a, b, c, d, e, f = m
    return QTransform(a, b, c, d, e, f)


def element_path(element: Element) -> QPainterPath:
    """The outline of a shape element in its own coordinates (mm)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    if isinstance(element, Rect):
        rect = QRectF(element.x, element.y, element.width, element.height)
        if element.rx:
            path.addRoundedRect(rect, element.rx, element.rx)
        else:
            path.addRect(rect)
    elif isinstance(element, Ellipse):
        path.addEllipse(QPointF(element.cx, element.cy), element.rx, element.ry)
    elif isinstance(element, Polygon):
        points = polygon_points(element)
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        path.closeSubpath()
    elif isinstance(element, Path):
        for op, args in element.commands:
            if op == "M":
                path.moveTo(*args)
            elif op == "L":
                path.lineTo(*args)
            elif op == "C":
                path.cubicTo(*args)
            elif op == "Z":
                path.closeSubpath()
    elif isinstance(element, Text):
        path = text_path(element)
    return path


def text_font(text: Text) -> QFont:
    font = QFont(text.family)
    font.setPixelSize(int(TEXT_PX))
    font.setWeight(QFont.Weight(max(100, min(900, text.weight))))
    font.setItalic(text.italic)
    if text.letter_spacing:
        spacing = text.letter_spacing * TEXT_PX / max(text.size, 1e-6)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return font


def text_path(text: Text) -> QPainterPath:
    font = text_font(text)
    metrics = QFontMetricsF(font)
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for i, line in enumerate(text.content.split("\n")):
        width = metrics.horizontalAdvance(line)
        x = {"start": 0.0, "middle": -width / 2, "end": -width}[text.align]
        path.addText(QPointF(x, i * TEXT_PX * text.line_height), font, line)
    k = text.size / TEXT_PX
    return QTransform(k, 0, 0, k, text.x, text.y).map(path)


def brush_for(paint: Paint) -> QBrush:
    if paint is None:
        return QBrush(Qt.BrushStyle.NoBrush)
    if isinstance(paint, str):
        return QBrush(QColor(paint))
    gradient: QGradient
    if isinstance(paint, LinearGradient):
        gradient = QLinearGradient(paint.x1, paint.y1, paint.x2, paint.y2)
    else:
        assert isinstance(paint, RadialGradient)
        gradient = QRadialGradient(paint.cx, paint.cy, paint.r)
    gradient.setCoordinateMode(QGradient.CoordinateMode.ObjectBoundingMode)
    for stop in paint.stops:
        color = QColor(stop.color)
        color.setAlphaF(stop.opacity)
        gradient.setColorAt(stop.offset, color)
    return QBrush(gradient)


_JOIN = {
    "miter": Qt.PenJoinStyle.SvgMiterJoin,
    "round": Qt.PenJoinStyle.RoundJoin,
    "bevel": Qt.PenJoinStyle.BevelJoin,
}
_CAP = {
    "butt": Qt.PenCapStyle.FlatCap,
    "round": Qt.PenCapStyle.RoundCap,
    "square": Qt.PenCapStyle.SquareCap,
}


def pen_for(element: Element) -> QPen:
    s = element.style
    if s.stroke is None or s.stroke_width <= 0:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(brush_for(s.stroke), s.stroke_width)
    pen.setJoinStyle(_JOIN[s.stroke_join])
    pen.setMiterLimit(4.0)
    pen.setCapStyle(_CAP[s.stroke_cap])
    return pen


@lru_cache(maxsize=64)
def _art_image(markup: str, x: float, y: float, w: float, h: float, px_w: int, px_h: int) -> QImage:
    from studio.render.raster import render_image

    inner = ET.fromstring(markup) if markup else ET.Element(ns.svg("svg"))
    for key, value in (("x", 0.0), ("y", 0.0), ("width", w), ("height", h)):
        inner.set(key, fmt(value))
    outer = ET.Element(
        ns.svg("svg"), {"width": fmt(w), "height": fmt(h), "viewBox": f"0 0 {fmt(w)} {fmt(h)}"}
    )
    outer.append(inner)
    image = render_image(ET.tostring(outer), px_w, px_h)
    return QImage(image.tobytes(), px_w, px_h, QImage.Format.Format_RGBA8888).copy()


@lru_cache(maxsize=64)
def _raster(data: bytes) -> QImage:
    return QImage.fromData(data)


class ElementItem(QGraphicsPathItem):
    """One element on the canvas (a group holds its children as child items).

    A shape is a plain QGraphicsPathItem: its paint and bounding box run in C++, with no call
    into Python per item and frame (1000 items: ~10 ms a frame saved). Images and SVG artwork
    draw through a child :class:`PictureItem`."""

    def __init__(self, element: Element, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.kind = element.kind
        self.picture: PictureItem | None = None
        self.update_from(element)

    def update_from(self, element: Element) -> None:
        self.setData(ELEMENT_ID, element.id)
        self.setTransform(qtransform(element.transform))
        self.setVisible(element.visible)
        self.setOpacity(element.style.opacity)
        for old in self.childItems():
            scene = old.scene()
            if scene is not None:
                scene.removeItem(old)
            else:
                old.setParentItem(None)  # detached: Python drops it
        self.picture = None
        if isinstance(element, Group | Image | SvgArt):
            self.setPath(QPainterPath())
            self.setPen(QPen(Qt.PenStyle.NoPen))
            self.setBrush(QBrush())
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
            if isinstance(element, Group):
                for z, member in enumerate(element.children):
                    ElementItem(member, self).setZValue(z)
            else:
                self.picture = PictureItem(element, self)
            return
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
        self.setPath(element_path(element))
        self.setBrush(brush_for(element.style.fill))
        self.setPen(pen_for(element))

    @property
    def element_id(self) -> str:
        return str(self.data(ELEMENT_ID))

    @property
    def image(self) -> QImage | None:
        return self.picture.image if self.picture is not None else None

    def ensure_image(self) -> QImage | None:
        """The picture of an image or SVG artwork element, rendering the artwork if needed."""
        return self.picture.ensure_image() if self.picture is not None else None

    def shape(self) -> QPainterPath:
        if self.picture is not None or self.kind == "text":  # a text is clicked by its box
            out = QPainterPath()
            out.addRect(self.picture.rect if self.picture is not None else self.boundingRect())
            return out
        return super().shape()


class PictureItem(QGraphicsItem):
    """The pixels of an image element, or of SVG artwork rendered with resvg at the first
    paint after the window's first frame (resvg and its import cost ~0.1 s)."""

    def __init__(self, element: Image | SvgArt, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.rect = QRectF(element.x, element.y, element.width, element.height)
        self.image: QImage | None = None
        self._art: tuple[str, float, float, float, float, int, int] | None = None
        if isinstance(element, Image):
            self.image = _raster(element.data)
        else:
            px_w = max(1, min(2048, round(element.width * 6)))
            px_h = max(1, round(px_w * element.height / max(element.width, 1e-6)))
            self._art = (
                element.markup,
                element.x,
                element.y,
                element.width,
                element.height,
                px_w,
                px_h,
            )

    def ensure_image(self) -> QImage | None:
        if self.image is None and self._art is not None:
            self.image = _art_image(*self._art)
        return self.image

    def _repaint(self) -> None:
        if Shiboken.isValid(self):
            self.update()

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.image is None and self._art is not None:
            if not deferred.first_frame_done():
                deferred.after_first_frame(self._repaint)
                return
            self.ensure_image()
        if self.image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.rect, self.image)


def top_element_item(item: QGraphicsItem | None) -> ElementItem | None:
    """The outermost element item containing ``item`` (what a click selects)."""
    found = None
    while item is not None:
        if isinstance(item, ElementItem):
            found = item
        item = item.parentItem()
    return found
