"""The scene mirrors the controller's document: it rebuilds items when told the document, its
structure or some elements changed, and never changes the document itself."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPixmapItem, QGraphicsScene

from studio.document import ops
from studio.document.model import Document, Layer
from studio.gui.canvas.decor import Artboard, Mockup, Zones
from studio.gui.canvas.guides import GuideLine, Orientation
from studio.gui.canvas.items import ElementItem
from studio.gui.canvas.overlay import SelectionOverlay
from studio.gui.controller import Controller


class LayerItem(QGraphicsItem):
    """Holds a layer's element items; draws nothing itself."""

    def __init__(self, layer: Layer) -> None:
        super().__init__()
        self.layer_id = layer.id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.setVisible(layer.visible)
        for z, element in enumerate(layer.elements):
            ElementItem(element, self).setZValue(z)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, *args: object) -> None:
        pass


class CanvasScene(QGraphicsScene):
    # What the scene shows changed for a reason of the model's (document, selection, guides,
    # garment, preview): the views' kept frames are out of date.
    model_changed = Signal()

    def __init__(self, ctrl: Controller) -> None:
        super().__init__()
        self.ctrl = ctrl
        self.items_by_id: dict[str, ElementItem] = {}
        self.layer_items: list[LayerItem] = []
        self.mockup: Mockup | None = None
        self.artboard: Artboard | None = None
        self.zones: Zones | None = None
        self.garment = ""
        self.preview = False
        self.preview_item: QGraphicsPixmapItem | None = None
        self.preview_scale = 4.0  # preview pixels per mm
        self.px_per_mm = 1.0  # the view's scale, for what keeps its size on screen
        self.overlay = SelectionOverlay()
        self.guide_lines: list[GuideLine] = []
        self.dragged_guide: GuideLine | None = None
        self._preview_timer = QTimer(self, singleShot=True, interval=150)
        self._preview_timer.timeout.connect(self._render_preview)
        ctrl.document_replaced.connect(self.rebuild)
        ctrl.structure_changed.connect(self.rebuild_layers)
        ctrl.elements_changed.connect(self.update_elements)
        ctrl.selection_changed.connect(self.update_overlay)
        ctrl.guides_changed.connect(self.rebuild_guides)
        self.rebuild()

    @property
    def doc(self) -> Document:
        return self.ctrl.doc

    def rebuild(self) -> None:
        self.model_changed.emit()
        for item in list(self.items()):
            if item.parentItem() is None:
                self.removeItem(item)
        self.layer_items, self.items_by_id, self.mockup, self.preview_item = [], {}, None, None
        self.guide_lines, self.dragged_guide = [], None
        brief = self.ctrl.brief
        if brief is not None and brief.mockup and brief.garment_colors:
            colors = [c.color for c in brief.garment_colors]
            if self.garment not in colors:
                self.garment = colors[0]
            self.mockup = Mockup(self.doc, brief, self.garment)
            self.mockup.setZValue(-200)
            self.addItem(self.mockup)
        self.artboard = Artboard(self.doc, brief, self.mockup is not None)
        self.artboard.setZValue(-100)
        self.addItem(self.artboard)
        self.zones = Zones(self.doc, brief)
        self.zones.setZValue(5000)
        self.addItem(self.zones)
        self.overlay = SelectionOverlay()
        self.overlay.set_scale(self.px_per_mm)
        self.addItem(self.overlay)
        self.rebuild_guides()
        self.rebuild_layers()
        margin = max(self.doc.width, self.doc.height) * 0.6
        rect = QRectF(0, 0, self.doc.width, self.doc.height).adjusted(
            -margin, -margin, margin, margin
        )
        if self.mockup is not None:
            rect = rect.united(self.mockup.rect.adjusted(-50, -50, 50, 50))
        self.setSceneRect(rect)

    def rebuild_layers(self) -> None:
        self.model_changed.emit()
        for item in self.layer_items:
            self.removeItem(item)
        self.layer_items = []
        for z, layer in enumerate(self.doc.layers):
            item = LayerItem(layer)
            item.setZValue(z)
            item.setVisible(layer.visible and not self.preview)
            self.addItem(item)
            self.layer_items.append(item)
        self._index()
        self.update_overlay()
        self.refresh_preview()

    def _index(self) -> None:
        self.items_by_id = {}
        stack: list[QGraphicsItem] = list(self.layer_items)
        while stack:
            item = stack.pop()
            if isinstance(item, ElementItem):
                self.items_by_id[item.element_id] = item
            stack += item.childItems()

    def update_elements(self, ids: list[str]) -> None:
        self.model_changed.emit()
        for element_id in ids:
            item, element = self.items_by_id.get(element_id), self.doc.find(element_id)
            if item is not None and element is not None:
                item.update_from(element)
        if any(getattr(self.doc.find(i), "kind", "") == "group" for i in ids):
            self._index()
        self.update_overlay()
        self.refresh_preview()

    # --- guides ----------------------------------------------------------------------------
    def rebuild_guides(self) -> None:
        self.model_changed.emit()
        for line in self.guide_lines:
            self.removeItem(line)
        self.guide_lines = []
        for guide in self.doc.guides:
            line = GuideLine(guide.orientation, guide.position, self.px_per_mm)
            line.setVisible(not self.preview)
            self.addItem(line)
            self.guide_lines.append(line)

    def begin_guide_drag(self, orientation: Orientation, index: int | None) -> GuideLine:
        """The line that follows the mouse; the guide at ``index`` hides meanwhile."""
        self.end_guide_drag()  # model_changed too
        self.dragged_guide = GuideLine(orientation, 0.0, self.px_per_mm)
        self.dragged_guide.setVisible(False)  # until the mouse is over the canvas
        self.addItem(self.dragged_guide)
        if index is not None:
            self.guide_lines[index].setVisible(False)
        return self.dragged_guide

    def end_guide_drag(self) -> None:
        self.model_changed.emit()
        if self.dragged_guide is not None:
            self.removeItem(self.dragged_guide)
            self.dragged_guide = None
        for line in self.guide_lines:
            line.setVisible(not self.preview)

    def set_view_scale(self, px_per_mm: float) -> None:
        """The view's zoom (screen pixels per mm): handles and guides keep their screen size."""
        self.px_per_mm = px_per_mm
        self.overlay.set_scale(px_per_mm)
        for line in [*self.guide_lines, self.dragged_guide]:
            if line is not None:
                line.set_scale(px_per_mm)

    def update_overlay(self, *_: object) -> None:
        self.model_changed.emit()
        ids = self.ctrl.selection
        box = ops.selection_box(self.doc, ids)
        locked = bool(ids) and not ops.movable(self.doc, ids)
        self.overlay.set_box(box, locked)

    # --- garment and print preview ---------------------------------------------------------
    def set_garment(self, color: str) -> None:
        self.model_changed.emit()
        self.garment = color
        brief = self.ctrl.brief
        if self.mockup is not None and brief is not None:
            self.removeItem(self.mockup)
            self.mockup = Mockup(self.doc, brief, color)
            self.mockup.setZValue(-200)
            self.addItem(self.mockup)

    def set_preview(self, on: bool) -> None:
        """Show exactly what export writes (the render of the one SVG) instead of the items."""
        self.model_changed.emit()
        self.preview = on
        for item in self.layer_items:
            layer = next((lay for lay in self.doc.layers if lay.id == item.layer_id), None)
            item.setVisible(bool(layer and layer.visible) and not on)
        if self.zones is not None:
            self.zones.setVisible(not on)
        for line in self.guide_lines:
            line.setVisible(not on)
        if not on and self.preview_item is not None:
            self.removeItem(self.preview_item)
            self.preview_item = None
        if on:
            self._render_preview()

    def refresh_preview(self) -> None:
        if self.preview:
            self._preview_timer.start()

    def _render_preview(self) -> None:
        from PySide6.QtGui import QPixmap

        if not self.preview:
            return
        image = export_image(self.doc, self.preview_scale)
        if self.preview_item is None:
            self.preview_item = QGraphicsPixmapItem()
            self.preview_item.setZValue(1000)
            self.preview_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            self.addItem(self.preview_item)
        self.preview_item.setPixmap(QPixmap.fromImage(image))
        self.model_changed.emit()
        self.preview_item.setScale(self.doc.width / max(image.width(), 1))

    def render_artwork(self, width_px: int, height_px: int) -> QImage:
        """The document's items alone (no mock-up, guides or handles), the artboard scaled to
        ``width_px × height_px`` on transparency: what the canvas shows of the artwork."""
        for element_item in self.items_by_id.values():
            element_item.ensure_image()
        decor = (self.mockup, self.artboard, self.zones, self.overlay, *self.guide_lines)
        hidden = [i for i in decor if i is not None and i.isVisible()]
        for item in hidden:
            item.setVisible(False)
        image = QImage(width_px, height_px, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(0, 0, 0, 0))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.render(
            painter,
            QRectF(0, 0, width_px, height_px),
            QRectF(0, 0, self.doc.width, self.doc.height),
            Qt.AspectRatioMode.IgnoreAspectRatio,
        )
        painter.end()
        for item in hidden:
            item.setVisible(True)
        return image


def export_image(doc: Document, px_per_mm: float, max_px: int = 2400) -> QImage:
    """The export renderer's picture of ``doc`` (resvg over the one SVG), as a QImage."""
    from studio.document.svgwrite import WriteOptions, document_to_svg
    from studio.render.raster import render_image

    k = min(px_per_mm, max_px / max(doc.width, doc.height))
    w, h = max(1, round(doc.width * k)), max(1, round(doc.height * k))
    image = render_image(document_to_svg(doc, WriteOptions(for_render=True)), w, h)
    return QImage(image.tobytes(), w, h, QImage.Format.Format_RGBA8888).copy()
