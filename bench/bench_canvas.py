"""Canvas paint time: a design of 1000 elements, panned and zoomed offscreen (goal: median frame
<= 16 ms). Printed:

- full repaint: the whole view rendered to an image after each pan or zoom step: what one sharp
  frame costs (it grows with the zoom: strokes wider than a pixel cost ten times a hairline);
- pan and zoom: each frame a pan step or a zoom step from the menu (``zoom_by``), then the event
  processing that paints it in the (offscreen) window's backing store, as on screen; a frame's
  time is that of the view's paint events. A pan scrolls the pixels already drawn and paints the
  uncovered strip; a zoom shows the kept sharp frame scaled, and the new sharp frame is painted
  in strips between the events (``studio.gui.canvas.frames``): the strips are printed apart, as
  the longest tasks the GUI thread runs;
- zoom and wait: one zoom step at a time, each waited for until its sharp frame is on screen:
  how long that takes (the zoom's latency to sharpness) and its strips;
- pinch: the pan and zoom frames with each zoom step a touchpad pinch event sent to the view, a
  gesture of ten zoom steps ending with the gesture's end event.

On a shared machine wall-clock figures grow with the others' load; CPU time is printed too.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_canvas.py [FRAMES]"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _q(values: list[float], q: float = 0.5) -> str:
    if not values:
        return "-"
    return f"{sorted(values)[min(len(values) - 1, int(len(values) * q))]:.1f}"


def main() -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QImage, QNativeGestureEvent, QPainter, QPaintEvent, QPointingDevice

    from studio.document.model import Document, Ellipse, Layer, Polygon, Rect, Style
    from studio.gui.app import application
    from studio.gui.canvas.scene import CanvasScene
    from studio.gui.canvas.view import CanvasView
    from studio.gui.controller import Controller

    paints: list[float] = []  # ms of each paint event of the view, in order

    class TimedView(CanvasView):
        def paintEvent(self, event: QPaintEvent) -> None:
            start = time.perf_counter()
            strip = self.frames.painting  # a strip of a sharp frame: counted with the strips
            super().paintEvent(event)
            if not strip:
                paints.append((time.perf_counter() - start) * 1000)

    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    app = application()
    rng = random.Random(1)
    doc = Document(width=300, height=400)
    elements = []
    colors = ["#d62839", "#2a7f3f", "#f5ecd7", "#f2b705"]
    for i in range(1000):
        x, y, s = rng.uniform(0, 290), rng.uniform(0, 390), rng.uniform(2, 20)
        style = Style(fill=rng.choice(colors), stroke="#111111", stroke_width=0.5)
        kind = i % 3
        if kind == 0:
            elements.append(Rect(x=x, y=y, width=s, height=s * 0.7, style=style))
        elif kind == 1:
            elements.append(Ellipse(cx=x, cy=y, rx=s / 2, ry=s / 3, style=style))
        else:
            elements.append(
                Polygon(cx=x, cy=y, radius=s / 2, sides=5, inner_ratio=0.5, style=style)
            )
    doc.layers.append(Layer("Artwork", elements=elements))
    ctrl = Controller()
    ctrl.set_document(doc)
    view = TimedView(CanvasScene(ctrl))
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    view.fit(scaled=False)
    app.processEvents()
    slices = view.frames.stats.slices_ms

    def wait_sharp(still: bool = False) -> None:
        """Until the zoom's sharp frame is on screen; ``still``: and the canvas has kept one
        ready for the next zoom, as it does once still for a moment."""
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and (
            view.interim or view.frames.busy or (still and not view.frames.valid)
        ):
            app.processEvents()

    def zoom_factor(i: int) -> float:
        return 1.05 if (i // 20) % 2 == 0 else 1 / 1.05

    def pan() -> None:
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 7)

    # --- full repaint: the cost of one sharp frame ---------------------------------------
    image = QImage(1280, 800, QImage.Format.Format_RGB32)
    full: list[float] = []
    for i in range(frames):
        view.zoom_by(zoom_factor(i)) if i % 2 else pan()
        view.settle()
        start = time.perf_counter()
        painter = QPainter(image)
        painter.setRenderHints(view.renderHints())  # antialiased, as the view paints on screen
        view.render(painter)
        painter.end()
        full.append((time.perf_counter() - start) * 1000)
    app.processEvents()
    print(
        f"full repaint (one sharp frame), 1000 elements at 1280x800: median {_q(full)} ms,"
        f" p90 {_q(full, 0.9)} ms, max {max(full):.1f} ms"
    )

    # --- pan and zoom, as on screen ------------------------------------------------------
    def run_frames(step: Callable[[int], None], label: str, gesture_end: Callable[[], None] | None):
        view.fit(scaled=False)
        wait_sharp(still=True)
        app.processEvents()
        kinds: dict[str, list[float]] = {"all": [], "pan": [], "zoom": []}
        cpu: list[float] = []
        slices.clear()
        start_all = time.perf_counter()
        for i in range(frames):
            before = len(paints)
            start_cpu = time.process_time()
            step(i)
            app.processEvents()
            cpu.append((time.process_time() - start_cpu) * 1000)
            frame = sum(paints[before:])
            kinds["all"].append(frame)
            kinds["zoom" if i % 2 else "pan"].append(frame)
            if gesture_end is not None and i % 20 == 19:
                before = len(paints)
                gesture_end()
                app.processEvents()
                kinds["all"].append(sum(paints[before:]))
        wait_sharp()
        wall = time.perf_counter() - start_all
        print(
            f"{label}: {len(kinds['all'])} frames: paint median {_q(kinds['all'])} ms, p90"
            f" {_q(kinds['all'], 0.9)} ms, max {max(kinds['all']):.1f} ms (goal: median <= 16);"
            f" pans median {_q(kinds['pan'])} ms, zooms median {_q(kinds['zoom'])} ms"
        )
        print(
            f"  sharp frames painted in {len(slices)} strips between the events: median"
            f" {_q(slices)} ms, p90 {_q(slices, 0.9)} ms, max {max(slices, default=0):.1f} ms;"
            f" CPU per step median {_q(cpu)} ms; {wall:.2f} s in all"
        )

    def menu_step(i: int) -> None:
        view.zoom_by(zoom_factor(i)) if i % 2 else pan()

    run_frames(menu_step, "pan and zoom (menu zooms)", None)

    device = QPointingDevice.primaryPointingDevice()
    centre = QPointF(view.viewport().rect().center())

    def gesture(kind: Qt.NativeGestureType, value: float = 0.0) -> None:
        glob = QPointF(view.viewport().mapToGlobal(centre))
        event = QNativeGestureEvent(kind, device, 2, centre, centre, glob, value, QPointF(), 0)
        app.sendEvent(view.viewport(), event)

    def pinch_step(i: int) -> None:
        if i % 2:
            gesture(Qt.NativeGestureType.ZoomNativeGesture, zoom_factor(i) - 1.0)
        else:
            pan()

    run_frames(pinch_step, "pinch", lambda: gesture(Qt.NativeGestureType.EndNativeGesture))

    # --- zoom and wait for the sharp frame -------------------------------------------------
    view.fit(scaled=False)
    wait_sharp(still=True)
    latencies, paint_ms, strips_per = [], [], []
    slices.clear()
    for i in range(40):
        before, first_slice = len(paints), len(slices)
        start = time.perf_counter()
        view.zoom_by(1.25 if (i // 5) % 2 == 0 else 0.8)
        wait_sharp()
        latencies.append((time.perf_counter() - start) * 1000)
        paint_ms.extend(paints[before:])
        strips_per.append(len(slices) - first_slice)
    print(
        f"zoom and wait (40 zooms of 1.25x from the menu, from fit to 3x and back): zoom to"
        f" sharp frame median {_q(latencies)} ms, p90 {_q(latencies, 0.9)} ms; paint events"
        f" median {_q(paint_ms)} ms, max {max(paint_ms):.1f} ms; strips per frame median"
        f" {statistics.median(strips_per):.0f}, strip median {_q(slices)} ms, max"
        f" {max(slices, default=0):.1f} ms"
    )


if __name__ == "__main__":
    main()
