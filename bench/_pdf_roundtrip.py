"""The PDF path for the fidelity benchmark: sanitize → render_pdf at the canvas size in mm →
rasterise back with ``pdftoppm -r DPI`` (poppler-utils). Same arguments as fidelity_export."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from studio.errors import InputError
from studio.render.fonts import resolve_generic_families
from studio.render.pdf import render_pdf
from studio.safety.svg import sanitize_svg_report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("svg", type=Path)
    parser.add_argument("--dpi", type=float, default=300.0)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--base-dir", type=Path)
    parser.add_argument("--no-raster", action="store_true")
    args = parser.parse_args()
    try:
        clean = sanitize_svg_report(args.svg.read_bytes(), args.svg,
                                    base_dir=args.base_dir or args.svg.parent,
                                    doc_dir=args.svg.parent, allow_local_images=True,
                                    rewrite=resolve_generic_families)
        pdf = render_pdf(clean.data, width_mm=clean.width_px * 25.4 / 96,
                         height_mm=clean.height_px * 25.4 / 96,
                         raster_fallback=not args.no_raster)
    except InputError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", f"{args.dpi}", "-png", "-singlefile", "-aa", "yes",
                        "-aaVector", "yes", str(src), str(Path(tmp, "out"))], check=True)
        args.output.write_bytes(Path(tmp, "out.png").read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
