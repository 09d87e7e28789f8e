"""The PDF path for the fidelity benchmark: sanitize → render_pdf at the canvas size in mm →
rasterise back with poppler's ``pdftocairo -r DPI`` (or ``--rasteriser pdftoppm``). Takes
SVG ``--dpi D -o PNG [--base-dir DIR]``, like ``motif-studio export``.

pdftocairo, not pdftoppm, by default: pdftoppm's Splash rasteriser applies stroke adjustment,
snapping thin strokes to whole device pixels without anti-aliasing. On the suite's 1-unit image
frame alone that is 1.6 % of the pixels of every file (over the 1 % pass limit), so pdftoppm
measured its own snapping rather than our PDF: painting/stroke-width/default.svg is 2.5 % bad
through pdftoppm, 0.0 % through pdftocairo, from the same PDF bytes."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from studio.errors import InputError
from studio.render import pdf as pdf_module
from studio.render.pdf import render_pdf
from studio.safety.svg import sanitize_svg_report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("svg", type=Path)
    parser.add_argument("--dpi", type=float, default=300.0)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--base-dir", type=Path)
    parser.add_argument("--no-raster", action="store_true")
    parser.add_argument("--all-raster", action="store_true", help="raster fallback for every file")
    parser.add_argument("--rasteriser", choices=("pdftocairo", "pdftoppm"), default="pdftocairo")
    args = parser.parse_args()
    if args.all_raster:  # to measure what the fallback would give each file
        pdf_module.used_features = lambda root: {"filter"}
    try:
        clean = sanitize_svg_report(args.svg.read_bytes(), args.svg,
                                    base_dir=args.base_dir or args.svg.parent,
                                    doc_dir=args.svg.parent, allow_local_images=True)
        pdf = render_pdf(clean.data, width_mm=clean.width_px * 25.4 / 96,
                         height_mm=clean.height_px * 25.4 / 96,
                         raster_fallback=not args.no_raster)
    except InputError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        extra = ["-aa", "yes", "-aaVector", "yes"] if args.rasteriser == "pdftoppm" else []
        subprocess.run([args.rasteriser, "-r", f"{args.dpi}", "-png", "-singlefile", *extra,
                        str(src), str(Path(tmp, "out"))], check=True)
        args.output.write_bytes(Path(tmp, "out.png").read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
