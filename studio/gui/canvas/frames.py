"""Sharp frames of the canvas, painted a slice at a time between the user's events.

Drawing 1000 antialiased shapes costs Qt's raster engine 10 to 40 ms, more as the zoom grows
(a stroke wider than one pixel costs ten times a hairline), which is too long for one frame.
So a zoom never waits for it: the view shows the last sharp frame scaled to the new zoom at
once (~3 ms) while this module paints the new one in horizontal strips, each sized to take
about :data:`SLICE_MS`, from a zero-delay timer; the user's events are handled between the
strips. When the last strip is done the view presents the new frame, pixel for pixel what a
full repaint paints (the strips are cut on whole device pixels, where antialiasing does not
depend on the cut). While the user edits, the view paints normally, and a new sharp frame is
prepared once the canvas has been still for :data:`IDLE_MS`, ready for the next zoom.

This is how the big design tools keep zooming smooth (Inkscape renders in tiles off the main
loop and shows the old tiles scaled meanwhile); threads would need a copy of the scene that
painting can read while the user edits it, which QGraphicsScene does not offer.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QPoint, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QImage, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsView

SLICE_MS = 6.0  # the time one strip aims at: a frame's budget minus the scaled frame's paint
IDLE_MS = 250  # still this long after a change, the canvas prepares its next sharp frame
ROW_STEP = 4  # strip edges fall on multiples of 4 logical pixels: whole device pixels at 1.25x..2x


@dataclass
class FrameStats:
    """What painting frames cost, for the benchmark and for tests."""

    # the last strips painted (bounded: a long session paints many)
    slices_ms: deque[float] = field(default_factory=lambda: deque(maxlen=4096))
    frames: int = 0  # sharp frames finished


class SharpFrames(QObject):
    """The view's last sharp frame (``image`` painted at ``transform``), and the job that paints
    the next one. ``ready`` is emitted when a job finishes with a frame of the scene as it is."""

    ready = Signal()

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self.image: QImage | None = None
        self.transform = QTransform()
        self.stats = FrameStats()
        self._generation = 0  # bumped by every change of what the view shows
        self._valid_generation = -1  # the generation ``image`` shows
        self._job: _Job | None = None
        self._ms_per_row = 0.0  # what the last strip cost per row of pixels
        self.painting = False  # the view's paint event now paints a strip of a sharp frame
        self._step = QTimer(self, singleShot=True, interval=0)
        self._step.timeout.connect(self._paint_strip)
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.start)

    # --- state -----------------------------------------------------------------------------
    @property
    def valid(self) -> bool:
        """Whether ``image`` shows the scene as it is now (at ``transform``, this size)."""
        return (
            self.image is not None
            and self._valid_generation == self._generation
            and self.image.size() == _device_size(self.view)
        )

    @property
    def busy(self) -> bool:
        return self._job is not None

    def invalidate(self) -> None:
        """What the view shows changed: the kept frame is out of date, a running job too."""
        self._generation += 1

    def schedule(self) -> None:
        """Prepare a sharp frame once the canvas has been still for a while."""
        self._idle.start()

    def cancel(self) -> None:
        self._job = None
        self._step.stop()
        self._idle.stop()

    # --- painting --------------------------------------------------------------------------
    def capture(self) -> QImage:
        """Paint the whole frame now (when there is no kept frame to scale) and keep it."""
        self.cancel()
        image = _blank(self.view)
        self._paint_rows(image, 0, self.view.viewport().height())
        self.image, self.transform = image, self.view.viewportTransform()
        self._valid_generation = self._generation
        return image

    def start(self) -> None:
        """Begin (or begin again) painting the frame at the view's current transform."""
        self._idle.stop()
        self._job = _Job(
            image=_blank(self.view),
            transform=self.view.viewportTransform(),
            generation=self._generation,
            rows=self._next_rows(),
        )
        self._step.start()

    def _next_rows(self) -> int:
        """A strip's height: what takes :data:`SLICE_MS` at what the last strip cost per row (a
        quarter of the view before any was painted)."""
        if self._ms_per_row <= 0:
            return _rows(max(1, self.view.viewport().height()) / 4)
        return _rows(SLICE_MS / self._ms_per_row)

    def _paint_strip(self) -> None:
        job = self._job
        if job is None:
            return
        view = self.view
        if (
            view.viewportTransform() != job.transform
            or job.image.size() != _device_size(view)
            or job.generation != self._generation
        ):
            self.start()  # the view moved or changed under the job: start over
            return
        height = view.viewport().height()
        start = time.perf_counter()
        bottom = min(height, job.top + job.rows)
        self._paint_rows(job.image, job.top, bottom)
        elapsed = (time.perf_counter() - start) * 1000
        self.stats.slices_ms.append(elapsed)
        self._ms_per_row = max(elapsed / max(1, bottom - job.top), 1e-4)
        job.rows = self._next_rows()
        job.top = bottom
        if job.top < height:
            self._step.start()
            return
        self._job = None
        self.image, self.transform = job.image, job.transform
        self._valid_generation = job.generation
        self.stats.frames += 1
        self.ready.emit()

    def _paint_rows(self, image: QImage, top: int, bottom: int) -> None:
        """Paint rows ``top``..``bottom`` (logical pixels) of the view into ``image`` with the
        view's own paint event, which draws only the items that meet the rows.
        (``QGraphicsView.render`` would draw every item of a layer that has one in the rows.)"""
        viewport = self.view.viewport()
        self.painting = True
        try:
            viewport.render(
                image, QPoint(0, top), QRegion(QRect(0, top, viewport.width(), bottom - top))
            )
        finally:
            self.painting = False


@dataclass
class _Job:
    image: QImage
    transform: QTransform
    generation: int
    rows: int
    top: int = 0


def _rows(value: float) -> int:
    return max(ROW_STEP, math.ceil(value / ROW_STEP) * ROW_STEP)


def _device_size(view: QGraphicsView) -> QSize:
    viewport = view.viewport()
    dpr = viewport.devicePixelRatioF()
    return QSize(round(viewport.width() * dpr), round(viewport.height() * dpr))


def _blank(view: QGraphicsView) -> QImage:
    """An opaque image the size of the viewport (scaling it is a third cheaper than with an
    alpha channel), filled with the viewport's background as a repaint would be."""
    viewport = view.viewport()
    size = _device_size(view)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(viewport.devicePixelRatioF())
    image.fill(viewport.palette().color(viewport.backgroundRole()))
    return image
