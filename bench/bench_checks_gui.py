"""How long the GUI thread stalls while the live check runs (the longest gap between 5 ms
timer ticks), for the first check (whole canvas) and for re-checks after nudges.

    QT_QPA_PLATFORM=offscreen python bench/bench_checks_gui.py
"""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QTimer

from studio.document.model import Rect, Style
from studio.gui.app import application
from studio.gui.mainwindow import MainWindow
from studio.paths import resources_dir


def main() -> None:
    app = application()
    win = MainWindow()
    win.show()
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    runner = win.checks_panel.runner

    def settle() -> float:
        start = time.perf_counter()
        ticks.clear()
        while runner.report is None or runner.busy:
            app.processEvents()
            time.sleep(0.001)
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        print(
            f"  check took {time.perf_counter() - start:.2f} s, "
            f"longest GUI stall {max(gaps, default=0) * 1000:.0f} ms"
        )
        return max(gaps, default=0)

    print("open the La Fraise brief (first, full check):")
    win.open_path(resources_dir() / "briefs" / "lafraise-tee" / "lafraise-tee.brief.json")
    settle()
    rect = Rect(x=60, y=60, width=100, height=80, style=Style(fill="#3366ff"))
    win.ctrl.add([rect])
    print("add a rectangle (incremental):")
    settle()
    win.ctrl.select([rect.id])
    for _ in range(3):
        win.ctrl.move_selection(4, 0)
        print("nudge (incremental):")
        settle()
    timer.stop()
    win.ctrl.stack.setClean()
    win.close()


if __name__ == "__main__":
    main()
