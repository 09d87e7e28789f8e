"""Launch-to-window-shown: Motif Studio with the sample brief's design open, against a bare
PySide6 QMainWindow on the same machine. Subprocesses, median of N; prints both and the ratio
(goal <= 3x). Run: python bench/bench_startup.py [N]"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1400, 880); w.show(); app.processEvents()
"""
STUDIO = """
import argparse
from studio.gui.app import application, make_window
app = application()
args = argparse.Namespace(design={design!r}, open_brief=None, screenshot="x")
w = make_window(args); w.resize(1400, 880); w.show(); app.processEvents()
w.ctrl.stack.setClean()
"""


def once(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code], check=True, env=env, cwd=ROOT, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    design = str(ROOT / "resources/briefs/lafraise-tee/sample-design.motif.svg")
    once(BARE)  # warm the file cache
    bare = statistics.median(once(BARE) for _ in range(n))
    studio = statistics.median(once(STUDIO.format(design=design)) for _ in range(n))
    print(f"bare QMainWindow: {bare * 1000:.0f} ms (median of {n})")
    print(f"Motif Studio with the sample design: {studio * 1000:.0f} ms (median of {n})")
    print(f"ratio: {studio / bare:.2f}x (goal <= 3x)")


if __name__ == "__main__":
    main()
