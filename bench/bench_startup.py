"""Launch-to-window-shown: Motif Studio with the sample brief's design open, against a bare
PySide6 QMainWindow on the same machine. Subprocesses, median of N; prints both and the ratio
(goal <= 3x); the two are run in turn. Run: python bench/bench_startup.py [N]

The app starts the way ``motif-studio DESIGN`` does, through ``studio.cli.main.main``.
"Shown" is the end of the window's first frame: each child handles its window's first
UpdateRequest (the repaint of every visible widget and the flush) itself inside an event
filter and prints the wall clock right after it; the parent subtracts the time it spawned the
child. Work that the app defers until after its first frame (finding the brief, the first check,
see ``studio.gui.deferred``) is not in that figure, so the bench also prints the time until the
child has finished all its pending events and exited, for both, as a second ratio.

The source tree's bytecode is compiled first, as installing does (pip, the bundle): with
PYTHONDONTWRITEBYTECODE set, as on some CI machines, every child would otherwise compile each
of the app's ~150 modules again, a cost no user's launch pays. The CPU time of each child up
to its first frame is printed too: on a shared, loaded machine it varies much less than the
wall clock (the goal is on the wall clock)."""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_FRAME = """
import time
from PySide6.QtCore import QEvent, QObject

class FirstFrame(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.UpdateRequest:
            obj.removeEventFilter(self)
            obj.event(event)
            print("FRAME", time.time(), time.process_time(), flush=True)
            return True
        return False
"""
BARE = (
    FIRST_FRAME
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1400, 880)
f = FirstFrame(); w.installEventFilter(f); w.show(); app.processEvents(); app.processEvents()
"""
)
STUDIO = (
    FIRST_FRAME
    + """
import studio.cli.main as cli

def start(args):  # in place of run_app: the window, without its event loop
    args.screenshot = "x"  # no crash-recovery question, no first-run tour
    from studio.gui.app import application, make_window
    app = application()
    w = make_window(args); w.resize(1400, 880)
    f = FirstFrame(); w.installEventFilter(f); w.show(); app.processEvents(); app.processEvents()
    w.ctrl.stack.setClean()
    return 0

cli.run_app = start
cli.main([{design!r}])  # as `motif-studio DESIGN`
"""
)


def once(code: str) -> tuple[float, float, float]:
    """(seconds to the end of the first frame, until the process exited, CPU seconds of the
    child to its first frame)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    start_wall, start = time.time(), time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    total = time.perf_counter() - start
    frame = next(line.split() for line in out.splitlines() if line.startswith("FRAME"))
    return float(frame[1]) - start_wall, total, float(frame[2])


def medians(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        statistics.median(r[2] for r in runs),
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    design = str(ROOT / "resources/briefs/lafraise-tee/sample-design.motif.svg")
    compileall.compile_dir(ROOT / "studio", quiet=1)  # as installed; see the docstring
    once(BARE)  # warm the file cache
    once(STUDIO.format(design=design))
    bare_runs, studio_runs = [], []
    for _ in range(n):  # interleaved, so both see the same load on a shared machine
        bare_runs.append(once(BARE))
        studio_runs.append(once(STUDIO.format(design=design)))
    bare, bare_exit, bare_cpu = medians(bare_runs)
    studio, studio_exit, studio_cpu = medians(studio_runs)
    print(
        f"bare QMainWindow: first frame {bare * 1000:.0f} ms (CPU {bare_cpu * 1000:.0f} ms),"
        f" exit {bare_exit * 1000:.0f} ms"
    )
    print(
        f"Motif Studio with the sample design: first frame {studio * 1000:.0f} ms"
        f" (CPU {studio_cpu * 1000:.0f} ms), exit {studio_exit * 1000:.0f} ms (medians of {n})"
    )
    print(f"ratio to first frame: {studio / bare:.2f}x (goal <= 3x)")
    print(f"ratio of CPU time to first frame: {studio_cpu / bare_cpu:.2f}x")
    print(f"ratio to exit (deferred work included): {studio_exit / bare_exit:.2f}x")


if __name__ == "__main__":
    main()
