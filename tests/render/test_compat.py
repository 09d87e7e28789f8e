"""SVG resvg misreads is rewritten on the way in, so what users see matches browsers.

Each test renders a small document through the sanitizer (as every import and export does)
and looks at the pixels the user would see.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from studio.render.raster import render_rgba
from studio.safety.svg import sanitize_svg, sanitize_svg_report

HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="200" height="200" viewBox="0 0 200 200"{root}>')


def draw(body: str, root: str = "", size: int = 200) -> np.ndarray:
    svg = (HEAD.format(root=root) + body + "</svg>").encode()
    return render_rgba(sanitize_svg(svg, "t.svg"), size, size)


def green(pixel: np.ndarray) -> bool:
    return bool(pixel[1] > 100 and pixel[0] < 60 and pixel[3] > 200)


def test_css_units_resvg_drops_are_drawn() -> None:
    # Q is a quarter millimetre; rem the root's font size; vw a hundredth of the canvas.
    rgba = draw('<rect x="20Q" y="1rem" width="4rem" height="40vw" fill="green"/>',
                root=' font-size="32"')
    assert green(rgba[32 + 5, 19 + 5]) and green(rgba[32 + 75, 19 + 120])
    assert rgba[32 + 85, 19 + 135, 3] == 0  # 4rem = 128 wide, 40vw = 80 high


def test_ch_is_the_advance_of_zero_in_the_element_font() -> None:
    clean = sanitize_svg(HEAD.format(root="").encode()
                         + b'<rect font-family="Noto Sans" font-size="32" width="9ch" '
                           b'height="10"/></svg>', "t.svg")
    width = float(clean.split(b'width="')[2].split(b'"')[0])
    assert width == pytest.approx(9 * 32 * 0.572, abs=0.5)  # Noto Sans "0" is 572/1000 em


def test_percentage_alpha_and_slash_colours() -> None:
    for paint in ("rgba(0, 128, 0, 50%)", "rgb(0 128 0 / 0.5)", "hsl(120 100% 25% / 50%)"):
        pixel = draw(f'<rect width="200" height="200" fill="{paint}"/>')[100, 100]
        assert pixel[1] > 100 and pixel[0] < 30 and 110 < pixel[3] < 145, paint


def test_icc_colour_falls_back_to_its_srgb_colour() -> None:
    rgba = draw('<rect width="200" height="200" fill="green icc-color(acme, 0.1, 0.5, 0.8)"/>')
    assert green(rgba[100, 100])


def test_basic_shape_clip_paths() -> None:
    rgba = draw('<rect x="20" y="20" width="160" height="160" fill="green" '
                'clip-path="circle()"/>')
    assert green(rgba[100, 100]) and rgba[25, 25, 3] == 0  # corner cut by the circle r=80
    rgba = draw('<rect x="20" y="20" width="160" height="160" fill="green" '
                'style="clip-path: inset(10% 20px)"/>')
    assert green(rgba[100, 45]) and rgba[100, 35, 3] == 0 and rgba[30, 100, 3] == 0
    rgba = draw('<rect width="200" height="200" fill="green" '
                'clip-path="polygon(0 0, 100% 0, 0 100%)"/>')
    assert green(rgba[20, 20]) and rgba[180, 180, 3] == 0


def test_shape_clip_on_a_path_is_left_alone() -> None:
    clean = sanitize_svg(HEAD.format(root="").encode()
                         + b'<path d="M0 0H9V9z" clip-path="circle()"/></svg>', "t.svg")
    assert b'clip-path="circle()"' in clean  # no box we can know: as before, unclipped


def test_filter_drawing_its_own_element_is_not_drawn() -> None:
    rgba = draw('<filter id="f"><feImage xlink:href="#r"/></filter>'
                '<rect id="r" width="200" height="200" fill="red" filter="url(#f)"/>'
                '<rect x="50" y="50" width="10" height="10" fill="green"/>')
    assert rgba[20, 20, 3] == 0 and green(rgba[55, 55])


def test_erosion_wider_than_its_region_draws_nothing() -> None:
    # Without the rewrite this radius is refused (resvg alone takes over a minute on it).
    rgba = draw('<filter id="f"><feMorphology radius="9999"/></filter>'
                '<rect x="20" y="20" width="160" height="160" fill="green" filter="url(#f)"/>',
                size=500)
    assert rgba[..., 3].max() == 0


def test_bounding_box_lights_and_subregions_in_user_units() -> None:
    rgba = draw('<filter id="f" primitiveUnits="objectBoundingBox" '
                'color-interpolation-filters="sRGB"><feFlood flood-color="green" '
                'width="0.5" height="0.5"/></filter>'
                '<rect x="20" y="20" width="160" height="160" filter="url(#f)"/>')
    # The flood covers half the box from the filter region's corner (-10 %): 4..84.
    assert green(rgba[10, 10]) and green(rgba[80, 80]) and rgba[90, 90, 3] == 0
    lit = draw('<filter id="f" primitiveUnits="objectBoundingBox" '
               'color-interpolation-filters="sRGB"><feDiffuseLighting>'
               '<fePointLight x="0.5" y="0.8" z="0.2"/></feDiffuseLighting></filter>'
               '<rect x="20" y="20" width="160" height="160" fill="white" '
               'filter="url(#f)"/>')
    assert lit[148, 100, 0] > 200 and lit[40, 100, 0] < 120  # the light sits at (100, 148)


def test_linear_rgb_mask_uses_linear_luminance() -> None:
    def mid_alpha(interpolation: str) -> int:
        rgba = draw('<linearGradient id="g"><stop offset="0" stop-color="black"/>'
                    '<stop offset="1" stop-color="white"/></linearGradient>'
                    f'<mask id="m" color-interpolation="{interpolation}">'
                    '<rect width="200" height="200" fill="url(#g)"/></mask>'
                    '<rect width="200" height="200" fill="green" mask="url(#m)"/>')
        return int(rgba[100, 100, 3])
    # Mid-grey is 0.5 in sRGB but 0.21 in linear light.
    assert mid_alpha("sRGB") > 110 and 40 < mid_alpha("linearRGB") < 70


def test_fractional_font_weight_picks_the_face_css_matching_would() -> None:
    clean = sanitize_svg(HEAD.format(root="").encode()
                         + b'<text font-weight="650" style="font-weight: 350">T</text></svg>',
                         "t.svg")
    assert b'font-weight="700"' in clean and b"font-weight: 300" in clean


def test_text_in_a_missing_font_is_drawn_in_the_default_one() -> None:
    rgba = draw('<text x="20" y="120" font-family="No Such Font" font-size="80">Text</text>')
    assert rgba[..., 3].max() == 255


def test_local_style_sheet_is_inlined_from_under_the_base_folder(tmp_path: Path) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "green.css").write_text("#r { fill: green }")
    (tmp_path / "art").mkdir()
    svg = (HEAD.format(root="") + '<style>@import "../css/green.css";</style>'
           '<rect id="r" width="200" height="200" fill="red"/></svg>').encode()
    source = tmp_path / "art" / "a.svg"
    inlined = sanitize_svg_report(svg, source, base_dir=tmp_path, doc_dir=source.parent,
                                  allow_local_images=True)
    assert b"#r { fill: green }" in inlined.data and not inlined.removed
    assert green(render_rgba(inlined.data, 20, 20)[10, 10])
    for base, allowed in ((source.parent, True), (tmp_path, False)):  # outside, or a stranger's
        kept = sanitize_svg_report(svg, source, base_dir=base, doc_dir=source.parent,
                                   allow_local_images=allowed)
        assert b"fill: green" not in kept.data and "CSS @import" in kept.removed[0]


def test_hsl_and_missing_paint_links_become_what_cairosvg_reads() -> None:
    clean = sanitize_svg(HEAD.format(root="").encode()
                         + b'<rect fill="hsl(120, 100%, 25%)" stroke="url(#nothing) green"/>'
                           b'<rect style="fill: hsla(120 100% 25% / 50%)"/></svg>', "t.svg")
    assert b'fill="rgb(0, 128, 0)"' in clean and b'stroke="green"' in clean
    assert b"fill: rgba(0, 128, 0, 0.5)" in clean
