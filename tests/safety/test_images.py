"""Images: sizes from headers, bombs refused, malformed files refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from studio.errors import InputError
from studio.safety.images import open_image, probe_image
from tests.safety.test_svg_hostile import png_header


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
def test_probe_reads_size(fmt: str) -> None:
    out = io.BytesIO()
    Image.new("RGB", (37, 21), "blue").save(out, fmt)
    assert probe_image(out.getvalue(), "x") == (fmt, 37, 21)
    assert open_image(out.getvalue(), "x").size == (37, 21)


def test_bomb_refused_from_header() -> None:
    with pytest.raises(InputError, match="30000x30000"):
        open_image(png_header(30000, 30000), "bomb.png")


@pytest.mark.parametrize("data", [b"", b"hello", b"\x89PNG\r\n\x1a\n\x00\x00", b"\xff\xd8\xff"])
def test_malformed(data: bytes) -> None:
    with pytest.raises(InputError):
        open_image(data, "bad")
