"""Export speed on a print-size motif: 4500 × 5400 px at 300 DPI (381 × 457.2 mm), ~200 paths,
gradients, text and an embedded photo. Prints the median over N runs and where the time goes
(sanitize+parse / render / PNG encode), the encode time at other zlib levels, and Inkscape's
time on the same file when ``inkscape`` is installed.

    python bench/bench_export.py [--runs 3] [--keep motif.svg]
"""

from __future__ import annotations

import argparse
import base64
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.render import raster
from studio.render.export import export_png


def photo(width: int = 1600, height: int = 1200) -> bytes:
    """A JPEG 'photo' of gradients and noise: compresses like a real one (badly)."""
    rng = np.random.default_rng(1)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    base = np.stack([x / width * 255, y / height * 255, (x + y) / (width + height) * 255], -1)
    noise = rng.normal(0, 25, (height, width, 3))
    pixels = np.clip(base + noise, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=88)
    return out.getvalue()


def motif_svg(paths: int = 200) -> bytes:
    rng = np.random.default_rng(7)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
             ' width="381mm" height="457.2mm" viewBox="0 0 4500 5400"><defs>']
    for i in range(8):
        c1, c2 = (f"#{rng.integers(0, 0xFFFFFF):06x}" for _ in range(2))
        kind = "linearGradient" if i % 2 else "radialGradient"
        parts.append(f'<{kind} id="g{i}"><stop offset="0" stop-color="{c1}"/>'
                     f'<stop offset="1" stop-color="{c2}" stop-opacity="0.7"/></{kind}>')
    parts.append("</defs>")
    uri = "data:image/jpeg;base64," + base64.b64encode(photo()).decode()
    parts.append(f'<image x="700" y="900" width="3100" height="2325" xlink:href="{uri}"/>')
    for i in range(paths):
        cx, cy = rng.uniform(0, 4500), rng.uniform(0, 5400)
        pts = rng.uniform(-600, 600, (6, 2))
        d = f"M{cx:.1f},{cy:.1f} " + " ".join(
            f"C{cx + a:.1f},{cy + b:.1f} {cx + c:.1f},{cy + e:.1f} {cx + f:.1f},{cy + g:.1f}"
            for (a, b), (c, e), (f, g) in zip(pts[0::3], pts[1::3], pts[2::3], strict=True)) + "Z"
        fill = f"url(#g{i % 8})" if i % 3 == 0 else f"#{rng.integers(0, 0xFFFFFF):06x}"
        parts.append(f'<path d="{d}" fill="{fill}" fill-opacity="0.8" stroke="#222" '
                     f'stroke-width="{rng.uniform(2, 12):.1f}"/>')
    parts.append('<text x="2250" y="4700" font-family="sans-serif" font-size="420" '
                 'font-weight="bold" text-anchor="middle" fill="#111">MOTIF STUDIO</text>'
                 '<text x="2250" y="5100" font-family="serif" font-size="200" '
                 'text-anchor="middle" fill="url(#g1)">print-ready since today</text></svg>')
    return "".join(parts).encode()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    svg = motif_svg()
    raster.configure_fonts()
    times: list[dict[str, float]] = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = export_png(svg, "motif.svg", 300)
        times.append({**result.timings, "total": time.perf_counter() - start})
    assert (result.width_px, result.height_px) == (4500, 5400)
    med = {k: statistics.median(t[k] for t in times) for k in times[0]}
    print(f"ours: {result.width_px}x{result.height_px} px, SVG {len(svg) / 1e6:.1f} MB, PNG "
          f"{len(result.data) / 1e6:.1f} MB; median of {args.runs}: total {med['total']:.2f} s "
          f"= sanitize+parse {med['sanitize']:.2f} + render {med['render']:.2f} "
          f"+ encode {med['encode']:.2f}")
    image = raster.render_image(svg, 4500, 5400)
    for level in (1, 3, 6):
        start = time.perf_counter()
        size = len(raster.encode_png(image, 300, compress_level=level))
        print(f"  PNG zlib level {level}: {time.perf_counter() - start:.2f} s, {size / 1e6:.1f} MB")
    if args.keep:
        args.keep.write_bytes(svg)
    inkscape = shutil.which("inkscape")
    if inkscape is None:
        print("inkscape not installed: no comparison")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "motif.svg")
        src.write_bytes(svg)
        ink = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([inkscape, str(src), "--export-type=png", "--export-dpi=300",
                            f"--export-filename={tmp}/ink.png"], check=True, capture_output=True)
            ink.append(time.perf_counter() - start)
    med_ink = statistics.median(ink)
    print(f"inkscape: median {med_ink:.2f} s; ours / inkscape = {med['total'] / med_ink:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
