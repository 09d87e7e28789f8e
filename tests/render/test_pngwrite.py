"""The parallel PNG writer: one valid zlib stream from bands, exact pixels, DPI and profile."""

from __future__ import annotations

import io
import zlib

import numpy as np
import pytest
from PIL import Image

from studio.render import pngwrite
from studio.render.raster import encode_png, render_image, srgb_profile


@pytest.mark.parametrize("shape", [(1, 1, 4), (37, 51, 4), (300, 200, 3)])
def test_round_trip_exact_through_bands(shape: tuple[int, int, int],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pngwrite, "MIN_BAND_BYTES", 1000)  # force several bands
    pixels = np.random.default_rng(3).integers(0, 256, shape, dtype=np.uint8)
    image = Image.open(io.BytesIO(pngwrite.write_png(pixels, 300, srgb_profile(), 1)))
    image.load()
    assert np.array_equal(np.asarray(image), pixels)
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert image.info["icc_profile"] == srgb_profile()


def test_band_streams_join_into_one_zlib_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pngwrite, "MIN_BAND_BYTES", 1 << 10)
    data = bytes(range(256)) * 200
    assert zlib.decompress(pngwrite.deflate_parallel(data, 1, workers=4)) == data


def test_render_encode_round_trip_is_exact() -> None:
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
           b'<rect x="10" y="10" width="80" height="80" fill="#0a0" fill-opacity="0.5"/>'
           b'<rect y="49" width="100" height="2" fill="#00f"/></svg>')
    image = render_image(svg, 400, 400)
    decoded = Image.open(io.BytesIO(encode_png(image, 96)))
    assert np.array_equal(np.asarray(decoded), np.asarray(image))
    r, g, b, a = np.asarray(image)[100, 100]
    assert a == 128 and r == b == 0 and 168 <= g <= 171  # straight alpha: #0a0 at half
