"""Tiles leave out only what cannot paint into them: the pixels are those with nothing left
out, for artwork whose painted area the SVG walker only estimates."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.checks.context import CheckContext
from studio.checks.imagecrop import ImageCrops
from studio.checks.tiles import Tiler, total
from studio.design import open_design
from tests.checks.helpers import brief, write_svg

SIZE = {"w": "300mm", "h": "200mm", "vb": "0 0 300 200"}
DESIGNS = {
    # The walker guesses text width from the number of letters; W is twice as wide.
    "wide text": '<text id="t" x="40" y="100" font-size="30">WWWWWWWWWWWWW</text>',
    "wide centred text": (
        '<text x="150" y="60" font-size="24" text-anchor="middle">MWMWMWMWMWMW</text>'
        '<text x="150" y="150" font-size="12" font-weight="bold">Ågjy Ågjy</text>'
    ),
    # Accents over a tile edge (tiles are 256 px: 65.024 mm here) the estimate stops short of.
    "accents over a tile edge": '<text x="100" y="83" font-size="20">ÅÉÅÉ ÅÉÅÉ</text>',
    "wide text to the end": (
        '<text x="290" y="120" font-size="28" text-anchor="end">WWWWWWWWWW</text>'
    ),
    "turned wide text": (
        '<text x="60" y="20" font-size="26" transform="rotate(90 60 20)">WWWWWWWW</text>'
    ),
    "text with a centred part": (
        '<text x="150" y="100" font-size="26">A<tspan text-anchor="middle">WWWWWWW</tspan></text>'
    ),
    # Mitred corners reach well past half the stroke width.
    "sharp strokes": (
        '<path id="p" d="M 60 60 L 250 68 L 60 76" fill="none" stroke="#d62839" '
        'stroke-width="6" stroke-miterlimit="40"/>'
    ),
    "one big group": (
        '<g id="all" transform="translate(10 5) rotate(3)">'
        + "".join(
            f'<rect id="r{i}" x="{20 + 30 * i}" y="{30 + 12 * i}" width="22" height="14" '
            f'fill="#2a7f3f"/>'
            for i in range(8)
        )
        + "</g>"
    ),
    "glyphs placed one by one": (
        '<text x="20" y="40" font-size="14">A<tspan dx="150 5 5">BCD</tspan></text>'
        '<text x="20 160 170" y="150" font-size="14">EFG</text>'
    ),
    # A clip path inside one element, used by another far from it.
    "clip in another element": (
        '<g id="holder"><clipPath id="c"><circle cx="220" cy="150" r="30"/></clipPath>'
        '<rect x="10" y="10" width="5" height="5" fill="#f2b705"/></g>'
        '<rect id="clipped" x="150" y="100" width="140" height="90" fill="#1f2a44" '
        'clip-path="url(#c)"/>'
    ),
}


@pytest.mark.parametrize("body", DESIGNS.values(), ids=DESIGNS.keys())
def test_tiles_with_elements_left_out_count_the_pixels_of_tiles_with_all(
    tmp_path: Path, body: str
) -> None:
    body += '<rect x="1" y="1" width="3" height="3" fill="#777777"/>'  # always left out somewhere
    the_brief = brief(tmp_path, canvas={"width": "300mm", "height": "200mm", "dpi": 100})
    ctx = CheckContext(open_design(write_svg(tmp_path, body, **SIZE)), the_brief)
    culled = Tiler(ctx, ImageCrops())
    whole = Tiler(ctx, ImageCrops())
    whole.not_touching = lambda box: []  # type: ignore[method-assign]
    left_out = sum(len(culled.not_touching(culled.tile_box(k))) for k in culled.tile_keys())
    assert left_out > 0  # the design is cut up at all
    a = total(list(culled.histograms(culled.tile_keys()).values()))
    b = total(list(whole.histograms(whole.tile_keys()).values()))
    assert (a.colors.tolist(), a.counts.tolist(), a.interior_counts.tolist()) == (
        b.colors.tolist(),
        b.counts.tolist(),
        b.interior_counts.tolist(),
    )


def test_with_a_style_sheet_every_tile_keeps_everything(tmp_path: Path) -> None:
    body = (
        "<style>rect:nth-child(2) { fill: #d62839 }</style>"
        + "".join(f'<rect x="{10 + 60 * i}" y="20" width="40" height="40"/>' for i in range(5))
    )
    the_brief = brief(tmp_path, canvas={"width": "300mm", "height": "200mm", "dpi": 100})
    ctx = CheckContext(open_design(write_svg(tmp_path, body, **SIZE)), the_brief)
    tiler = Tiler(ctx, ImageCrops())
    assert all(tiler.not_touching(tiler.tile_box(k)) == [] for k in tiler.tile_keys())
