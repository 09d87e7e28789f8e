"""The canvas view: zoom (wheel, pinch, fit, 100 %), pan (space-drag, middle button), guides
picked up and moved, and the routing of mouse and key events to the current tool. It edits
nothing itself.

A zoom shows the last sharp frame scaled to the new zoom at once, and the new sharp frame a
moment later, painted a strip at a time between the user's events (:mod:`.frames`): drawing
1000 shapes costs 10 to 40 ms, more than a frame, a scaled picture ~3 ms. Edits, clicks and
keys are painted sharply at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGestureEvent, QGraphicsView, QPinchGesture
from shiboken6 import Shiboken

from studio.gui import deferred
from studio.gui.canvas.frames import SharpFrames
from studio.gui.canvas.guides import GuideDrag, guide_at
from studio.gui.canvas.scene import CanvasScene
from studio.gui.i18n import tr
from studio.gui.settings_store import Store

MIN_ZOOM, MAX_ZOOM = 0.02, 256.0


def screen_px_per_mm(view: QGraphicsView) -> float:
    """Device-independent pixels per mm at 100 %: a physical millimetre on a 96 DPI screen."""
    return 96.0 / 25.4


class CanvasView(QGraphicsView):
    zoom_changed = Signal(float)  # 1.0 = 100 % (true size)
    cursor_moved = Signal(float, float)  # document mm

    def __init__(self, scene: CanvasScene, store: Store | None = None) -> None:
        super().__init__(scene)
        self.canvas = scene
        self.store = store or Store()
        self.setObjectName("canvas")
        self.setAccessibleName(tr("Canvas"))
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The first grabGesture of a process builds Qt's gesture manager (~18 ms): not before
        # the first frame, when nobody can pinch yet.
        deferred.after_first_frame(self._grab_pinch)
        self.tool: Any = None  # set by the main window
        self._pan_from: QPointF | None = None
        self._space = False
        self.guide_drag: GuideDrag | None = None
        self.frames = SharpFrames(self)
        self.frames.ready.connect(self._frame_ready)
        self._scaled = False  # it shows the kept sharp frame scaled, until the new one is ready
        self._scrolled = False  # the next paint shows pixels a pan uncovered, nothing changed
        scene.model_changed.connect(self._model_changed)

    def _grab_pinch(self) -> None:
        if Shiboken.isValid(self):
            self.viewport().grabGesture(Qt.GestureType.PinchGesture)

    # --- zoom ------------------------------------------------------------------------------
    @property
    def scale_factor(self) -> float:
        """Screen pixels per mm."""
        return self.transform().m11()

    @property
    def zoom(self) -> float:
        return self.scale_factor / screen_px_per_mm(self)

    def set_zoom(self, zoom: float, anchor: QPointF | None = None, *, scaled: bool = True) -> None:
        """Zoom about ``anchor`` (viewport pixels; default the centre): the kept sharp frame
        scaled at once, the new one a moment later; or, not ``scaled``, sharp at once (a new
        document, whose old frame means nothing)."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        anchor = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        scaled = scaled and self.isVisible()
        if not scaled:
            self.settle()
        elif not self._scaled and not self.frames.valid:
            self.frames.capture()  # nothing kept to scale (the canvas was never still): now
        before = self.mapToScene(anchor.toPoint())
        k = zoom * screen_px_per_mm(self)
        self.resetTransform()
        self.scale(k, k)
        after = self.mapToScene(anchor.toPoint())
        delta = after - before
        self.translate(delta.x(), delta.y())
        self.canvas.set_view_scale(k)
        self.canvas.preview_scale = min(12.0, max(1.0, k * self.devicePixelRatioF()))
        self.canvas.refresh_preview()
        if scaled and self.frames.image is not None:
            self._scaled = True
            self.frames.start()
        self.zoom_changed.emit(self.zoom)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom * factor, anchor)

    def fit(self, *, scaled: bool = True) -> None:
        doc = self.canvas.doc
        vp = self.viewport().rect()
        margin = 80
        k = min(
            (vp.width() - margin) / max(doc.width, 1e-6),
            (vp.height() - margin) / max(doc.height, 1e-6),
        )
        self.set_zoom(max(k, 0.01) / screen_px_per_mm(self), scaled=scaled)
        self.centerOn(doc.width / 2, doc.height / 2)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & (Qt.KeyboardModifier.ShiftModifier):
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.2**steps, event.position())

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QNativeGestureEvent):  # a touchpad pinch
            kind = event.gestureType()
            if kind == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_by(1.0 + event.value(), event.position())
                return True
            if kind == Qt.NativeGestureType.EndNativeGesture:
                return True  # the sharp frame is already being painted
        if isinstance(event, QGestureEvent):  # a pinch on a touch screen
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                changed = pinch.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged
                if changed and pinch.scaleFactor() > 0:
                    centre = self.viewport().mapFromGlobal(pinch.centerPoint())
                    self.zoom_by(pinch.scaleFactor(), centre)
                event.accept(pinch)
                return True
        return super().viewportEvent(event)

    # --- zoom: the kept frame scaled until the new sharp one is painted --------------------
    def settle(self) -> None:
        """Back to painting the scene itself, sharp, at once (a click, a key, an edit)."""
        if self._scaled:
            self._scaled = False
            self.frames.cancel()
            self.viewport().update()

    @property
    def interim(self) -> bool:
        """Whether the view now shows a scaled frame, waiting for the sharp one."""
        return self._scaled

    def _frame_ready(self) -> None:
        if self._scaled:
            self.viewport().update()  # presented by the next paint

    def _model_changed(self) -> None:
        """The document, the selection, the guides or the garment changed: what the view shows
        is out of date, and a scaled frame would show the old one."""
        self.frames.invalidate()
        self.settle()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._scrolled = True
        super().scrollContentsBy(dx, dy)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.frames.painting:  # a strip of the next sharp frame
            super().paintEvent(event)
            return
        scrolled, self._scrolled = self._scrolled, False
        if not self._scaled:
            super().paintEvent(event)
            if not scrolled:  # something changed on screen: the kept frame is out of date
                self.frames.cancel()
                self.frames.invalidate()
            if self.scene().focusItem() is None:  # not while a text caret blinks
                self.frames.schedule()
            return
        frames = self.frames
        assert frames.image is not None
        painter = QPainter(self.viewport())
        if frames.valid and frames.transform == self.viewportTransform():
            painter.drawImage(QPointF(0, 0), frames.image)  # the new sharp frame
            self._scaled = False
            return
        if not scrolled and event.rect() != self.viewport().rect():
            frames.invalidate()  # an item changed under the scaled frame: paint it again
        to_now = frames.transform.inverted()[0] * self.viewportTransform()
        painter.setTransform(to_now)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QPointF(0, 0), frames.image)
        if not frames.busy:
            frames.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.settle()
        self.frames.invalidate()
        super().resizeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        """Hidden (the welcome page, a minimised window): no frame painted for nobody."""
        self.settle()
        self.frames.cancel()
        self.frames.invalidate()
        super().hideEvent(event)

    # --- snapping --------------------------------------------------------------------------
    def snap_reach(self) -> float:
        """How near (mm, at the current zoom) a snapping line pulls: the setting's distance in
        screen pixels, or 0 when snapping is off."""
        if not self.store.get("canvas/snap"):
            return 0.0
        return float(self.store.get("canvas/snap_px")) / max(self.scale_factor, 1e-6)

    # --- pan and tools ---------------------------------------------------------------------
    def _start_pan(self, event: QMouseEvent) -> bool:
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space and event.button() == Qt.MouseButton.LeftButton
        ):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return True
        return False

    def _guide_under(self, pos: QPointF) -> int | None:
        """The guide the select tool would pick up at ``pos`` (selection handles first)."""
        if getattr(self.tool, "name", "") != "select":
            return None
        scene_pos = self.mapToScene(pos.toPoint())
        if self.canvas.ctrl.selection and self.canvas.overlay.handle_at(scene_pos):
            return None
        return guide_at(self, pos)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        self.settle()
        if self._start_pan(event):
            return
        if event.button() == Qt.MouseButton.LeftButton:
            index = self._guide_under(event.position())
            if index is not None:
                guide = self.canvas.doc.guides[index]
                self.guide_drag = GuideDrag(self, guide.orientation, index, event.position())
                return
        if self.tool is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tool.press(self.mapToScene(event.position().toPoint()), event)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        self.cursor_moved.emit(pos.x(), pos.y())
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(
                self.horizontalScrollBar().value() - round(delta.x())
            )
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            return
        if self.guide_drag is not None:
            self.guide_drag.move(event.position())
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            index = self._guide_under(event.position())
            if index is not None:
                horizontal = self.canvas.doc.guides[index].orientation == "horizontal"
                self.viewport().setCursor(
                    Qt.CursorShape.SplitVCursor if horizontal else Qt.CursorShape.SplitHCursor
                )
                return
        if self.tool is not None:
            self.tool.move(pos, event)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.guide_drag is not None and event.button() == Qt.MouseButton.LeftButton:
            drag, self.guide_drag = self.guide_drag, None
            drag.finish(event.position())
            return
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor
            )
            return
        if self.tool is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tool.release(self.mapToScene(event.position().toPoint()), event)
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.tool is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tool.double_click(self.mapToScene(event.position().toPoint()), event)
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.settle()  # an edit from the keyboard shows at once, sharp
        if self.scene().focusItem() is not None:  # in-place text editing
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape and self.guide_drag is not None:
            self.guide_drag.cancel()
            self.guide_drag = None
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if self.tool is not None and self.tool.key_press(event):
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    # --- drag and drop of images and SVG ---------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasImage():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        from studio.gui.importing import import_mime

        pos = self.mapToScene(event.position().toPoint())
        if import_mime(self.canvas.ctrl, event.mimeData(), (pos.x(), pos.y()), self):
            event.acceptProposedAction()
