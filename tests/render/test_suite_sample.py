"""A fast sample of the resvg suite through our export path must not regress.

40 files spread across the suite's categories, rendered in-process by the same export_png the
CLI uses (the full run is bench/bench_fidelity.py). MIN_PASS is what we measured minus a margin.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.errors import InputError
from studio.render import raster
from studio.render.export import export_png

SUITE = Path(os.environ.get("MOTIF_STUDIO_RESVG_SUITE", "/work/shared/resvg-test-suite"))
SAMPLE = 40
#: Of 40, measured with this code (svg2png-py 1.1's resvg 0.47, with studio.render.compat's
#: rewrites; 29 before them). painting/context/with-text.svg still fails: drawn at the output size
#: through the root's viewBox, resvg paints context-fill text over the text's own box.
MEASURED = 30
MIN_PASS = MEASURED - 2

pytestmark = pytest.mark.skipif(not (SUITE / "tests").is_dir(), reason="resvg suite not present")


def bad_share(image: Image.Image, ref: Image.Image) -> float:
    def flat(im: Image.Image) -> np.ndarray:
        white = Image.new("RGBA", im.size, "white")
        white.alpha_composite(im.convert("RGBA"))
        return np.asarray(white.convert("RGB"), dtype=np.int16)
    if image.size != ref.size:
        image = image.resize(ref.size)
    return float((np.abs(flat(image) - flat(ref)).max(axis=2) > 32).mean())


def sample_files() -> list[Path]:
    files = sorted(p for p in (SUITE / "tests").rglob("*.svg") if p.with_suffix(".png").exists())
    return files[:: max(1, len(files) // SAMPLE)][:SAMPLE]


def test_sample_pass_count() -> None:
    raster.configure_fonts([SUITE / "fonts"])
    passed = 0
    for svg in sample_files():
        ref = Image.open(svg.with_suffix(".png"))
        try:
            out = export_png(svg.read_bytes(), svg, 96 * ref.size[0] / 200, base_dir=SUITE,
                             allow_local_images=True)
        except InputError:
            continue
        passed += bad_share(Image.open(io.BytesIO(out.data)), ref) <= 0.01
    raster.configure_fonts()
    assert passed >= MIN_PASS, f"{passed} of {SAMPLE} passed, fewer than {MIN_PASS}"
