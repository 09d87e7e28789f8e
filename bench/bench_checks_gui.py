"""The live check in the GUI: how long after an edit its result reaches the checks panel, and
how long the GUI thread stalls meanwhile (the longest gap between 5 ms timer ticks).

Two designs: the La Fraise sample (open its brief; add a rectangle, nudge it) and the
reference motif of ``bench_check.py`` (15 × 18 in at 300 DPI against six inks; recolour a
blob, as that benchmark does). For each incremental re-check it prints the time from the edit
to the report on the panel, which includes the runner's debounce (``DEBOUNCE_MS``: edits
only restart a timer, so a drag is checked once, when it pauses), and what is left without
it: copying the document on the GUI thread, the worker's re-check (``session``), and
handing the report back. Prints figures; not a timed test.

    QT_QPA_PLATFORM=offscreen python bench/bench_checks_gui.py
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

from bench.bench_check import INKS, reference_motif, six_ink_brief
from studio.document.model import Path as PathElement
from studio.document.model import Rect, Style
from studio.gui.app import application
from studio.gui.checks_runner import DEBOUNCE_MS
from studio.gui.mainwindow import MainWindow
from studio.paths import resources_dir


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()  # --help, and no stray options
    app = application()
    win = MainWindow()
    win.show()
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    runner = win.checks_panel.runner
    delivered: list[float] = []
    runner.report_ready.connect(lambda _report: delivered.append(time.perf_counter()))
    to_panel: list[float] = []

    def settle(label: str, edit: Callable[[], object], incremental: bool = True) -> None:
        ticks.clear()
        delivered.clear()
        start = time.perf_counter()
        edit()
        while runner.report is None or runner.busy:
            app.processEvents()
            time.sleep(0.001)
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        stall = max(gaps, default=0) * 1000
        if not incremental:
            print(f"{label}: {time.perf_counter() - start:.2f} s, longest GUI stall {stall:.0f} ms")
            return
        panel = (delivered[-1] - start) * 1000
        session = runner._worker.session
        worker = session.stats.seconds * 1000 if session is not None else float("nan")
        to_panel.append(panel)
        print(
            f"  {label}: edit -> panel {panel:4.0f} ms = debounce {DEBOUNCE_MS} + "
            f"{panel - DEBOUNCE_MS:3.0f} ms (session {worker:3.0f} ms); "
            f"longest GUI stall {stall:3.0f} ms"
        )

    def summary() -> None:
        rest = [t - DEBOUNCE_MS for t in to_panel]
        print(
            f"  after the debounce: median {statistics.median(rest):.0f} ms, "
            f"min {min(rest):.0f}, max {max(rest):.0f} (goal <= 100)"
        )
        to_panel.clear()

    print("La Fraise sample:")
    brief = resources_dir() / "briefs" / "lafraise-tee" / "lafraise-tee.brief.json"
    settle("open the brief (first, full check)", lambda: win.open_path(brief), False)
    rect = Rect(x=60, y=60, width=100, height=80, style=Style(fill="#3366ff"))
    settle("add a rectangle", lambda: win.ctrl.add([rect]))
    win.ctrl.select([rect.id])
    for _ in range(3):
        settle("nudge", lambda: win.ctrl.move_selection(4, 0))
    summary()

    print("Reference motif (bench_check.py):")
    with tempfile.TemporaryDirectory() as tmp:
        doc, six_inks = reference_motif(), six_ink_brief(Path(tmp))
        opening = lambda: win.ctrl.set_document(doc, None, six_inks)  # noqa: E731
        settle("open (first, full check)", opening, False)
        paths = [e for e in doc.walk() if isinstance(e, PathElement) and e.style.fill]
        for i in range(10):
            target = paths[(i * 37) % len(paths)]
            win.ctrl.select([target.id])
            other = INKS[(INKS.index(str(target.style.fill)) + 1) % len(INKS)]
            settle("recolour a blob", lambda: win.ctrl.set_style("fill", other))  # noqa: B023
        summary()
    timer.stop()
    win.ctrl.stack.setClean()
    win.close()


if __name__ == "__main__":
    main()
