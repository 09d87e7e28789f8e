"""Render fidelity of our export path on the resvg test suite (issue 9).

Runs every suite file (or ``--sample N`` spread across categories) through the real command,
``motif-studio export SVG --format png --dpi D -o PNG --base-dir SUITE`` (``--pdf``: through
render_pdf and ``pdftocairo``, see bench/_pdf_roundtrip.py), with the same pass rule as
shared/tools/svg-fidelity.py: after compositing on white, at most 1 % of pixels differ by more
than 32 in any channel. ``--base-dir`` lets the suite's files use its resources/ folder (three
files pass only with it: without it, the command keeps only what is under the file's own
folder). Prints passed/failed/crashed/refused and the median time per file; ``--csv FILE``
writes one row per file for per-category analysis.

    MOTIF_STUDIO_FONT_DIRS=SUITE/fonts python bench/bench_fidelity.py SUITE [--sample N] [--jobs 2]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def flat(image: Image.Image) -> np.ndarray:
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, "white")
    white.alpha_composite(rgba)
    return np.asarray(white.convert("RGB"), dtype=np.int16)


def compare(image: Image.Image, ref: Image.Image) -> float:
    """Share of pixels that differ by more than 32 after compositing on white."""
    if image.size != ref.size:
        image = image.resize(ref.size)
    return float((np.abs(flat(image) - flat(ref)).max(axis=2) > 32).mean())


def run_one(job: tuple[str, str, bool, tuple[str, ...]]) -> tuple[str, str, float, float, str]:
    suite, rel, pdf, extra = job
    svg = Path(suite, "tests", rel)
    ref = Image.open(svg.with_suffix(".png"))
    dpi = 96 * ref.size[0] / 200
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("MOTIF_STUDIO_FONT_DIRS", str(Path(suite, "fonts")))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "o.png")
        if pdf:
            cmd = [sys.executable, "-m", "bench._pdf_roundtrip", str(svg), "--dpi", f"{dpi}",
                   "-o", str(out), "--base-dir", suite, *extra]
        else:
            cmd = [sys.executable, "-m", "studio", "export", str(svg), "--format", "png",
                   "--dpi", f"{dpi}", "-o", str(out), "--base-dir", suite]
        start = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=60, env=env, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return rel, "crash", 1.0, 60.0, "timeout"
        seconds = time.perf_counter() - start
        err = proc.stderr.decode(errors="replace").strip().splitlines()
        if proc.returncode == 2 and "Traceback" not in proc.stderr.decode(errors="replace"):
            return rel, "refused", 1.0, seconds, err[-1] if err else ""
        if proc.returncode != 0 or not out.exists():
            return rel, "crash", 1.0, seconds, (err[-1] if err else f"exit {proc.returncode}")
        bad = compare(Image.open(out), ref)
    return rel, "pass" if bad <= 0.01 else "fail", bad, seconds, ""


def suite_names(suite: str, sample: int) -> list[str]:
    with open(Path(suite, "results.csv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = [r["title"] for r in rows if Path(suite, "tests", r["title"][:-4] + ".png").exists()]
    if sample:
        names = names[:: max(1, len(names) // sample)][:sample]
    return names


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("suite")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pdf", action="store_true", help="measure the PDF path")
    parser.add_argument("--rasteriser", choices=("pdftocairo", "pdftoppm"), default="pdftocairo",
                        help="how --pdf turns the PDF back into pixels (see bench/_pdf_roundtrip)")
    parser.add_argument("--no-raster", action="store_true",
                        help="with --pdf: no raster fallback (to choose its features)")
    parser.add_argument("--all-raster", action="store_true",
                        help="with --pdf: raster fallback for every file")
    parser.add_argument("--csv", type=Path)
    args = parser.parse_args()
    names = suite_names(args.suite, args.sample)
    extra = ("--rasteriser", args.rasteriser, *(["--no-raster"] if args.no_raster else []),
             *(["--all-raster"] if args.all_raster else []))
    extra = extra if args.pdf else ()
    with ProcessPoolExecutor(args.jobs) as pool:
        jobs = [(args.suite, n, args.pdf, extra) for n in names]
        results = list(pool.map(run_one, jobs, chunksize=4))
    counts = {k: sum(1 for r in results if r[1] == k) for k in ("pass", "fail", "crash", "refused")}
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "result", "bad", "seconds", "message"])
            writer.writerows(results)
    for r in results:
        if r[1] == "crash":
            print("CRASH", r[0], r[4])
    median = statistics.median(r[3] for r in results)
    print(f"{'pdf' if args.pdf else 'png'} path: passed {counts['pass']}, failed {counts['fail']}, "
          f"crashed {counts['crash']}, refused {counts['refused']} of {len(names)}; "
          f"median {median:.2f} s per file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
