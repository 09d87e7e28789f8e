"""Benchmark of the preflight: a full check against one rasterisation, and live re-checks.

The reference motif is a 15 × 18 in print at 300 DPI (4500 × 5400 px): about 200 filled
paths in six inks, gradients, text and an embedded photo, checked against a six-ink brief.
Goals: a full check costs at most 1.5 rasterisations at print resolution; a live re-check
after a single-element edit takes at most 100 ms. Prints figures; not a timed test.

Each live edit recolours one blob (an unfilled stroke keeps no fill, so that "edit" changes
nothing and shows the session's floor: the first one does); the figures are wall time
(median, min, max, every run) and the CPU time of all threads, which a busy machine inflates
less than wall time.

    PYTHONPATH=. python bench/bench_check.py [--repeat 5] [--edits 10]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image as PILImage

from studio.brief import Brief, load_brief
from studio.checks import run_checks
from studio.checks.live import CheckSession
from studio.design import design_from_document
from studio.document.model import (
    Document,
    Ellipse,
    GradientStop,
    Image,
    Layer,
    LinearGradient,
    RadialGradient,
    Style,
    Text,
)
from studio.document.model import Path as PathElement

INKS = ["#d62839", "#2a7f3f", "#f5ecd7", "#f2b705", "#1f2a44", "#7b3fa0"]
W_MM, H_MM = 381.0, 457.2


def six_ink_brief(folder: Path) -> Brief:
    raw = {
        "format": "motif-brief/1",
        "id": "bench.six-inks",
        "version": 1,
        "title": "Benchmark: six-ink poster tee",
        "kind": "tshirt",
        "canvas": {"width": "15in", "height": "18in", "dpi": 300, "safe_margin": "0.25in"},
        "inks": {
            "max_colors": 6,
            "palette": [{"name": f"Ink {i + 1}", "color": c} for i, c in enumerate(INKS)],
            "palette_only": True,
        },
        "rules": {
            "min_image_dpi": 200,
            "min_text_size": "8pt",
            "min_stroke_width": "0.5mm",
            "fonts": ["Noto Sans"],
            "gradients": "allow",
            "transparency": "allow",
            "raster_images": "allow",
            "max_text_coverage": 0.3,
        },
        "outputs": [{"id": "print", "format": "png", "dpi": 300}],
    }
    path = folder / "bench.brief.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return load_brief(path)


def photo(width: int = 1500, height: int = 1200) -> bytes:
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    rng = np.random.default_rng(5)
    rgb = np.stack(
        [
            60 + 150 * x / width + rng.normal(0, 8, (height, width)),
            80 + 100 * np.sin(y / height * math.pi) + rng.normal(0, 8, (height, width)),
            190 - 110 * y / height + rng.normal(0, 8, (height, width)),
        ],
        axis=-1,
    )
    out = io.BytesIO()
    PILImage.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(out, "PNG", dpi=(300, 300))
    return out.getvalue()


def blob(cx: float, cy: float, r: float, rng: np.random.Generator) -> list:
    points = []
    for i in range(6):
        a = 2 * math.pi * i / 6
        rr = r * (0.6 + 0.5 * rng.random())
        points.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    commands: list = [("M", points[0])]
    for i in range(6):
        p0, p1 = points[i], points[(i + 1) % 6]
        mid = ((p0[0] + p1[0]) / 2 + rng.normal(0, r * 0.2), (p0[1] + p1[1]) / 2)
        commands.append(("C", (*p0, *mid, *p1)))
    commands.append(("Z", ()))
    return commands


def reference_motif() -> Document:
    rng = np.random.default_rng(11)
    art = Layer("Artwork")
    sky = LinearGradient([GradientStop(0, "#1f2a44"), GradientStop(1, "#f2b705")], 0, 0, 0, 1)
    art.elements.append(Ellipse(cx=W_MM / 2, cy=190, rx=170, ry=170, style=Style(fill=sky)))
    glow = RadialGradient([GradientStop(0, "#f5ecd7"), GradientStop(1, "#f2b705", 0.0)])
    art.elements.append(Ellipse(cx=W_MM / 2, cy=230, rx=80, ry=80, style=Style(fill=glow)))
    for i in range(200):
        cx, cy = rng.uniform(30, W_MM - 30), rng.uniform(30, H_MM - 120)
        style = Style(fill=INKS[i % 6])
        if i % 10 == 0:
            style = Style(fill=None, stroke=INKS[i % 6], stroke_width=1.5)
        art.elements.append(
            PathElement(commands=blob(cx, cy, rng.uniform(6, 22), rng), style=style)
        )
    data = photo()
    art.elements.append(
        Image(
            x=W_MM / 2 - 63.5,
            y=300,
            width=127,
            height=101.6,
            data=data,
            pixel_width=1500,
            pixel_height=1200,
        )
    )
    for i, words in enumerate(["NIGHT MARKET", "open late", "since 1998"]):
        art.elements.append(
            Text(
                x=W_MM / 2,
                y=420 + 12 * i,
                content=words,
                size=10 if i else 18,
                align="middle",
                style=Style(fill="#f5ecd7"),
            )
        )
    return Document(width=W_MM, height=H_MM, dpi=300, layers=[art])


CPU: dict[str, list[float]] = {}


def timed(fn, name: str) -> float:  # type: ignore[no-untyped-def]
    """Wall time of ``fn()``; its CPU time (all threads) is kept in :data:`CPU` under ``name``."""
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    CPU.setdefault(name, []).append(time.process_time() - start_cpu)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edits", type=int, default=10, help="live edits timed (at least)")
    args = parser.parse_args()
    from studio.render.raster import render_rgba

    with tempfile.TemporaryDirectory() as tmp:
        brief = six_ink_brief(Path(tmp))
        doc = reference_motif()
        design = design_from_document(doc)
        report = run_checks(design, brief)
        print(
            f"reference motif: {brief.width_px}×{brief.height_px} px, "
            f"{sum(1 for _ in doc.walk())} elements, SVG {len(design.svg) / 1e6:.1f} MB"
        )
        print(f"findings: {[f.rule for f in report.findings]}")
        # Both sides warm (fonts loaded, a full-size buffer's pages already faulted in), then
        # taken in turn, so that neither pays a cold start or a burst of the machine's load.
        render_rgba(design.svg, brief.width_px, brief.height_px)
        checks, rasters, ratios = [], [], []
        for _ in range(args.repeat):
            raster_s = timed(
                lambda: render_rgba(design.svg, brief.width_px, brief.height_px), "raster"
            )
            check_s = timed(lambda: run_checks(design, brief), "check")
            checks.append(check_s)
            rasters.append(raster_s)
            ratios.append(check_s / raster_s)
        check_s, raster_s = statistics.median(checks), statistics.median(rasters)
        print(f"full check (median of {args.repeat}):     {check_s * 1000:8.0f} ms")
        print(f"one rasterisation at 4500×5400 px:  {raster_s * 1000:8.0f} ms")
        print(
            f"ratio check / rasterisation:        {check_s / raster_s:8.2f}  (goal <= 1.5;"
            f" median of the {args.repeat} paired ratios {statistics.median(ratios):.2f},"
            f" range {min(ratios):.2f}-{max(ratios):.2f})"
        )
        cpu_check, cpu_raster = statistics.median(CPU["check"]), statistics.median(CPU["raster"])
        print(
            f"  CPU time (all threads): check {cpu_check * 1000:.0f} ms, rasterisation"
            f" {cpu_raster * 1000:.0f} ms, ratio {cpu_check / cpu_raster:.2f}"
        )

        session = CheckSession(brief)
        session.update(doc)
        paths = [e for e in doc.walk() if isinstance(e, PathElement)]
        latencies, cpu, tiles = [], [], []
        for i in range(max(args.edits, args.repeat * 2)):
            target = paths[(i * 37) % len(paths)]
            target.style.fill = INKS[(i + 1) % 6] if target.style.fill else None
            start, start_cpu = time.perf_counter(), time.process_time()
            session.update(doc)
            latencies.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            tiles.append(session.stats.tiles_rendered)
        ms = sorted(round(t * 1000) for t in latencies)
        print(
            f"live re-check after one edit:       {statistics.median(latencies) * 1000:8.0f} ms"
            f"  (median of {len(latencies)}, {statistics.median(tiles):.0f} tiles; goal <= 100)"
        )
        print(f"  min {ms[0]} ms, max {ms[-1]} ms, all: {ms}")
        print(
            f"  CPU time per re-check (all threads): median "
            f"{statistics.median(cpu) * 1000:.0f} ms, max {max(cpu) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
