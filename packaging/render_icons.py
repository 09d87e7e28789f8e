"""Render the app icon SVG to the PNG sizes desktops ask for (and the Windows .ico and macOS
.icns), with the project's own renderer.

Run after editing ``resources/icons/io.motifstudio.MotifStudio.svg``:
``python packaging/render_icons.py``. The PNGs are committed so a build needs no renderer step.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studio.render.raster import render_image  # noqa: E402

ICONS = ROOT / "resources" / "icons"
APP_ID = "io.motifstudio.MotifStudio"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def main() -> int:
    svg = (ICONS / f"{APP_ID}.svg").read_bytes()
    for size in SIZES:
        out = ICONS / f"{size}x{size}" / f"{APP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        render_image(svg, size, size).save(out, "PNG", optimize=True)
        print(f"wrote {out.relative_to(ROOT)}")
    # Windows wants an .ico for the .exe and the installer, macOS an .icns for the .app.
    big = render_image(svg, 1024, 1024)
    big.save(ICONS / "motif-studio.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "motif-studio.icns")
    print("wrote resources/icons/motif-studio.ico, motif-studio.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
