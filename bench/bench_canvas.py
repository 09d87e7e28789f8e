"""Canvas paint time: a design of 1000 elements, panned and zoomed offscreen (goal: median frame
<= 16 ms). Three ways, all printed, with the pan and zoom frames also apart:

- render: each frame renders the whole view to a QImage after changing its transform (every
  frame a full repaint: the worst case);
- screen: each frame is the pan or zoom step and the event processing that repaints the view
  in the (offscreen) window's backing store, as on screen: a pan scrolls the pixels already
  drawn and paints only the uncovered strip, a zoom (as from the menu: ``zoom_by``) repaints
  everything sharply;
- pinch: the same frames, each zoom step a touchpad pinch event sent to the view; a gesture
  is ten zoom steps (with the pans between them) and ends with the gesture's end event, whose
  frame is counted too. Within a gesture the view paints its first frame sharply and then
  scales it; the end frame repaints sharply. Those sharp frames are also printed apart.

On a shared machine the wall-clock figures grow with the others' load; the CPU time of each
frame is printed too.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_canvas.py [FRAMES]"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QImage, QNativeGestureEvent, QPainter, QPointingDevice

    from studio.document.model import Document, Ellipse, Layer, Polygon, Rect, Style
    from studio.gui.app import application
    from studio.gui.canvas.scene import CanvasScene
    from studio.gui.canvas.view import CanvasView
    from studio.gui.controller import Controller

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
    view = CanvasView(CanvasScene(ctrl))
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    view.fit()
    app.processEvents()
    image = QImage(1280, 800, QImage.Format.Format_ARGB32_Premultiplied)

    def step(i: int) -> None:
        if i % 2:
            view.zoom_by(1.05 if (i // 20) % 2 == 0 else 1 / 1.05)
        else:
            view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 7)

    times: list[float] = []
    cpu: list[float] = []
    for i in range(frames):
        step(i)
        start, start_cpu = time.perf_counter(), time.process_time()
        painter = QPainter(image)
        painter.setRenderHints(view.renderHints())  # antialiased, as the view paints on screen
        view.render(painter)
        painter.end()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    report("render", times, cpu)
    app.processEvents()
    times, cpu = [], []
    for i in range(frames):
        start, start_cpu = time.perf_counter(), time.process_time()
        step(i)
        app.processEvents()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    report("screen", times, cpu)

    device = QPointingDevice.primaryPointingDevice()
    centre = QPointF(view.viewport().rect().center())

    def gesture(kind: Qt.NativeGestureType, value: float = 0.0) -> None:
        glob = QPointF(view.viewport().mapToGlobal(centre))
        event = QNativeGestureEvent(kind, device, 2, centre, centre, glob, value, QPointF(), 0)
        app.sendEvent(view.viewport(), event)

    def pinch_step(i: int) -> None:
        if i % 2:
            factor = 1.05 if (i // 20) % 2 == 0 else 1 / 1.05
            gesture(Qt.NativeGestureType.ZoomNativeGesture, factor - 1.0)
        else:
            view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 7)

    app.processEvents()
    frames_t: dict[str, list[float]] = {"all": [], "pan": [], "zoom": [], "sharp": []}
    frames_cpu: dict[str, list[float]] = {"all": [], "pan": [], "zoom": [], "sharp": []}

    def timed(action: Callable[[], None], *kinds: str) -> None:
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        app.processEvents()
        for kind in ("all", *kinds):
            frames_t[kind].append(time.perf_counter() - start)
            if kind in frames_cpu:
                frames_cpu[kind].append(time.process_time() - start_cpu)

    for i in range(frames):
        kinds = ["zoom" if i % 2 else "pan"]
        if i % 20 == 1:  # a gesture's first zoom step: painted sharply and kept
            kinds.append("sharp")
        timed(lambda i=i: pinch_step(i), *kinds)
        if i % 20 == 19:  # the fingers lift: the end of the gesture, painted sharply
            timed(lambda: gesture(Qt.NativeGestureType.EndNativeGesture), "zoom", "sharp")
    t, c = frames_t, frames_cpu
    print(
        f"pinch: 1000 elements, {len(t['all'])} frames at 1280x800: median {_q(t['all'])} ms,"
        f" p90 {_q(t['all'], 0.9)} ms (goal <= 16 ms); pans median {_q(t['pan'])} ms, zooms"
        f" median {_q(t['zoom'])} ms; of them the {len(t['sharp'])} sharp ones (each"
        f" gesture's first and end frames) median {_q(t['sharp'])} ms"
    )
    print(
        f"pinch CPU time: median {_q(c['all'])} ms, pans {_q(c['pan'])} ms, zooms"
        f" {_q(c['zoom'])} ms, sharp frames {_q(c['sharp'])} ms"
    )


def _q(values: list[float], q: float = 0.5) -> str:
    return f"{sorted(values)[int(len(values) * q)] * 1000:.1f}"


def report(mode: str, times: list[float], cpu: list[float]) -> None:
    def ms(values: list[float], q: float = 0.5) -> str:
        return f"{sorted(values)[int(len(values) * q)] * 1000:.1f}"

    print(
        f"{mode}: 1000 elements, {len(times)} frames at 1280x800: median"
        f" {statistics.median(times) * 1000:.1f} ms, p90 {ms(times, 0.9)} ms (goal <= 16 ms);"
        f" pans median {ms(times[0::2])} ms, zooms median {ms(times[1::2])} ms"
    )
    print(
        f"{mode} CPU time (this process, all threads; what other processes' load cannot"
        f" inflate): median {statistics.median(cpu) * 1000:.1f} ms, pans {ms(cpu[0::2])} ms,"
        f" zooms {ms(cpu[1::2])} ms"
    )


if __name__ == "__main__":
    main()
