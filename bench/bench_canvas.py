"""Canvas paint time: a design of 1000 elements, panned and zoomed offscreen (goal: median frame
<= 16 ms). Two ways, both printed, with the pan and zoom frames also apart:

- render: each frame renders the whole view to a QImage after changing its transform (every
  frame a full repaint: the worst case);
- screen: each frame is the pan or zoom step and the event processing that repaints the view
  in the (offscreen) window's backing store, as on screen: a pan scrolls the pixels already
  drawn and paints only the uncovered strip, a zoom repaints everything.

On a shared machine the wall-clock figures grow with the others' load; the CPU time of each
frame is printed too.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_canvas.py [FRAMES]"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtGui import QImage, QPainter

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
