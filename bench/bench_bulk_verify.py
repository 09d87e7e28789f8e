"""Bulk re-check throughput: packages per second with --jobs 1 and 2, and the speed-up.

    PYTHONPATH=$PWD /work/venv/bin/python bench/bench_bulk_verify.py [--packages 200]

Generates sample submission packages (the Fraise Club sample design, a PNG deliverable and a
manifest) in a temporary folder, then re-checks the folder with each job count. The goal on a
2-core machine is a speed-up of at least 1.8x with 2 jobs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "brands"))

from brand_samples import build_submission  # noqa: E402

from studio.brands.bulk import bulk_verify  # noqa: E402
from studio.brief import load_brief  # noqa: E402
from studio.samples import sample_brief_path, sample_design_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per job count")
    args = parser.parse_args()
    brief = load_brief(sample_brief_path("lafraise-tee"))
    design = sample_design_path("lafraise-tee").read_bytes()
    rates: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        box = Path(tmp)
        for i in range(args.packages):
            build_submission(box / f"sub-{i:04d}.zip", brief, design, f"Creator {i}")
        bulk_verify(box, brief, max(args.jobs))  # warm the file cache
        for jobs in args.jobs:
            best, cpu = float("inf"), 0.0
            for _ in range(args.repeat):
                start = time.perf_counter()
                rows = bulk_verify(box, brief, jobs)
                elapsed = time.perf_counter() - start
                assert len(rows) == args.packages and all(r.status == "pass" for r in rows)
                if elapsed < best:
                    best, cpu = elapsed, sum(r.cpu_seconds for r in rows)
            rates[jobs] = args.packages / best
            # CPU seconds / wall seconds: the cores the run really got (others may be busy).
            print(
                f"--jobs {jobs}: {args.packages} packages in {best:.2f} s, "
                f"{rates[jobs]:.1f} packages/s, cores used {cpu / best:.2f}"
            )
    if 1 in rates and len(rates) > 1:
        for jobs, rate in rates.items():
            if jobs != 1:
                print(f"speed-up with --jobs {jobs}: {rate / rates[1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
