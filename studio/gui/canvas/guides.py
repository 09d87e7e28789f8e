"""Guides on the canvas: drawn one item each, dragged out of the rulers, moved, and dragged back
onto their ruler to remove them.

A drag edits nothing until the mouse is released: the guide follows the mouse (with its position
in the document's units), then one undoable edit adds, moves or removes it
(``Controller.set_guides``). A guide lands on a round value of the document's unit at the
current zoom, or exactly on a snapping line (the artboard, the elements, the other guides)
within the snapping distance when snapping is on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from studio.document.geometry import Box
from studio.document.model import Guide
from studio.document.shapes import bounds
from studio.document.snap import targets
from studio.gui.canvas.decor import GUIDE_EXTENT, cosmetic
from studio.gui.canvas.rulers import tick_step
from studio.gui.i18n import tr
from studio.units import format_length, from_mm, to_mm

if TYPE_CHECKING:
    from studio.gui.canvas.view import CanvasView

Orientation = Literal["horizontal", "vertical"]
GRAB_PX = 4.0  # how near (screen pixels) the mouse must be to pick a guide up
STILL_PX = 3.0  # a guide picked up moves once the mouse has gone this far (a click leaves it)
LABEL_W, LABEL_H = 96.0, 18.0  # the position read-out while dragging, in screen pixels
GUIDE_COLOR = QColor(0, 160, 255, 200)


class GuideLine(QGraphicsItem):
    """One guide across the whole canvas. Its bounding box is the thin line itself (and the
    read-out while dragged), so moving it repaints two strips, not the whole view."""

    def __init__(self, orientation: Orientation, position: float, px_per_mm: float) -> None:
        super().__init__()
        self.orientation = orientation
        self.position = position
        self.px_per_mm = max(px_per_mm, 1e-6)
        self.label = ""  # shown next to the mouse while the guide is dragged
        self.label_at = 0.0  # where along the guide (mm)
        self.setZValue(6000)  # above the zones, below the check highlights and handles

    def set_scale(self, px_per_mm: float) -> None:
        self.prepareGeometryChange()
        self.px_per_mm = max(px_per_mm, 1e-6)

    def place(self, position: float, label: str = "", label_at: float = 0.0) -> None:
        self.prepareGeometryChange()
        self.position, self.label, self.label_at = position, label, label_at
        self.update()

    def _label_rect(self) -> QRectF:
        k = self.px_per_mm
        w, h, gap = LABEL_W / k, LABEL_H / k, 6 / k
        if self.orientation == "horizontal":
            return QRectF(self.label_at + gap, self.position - h - gap, w, h)
        return QRectF(self.position + gap, self.label_at + gap, w, h)

    def boundingRect(self) -> QRectF:
        pad = 1.0 / self.px_per_mm
        if self.orientation == "horizontal":
            line = QRectF(-GUIDE_EXTENT, self.position - pad, 2 * GUIDE_EXTENT, 2 * pad)
        else:
            line = QRectF(self.position - pad, -GUIDE_EXTENT, 2 * pad, 2 * GUIDE_EXTENT)
        return line.united(self._label_rect()) if self.label else line

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(cosmetic(GUIDE_COLOR, 1, Qt.PenStyle.DashLine))
        p = self.position
        if self.orientation == "horizontal":
            painter.drawLine(QPointF(-GUIDE_EXTENT, p), QPointF(GUIDE_EXTENT, p))
        else:
            painter.drawLine(QPointF(p, -GUIDE_EXTENT), QPointF(p, GUIDE_EXTENT))
        if self.label:
            # The read-out keeps its size on screen: drawn in device pixels.
            box = painter.worldTransform().mapRect(self._label_rect())
            painter.save()
            painter.resetTransform()
            painter.fillRect(box, QColor(255, 255, 255, 230))
            painter.setPen(QColor("#0b5cad"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.label)
            painter.restore()


def guide_at(view: CanvasView, viewport_pos: QPointF) -> int | None:
    """The index of the document's guide within reach of ``viewport_pos``, the nearest first."""
    if view.canvas.preview:
        return None
    scene_pos = view.mapToScene(viewport_pos.toPoint())
    reach = GRAB_PX / max(view.scale_factor, 1e-6)
    best: tuple[float, int] | None = None
    for i, guide in enumerate(view.canvas.doc.guides):
        value = scene_pos.y() if guide.orientation == "horizontal" else scene_pos.x()
        distance = abs(value - guide.position)
        if distance <= reach and (best is None or distance < best[0]):
            best = (distance, i)
    return None if best is None else best[1]


class GuideDrag:
    """A guide being dragged: a new one out of a ruler (``index`` None), or the document's
    guide at ``index``, picked up at ``pressed`` (viewport coordinates, as all positions
    here). The ruler a guide belongs to is beyond the viewport's top (horizontal guides) or left
    edge (vertical)."""

    def __init__(self, view: CanvasView, orientation: Orientation, index: int | None = None,
                 pressed: QPointF | None = None) -> None:  # fmt: skip
        self.view, self.orientation, self.index = view, orientation, index
        self.pressed = pressed
        doc = view.canvas.doc
        self.position: float | None = None if index is None else doc.guides[index].position
        self.original = None if index is None else doc.guides[index]
        self.reach = view.snap_reach()
        # A layer's elements have no parent transform: their boxes in one pass (element_box
        # looks each id up again: a second for 1000 elements).
        boxes = [bounds(e) for lay in doc.layers for e in lay.elements]
        found = targets(doc, [b for b in boxes if isinstance(b, Box)])
        self.lines = found.ys if orientation == "horizontal" else found.xs
        if index is not None and self.position in self.lines:
            self.lines.remove(self.position)  # not onto where it comes from
        self.line = view.canvas.begin_guide_drag(orientation, index)
        if self.position is not None:  # picked up: it stays in view until the mouse moves
            self.line.place(self.position)
            self.line.setVisible(True)

    def over_ruler(self, viewport_pos: QPointF) -> bool:
        if self.orientation == "horizontal":
            return viewport_pos.y() < 0
        return viewport_pos.x() < 0

    def move(self, viewport_pos: QPointF) -> None:
        if self.pressed is not None:
            if (viewport_pos - self.pressed).manhattanLength() < STILL_PX:
                return  # not moved yet: it stays exactly where it was
            self.pressed = None
        if self.over_ruler(viewport_pos):
            self.position = None
            self.line.setVisible(False)
            return
        scene_pos = self.view.mapToScene(viewport_pos.toPoint())
        horizontal = self.orientation == "horizontal"
        self.position = self.placed(scene_pos.y() if horizontal else scene_pos.x())
        doc = self.view.canvas.doc
        label = format_length(self.position, doc.unit, doc.dpi)
        self.line.place(self.position, label, scene_pos.x() if horizontal else scene_pos.y())
        self.line.setVisible(True)

    def placed(self, value: float) -> float:
        """``value`` (mm) on the nearest snapping line within reach, else on a round number of
        the document's unit (the finest that is at least a screen pixel apart)."""
        if self.reach > 0:
            near = [line for line in self.lines if abs(line - value) <= self.reach]
            if near:
                return min(near, key=lambda line: abs(line - value))
        doc = self.view.canvas.doc
        px_per_unit = self.view.scale_factor * to_mm(1.0, doc.unit, doc.dpi)
        step = tick_step(px_per_unit, 1.0)
        rounded = round(round(from_mm(value, doc.unit, doc.dpi) / step) * step, 9)
        return round(to_mm(rounded, doc.unit, doc.dpi), 6)  # to the nanometre, as briefs

    def finish(self, viewport_pos: QPointF) -> None:
        """Release: one undoable edit, or none when nothing changed (a new guide let go on its
        ruler, a guide put back where it was)."""
        self.move(viewport_pos)
        self.view.canvas.end_guide_drag()
        ctrl = self.view.canvas.ctrl
        guides = list(ctrl.doc.guides)
        at = len(guides)
        if self.index is not None and guides[self.index : self.index + 1] != [self.original]:
            return  # the guides changed under the drag (an undo): it no longer knows its own
        if self.index is not None:
            at = self.index
            guides.pop(self.index)
        if self.position is not None:
            guides.insert(at, Guide(self.orientation, self.position))
        if self.index is None:
            text = tr("Add guide")
        elif self.position is None:
            text = tr("Remove guide")
        else:
            text = tr("Move guide")
        ctrl.set_guides(guides, text)

    def cancel(self) -> None:
        self.view.canvas.end_guide_drag()
