"""Ad sets: variants round-trip in the design file; every size exact and under its weight."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from studio.brief import load_brief
from studio.document.fileio import load_document, save_document
from studio.document.geometry import translate
from studio.document.model import Override, Variant
from studio.production.adset import ensure_variants, make_ad_set
from studio.production.layout import variant_document
from studio.production.longwork import Cancelled
from studio.production.weight import encode_within
from studio.render.raster import encode_jpeg


@pytest.fixture
def ad(samples_dir: Path):  # type: ignore[no-untyped-def]
    folder = samples_dir / "display-ad"
    return load_brief(folder / "display-ad.brief.json"), load_document(
        folder / "sample-design.motif.svg"
    )


def test_variants_round_trip_in_the_design_file(tmp_path: Path, ad) -> None:  # type: ignore[no-untyped-def]
    brief, doc = ad
    ensure_variants(doc, brief)
    first = next(iter(doc.walk()))
    doc.variants["leaderboard"].overrides[first.id] = Override(translate(1.5, 2.25), False)
    save_document(doc, tmp_path / "d.motif.svg")
    text = (tmp_path / "d.motif.svg").read_text()
    assert '<motif:variant output="leaderboard"' in text
    assert f'<motif:override element="{first.id}" transform="matrix(1 0 0 1 1.5 2.25)"' in text
    again = load_document(tmp_path / "d.motif.svg")
    assert again.variants == doc.variants
    assert set(again.variants) == {"medium-rectangle", "leaderboard", "skyscraper"}


def test_a_variant_changes_only_its_overrides(ad) -> None:  # type: ignore[no-untyped-def]
    _brief, doc = ad
    element = next(iter(doc.walk()))
    laid = variant_document(doc, Variant("x", 50, 20, {element.id: Override(visible=False)}))
    assert (laid.width, laid.height) == (50, 20)
    assert laid.find(element.id).visible is False  # type: ignore[union-attr]
    assert doc.find(element.id).visible is True  # type: ignore[union-attr]


def test_every_size_at_its_exact_pixels_and_under_its_weight(ad) -> None:  # type: ignore[no-untyped-def]
    brief, doc = ad
    seen: list[str] = []
    results = make_ad_set(doc, brief, progress=lambda f, m: seen.append(m))
    assert [r.output.id for r in results] == [o.id for o in brief.outputs]
    for r in results:
        assert r.encoded.fits, r.encoded.message
        assert r.encoded.data is not None
        image = Image.open(io.BytesIO(r.encoded.data))
        assert image.size == (r.output.width_px, r.output.height_px)
        assert image.format == {"jpg": "JPEG", "png": "PNG"}[r.output.format]
        if r.output.max_bytes:
            assert len(r.encoded.data) <= r.output.max_bytes
    sizes = {r.output.id: (r.width_px, r.height_px) for r in results}
    assert sizes["leaderboard"] == (728, 90) and sizes["skyscraper"] == (160, 600)
    # The logo keeps its corner: the top-left of the leaderboard is the logo's green, not ground.
    board = Image.open(io.BytesIO(results[1].encoded.data or b"")).convert("RGB")
    ground = board.getpixel((700, 80))
    assert any(board.getpixel((x, 45)) != ground for x in range(10, 90))
    with pytest.raises(Cancelled):
        make_ad_set(doc, brief, cancel=lambda: True)


def test_the_best_quality_that_fits_and_a_clear_nothing_fits() -> None:
    rng = __import__("numpy").random.default_rng(1)
    noise = Image.fromarray(rng.integers(0, 255, (200, 200, 3), dtype="uint8"), "RGB")
    limit = 30_000
    fitted = encode_within(noise, "jpg", 72, limit)
    assert fitted.fits and len(fitted.data or b"") <= limit
    q = int(fitted.setting.split()[-1])
    assert q == 95 or len(encode_jpeg(noise, 72, q + 1)) > limit  # the highest that fits
    nothing = encode_within(noise, "jpg", 72, 2_000)
    assert not nothing.fits and nothing.data is None
    assert "nothing acceptable fits" in nothing.message and "2000" in nothing.message
    png = encode_within(noise, "png", 72, 8_000)
    assert not png.fits and "16-colour" in png.message
    palette = encode_within(noise, "png", 72, 40_000)
    assert palette.fits and "palette" in palette.setting
    assert Image.open(io.BytesIO(palette.data or b"")).mode == "P"
    flat = Image.new("RGB", (300, 300), (10, 200, 30))
    assert encode_within(flat, "png", 72, 5_000).setting == "full colour"
