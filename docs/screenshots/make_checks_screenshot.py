"""Regenerate checks-panel.png offscreen: the La Fraise brief with four problems, the
off-palette one chosen (selected, and framed in red on the canvas).

    MOTIF_STUDIO_FONT_DIRS=/path/to/fonts/with/NotoSans \
        python docs/screenshots/make_checks_screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image

from studio.document.model import Rect, Style, Text
from studio.gui.app import application
from studio.gui.mainwindow import MainWindow
from studio.paths import resources_dir

HERE = Path(__file__).resolve().parent


def pump(app, seconds: float, until=lambda: False) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.processEvents()
        time.sleep(0.01)


def main(out: Path) -> None:
    app = application()
    win = MainWindow()
    win.resize(1400, 880)
    win.show()
    win.open_path(resources_dir() / "briefs" / "lafraise-tee" / "lafraise-tee.brief.json")
    ctrl = win.ctrl
    ctrl.add([Rect(x=70, y=90, width=120, height=90, style=Style(fill="#3366ff"), name="Sky")])
    tagline = Text(x=80, y=230, content="Summer at the Fraise Club", size=2.6, name="Tagline")
    tagline.style.fill = "#f5ecd7"
    ctrl.add([tagline])
    ctrl.add([Rect(x=230, y=-8, width=60, height=40, style=Style(fill="#f2b705"), name="Sun")])
    win.docks["Checks"].raise_()
    panel = win.checks_panel
    pump(app, 60, lambda: panel.runner.report is not None and not panel.runner.busy)
    card = next(c for c in panel.cards if c.finding.rule == "inks.palette")
    panel.choose(card.finding)
    pump(app, 0.5)
    path = out.with_suffix(".tmp.png")
    win.grab().save(str(path))
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
    path.unlink()
    ctrl.stack.setClean()
    win.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "checks-panel.png")
