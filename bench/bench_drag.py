"""Dragging one shape among 1000 in the main window (the layers, properties and checks panels
open): time per mouse move, from the event to the frame painted, offscreen. Each step moves
the shape, snaps it to the others' edges, updates its row in the layers panel and repaints.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_drag.py [STEPS]"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from studio.document.model import Document, Ellipse, Layer, Polygon, Rect, Style
    from studio.gui.app import application
    from studio.gui.mainwindow import MainWindow

    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    app = application()
    rng = random.Random(1)
    doc = Document(width=300, height=400)
    elements = []
    for i in range(1000):
        x, y, s = rng.uniform(0, 290), rng.uniform(0, 390), rng.uniform(2, 20)
        style = Style(
            fill=rng.choice(["#d62839", "#2a7f3f", "#f5ecd7", "#f2b705"]),
            stroke="#111111",
            stroke_width=0.5,
        )
        shapes = (
            Rect(x=x, y=y, width=s, height=s * 0.7, style=style),
            Ellipse(cx=x, cy=y, rx=s / 2, ry=s / 3, style=style),
            Polygon(cx=x, cy=y, radius=s / 2, sides=5, inner_ratio=0.5, style=style),
        )
        elements.append(shapes[i % 3])
    dragged = Rect(x=140, y=190, width=30, height=30, style=Style(fill="#1f2a44"))
    doc.layers.append(Layer("Artwork", elements=[*elements, dragged]))
    window = MainWindow()
    window.resize(1400, 880)
    window.show()
    window.ctrl.set_document(doc)
    window.show_editor()
    app.processEvents()
    window.view.fit(scaled=False)
    app.processEvents()
    window.set_tool("select")
    viewport = window.view.viewport()
    start = window.view.mapFromScene(QPointF(155, 205))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    times, cpu = [], []
    for i in range(steps):
        at = start + QPoint(i * 3 % 400, i * 2 % 300)
        begin, begin_cpu = time.perf_counter(), time.process_time()
        move = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            QPointF(at),
            QPointF(viewport.mapToGlobal(at)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)
        app.processEvents()
        times.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    times.sort()
    print(
        f"drag one of 1001 shapes, {steps} mouse moves: median {statistics.median(times):.1f} ms,"
        f" p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms (a frame: 16 ms);"
        f" CPU median {statistics.median(cpu):.1f} ms"
    )
    assert dragged.transform != (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), "the shape did not move"
    window.ctrl.stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
