"""Print-production benchmark: separations of a large motif, and an ad set with weight search.

    PYTHONPATH=. python bench/bench_production.py [--repeat 3]

Separations: a generated 15×18 in motif at 300 DPI (4500×5400 px), ~200 paths in 6 flat inks
plus text, separated into 6 inks on a black garment (underbase on). Goal: at most 2× one
rasterisation of the design (``render_rgba``: drawing, then un-premultiplying the partly
covered pixels), peak memory under 1.5 GB. The drawing alone is printed too: separations start
from it. One full-size render comes first and is not counted: the first 24 MP buffer of a
process pays ~0.3 s of fresh memory pages, which would flatter whichever figure came after it.
Each figure is the median of ``--repeat`` runs (default 3), taken in turn.
Ad set: the 4 sizes of the sample ad brief with weight search; goal under 2 s.
"""

from __future__ import annotations

import json
import math
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INKS = [
    ("Cream", "#f5ecd7"),
    ("Sun yellow", "#f2b705"),
    ("Strawberry red", "#d62839"),
    ("Sky blue", "#3a86c8"),
    ("Leaf green", "#2a7f3f"),
    ("Night", "#1d1a2f"),
]


def motif_svg(n_paths: int = 200) -> bytes:
    rnd = random.Random(5)
    w, h = 381.0, 457.2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" '
        f'viewBox="0 0 {w} {h}">'
    ]
    for i in range(n_paths):
        cx, cy, r = rnd.uniform(20, w - 20), rnd.uniform(20, h - 60), rnd.uniform(6, 40)
        k = rnd.randint(3, 9)
        pts = []
        for j in range(k):
            a = 2 * math.pi * j / k
            rr = r * rnd.uniform(0.5, 1.0)
            pts.append(f"{cx + rr * math.cos(a):.2f},{cy + rr * math.sin(a):.2f}")
        d = "M" + " Q".join(f"{pts[j]} {pts[(j + 1) % k]}" for j in range(0, k)) + " Z"
        parts.append(f'<path d="{d}" fill="{INKS[i % len(INKS)][1]}"/>')
    parts.append(
        f'<text x="{w / 2}" y="{h - 20}" font-family="Noto Sans" font-size="30" '
        f'text-anchor="middle" fill="{INKS[2][1]}">BENCHMARK MOTIF</text></svg>'
    )
    return "".join(parts).encode()


def brief_file(folder: Path) -> Path:
    data = {
        "format": "motif-brief/1",
        "id": "bench.large-tee",
        "version": 1,
        "title": "Benchmark",
        "kind": "tshirt",
        "canvas": {"width": "15in", "height": "18in", "dpi": 300},
        "garment": {"colors": [{"name": "Black", "color": "#1b1b1d"}]},
        "inks": {"max_colors": 6, "palette": [{"name": n, "color": c} for n, c in INKS]},
        "rules": {"gradients": "forbid"},
        "outputs": [{"id": "films", "format": "separations"}],
    }
    path = folder / "bench.brief.json"
    path.write_text(json.dumps(data))
    return path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    from studio.brief import load_brief
    from studio.design import Design
    from studio.document.fileio import load_document
    from studio.production.adset import make_ad_set
    from studio.production.output import separations_pdf
    from studio.production.separations import separate
    from studio.render.raster import render_premultiplied, render_rgba
    from studio.samples import sample_brief_path, sample_design_path

    with tempfile.TemporaryDirectory() as tmp:
        brief = load_brief(brief_file(Path(tmp)))
    svg = motif_svg()
    design = Design(path="bench", svg=svg, width=brief.width, height=brief.height)
    print(f"motif: {brief.width_px}x{brief.height_px} px, 200 paths, 6 inks + text")
    render_rgba(svg, brief.width_px, brief.height_px)  # fonts loaded, memory pages warm
    rasters, drawings, seps = [], [], []
    for _ in range(repeat):
        t = time.perf_counter()
        render_rgba(svg, brief.width_px, brief.height_px)
        rasters.append(time.perf_counter() - t)
        t = time.perf_counter()
        render_premultiplied(svg, brief.width_px, brief.height_px)
        drawings.append(time.perf_counter() - t)
        result = None  # the last run's plates are not counted in this run's peak memory
        t = time.perf_counter()
        result = separate(design, brief)
        seps.append(time.perf_counter() - t)
    raster, drawing, sep = (statistics.median(v) for v in (rasters, drawings, seps))
    print(f"one rasterisation:       {raster:6.2f} s   (medians of {repeat})")
    print(f"drawing only:            {drawing:6.2f} s   (render_premultiplied)")
    print(
        f"separations (render+plates+films+proof): {sep:6.2f} s   ratio {sep / raster:.2f}x"
        f" (goal <= 2x)   plates: {len(result.plates)}"
    )
    t = time.perf_counter()
    pdf = separations_pdf(result)
    print(f"PDF writing:             {time.perf_counter() - t:6.2f} s   {len(pdf) / 1e6:.1f} MB")
    print(f"peak RSS:                {peak_mb():6.0f} MB (goal < 1536)")
    del result, pdf
    ad_brief = load_brief(sample_brief_path("display-ad"))
    doc = load_document(sample_design_path("display-ad"))
    t = time.perf_counter()
    outputs = make_ad_set(doc, ad_brief)
    ads = time.perf_counter() - t
    detail = ", ".join(f"{o.output.id} {o.encoded.setting}" for o in outputs)
    print(f"ad set (4 sizes, weight search): {ads:.2f} s (goal < 2 s): {detail}")


if __name__ == "__main__":
    main()
