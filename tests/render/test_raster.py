"""PNG/JPEG carry DPI and sRGB; sizes are exact; renderer failures are InputError."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms

from studio.errors import InputError
from studio.render.raster import encode_jpeg, encode_png, render_image, render_rgba

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" viewBox="0 0 20 10">'
       b'<rect width="10" height="10" fill="red"/></svg>')


def is_srgb(icc: bytes) -> bool:
    return "sRGB" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))


def test_exact_size_viewbox_stretched() -> None:
    image = render_image(SVG, 301, 77)
    assert image.size == (301, 77) and image.mode == "RGBA"
    rgba = render_rgba(SVG, 40, 40)
    assert rgba.shape == (40, 40, 4)
    assert tuple(rgba[20, 5]) == (255, 0, 0, 255) and rgba[20, 35, 3] == 0  # stretched to 40x40


def test_png_dpi_and_srgb() -> None:
    data = encode_png(render_image(SVG, 50, 25), 300)
    image = Image.open(io.BytesIO(data))
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert is_srgb(image.info["icc_profile"]) and image.size == (50, 25)


def test_jpeg_dpi_srgb_background() -> None:
    data = encode_jpeg(render_image(SVG, 50, 25), 300, quality=95, background=(0, 0, 255))
    image = Image.open(io.BytesIO(data))
    assert image.info["dpi"] == (300, 300) and is_srgb(image.info["icc_profile"])
    r, _, b = image.getpixel((45, 12))  # type: ignore[misc]
    assert b > 200 and r < 50


@pytest.mark.parametrize("size", [(0, 10), (40_000, 10), (20_000, 20_000)])
def test_huge_or_empty_canvas_refused(size: tuple[int, int]) -> None:
    with pytest.raises(InputError, match=r"render|empty"):
        render_image(SVG, *size)


def test_renderer_panic_becomes_input_error() -> None:
    with pytest.raises(InputError, match="renderer cannot draw"):
        render_image(b'<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>', 10, 10)


def test_root_resized_without_parsing_matches_the_parsed_way() -> None:
    """The start-tag fast path gives the root the same canvas as the full parse."""
    from studio.render.canvas import fit_root, fit_root_text
    from studio.safety.svg import parse_svg

    svg = (
        b'<?xml version="1.0"?><!-- made by hand -->'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:m="urn:x" m:width="9" '
        b'width="40mm" height="20mm" viewBox="0 0 40 20" preserveAspectRatio="xMinYMin meet" '
        b'data-note="a > b"><rect width="40" height="20"/></svg>'
    )
    fast = fit_root_text(svg, 300, 100)
    assert fast is not None
    slow = parse_svg(svg, None)
    fit_root(slow, 300, 100)
    quick = parse_svg(fast, None)
    for name in ("width", "height", "viewBox", "preserveAspectRatio"):
        assert quick.get(name) == slow.get(name)
    assert quick.get("{urn:x}width") == "9" and quick.get("data-note") == "a > b"
    assert fit_root_text(b'<!DOCTYPE svg [<!ENTITY a "b">]><svg/>', 10, 10) is None
