"""A tile over part of a large photo: the photo pasted from one render of it looks as the
photo drawn in the tile does."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

from studio.checks.context import CheckContext, render_checked
from studio.checks.imagecrop import ImageCrops
from studio.checks.tiles import Tiler
from studio.design import design_from_document
from studio.document.geometry import Matrix, rotate
from studio.document.model import Document, Ellipse, Image, Layer, Style
from tests.checks.helpers import brief


def photo(fmt: str, mode: str = "RGB") -> bytes:
    rng = np.random.default_rng(2)
    y, x = np.mgrid[0:600, 0:800]
    rgb = np.stack([x / 4, y / 3, 128 + rng.normal(0, 30, (600, 800))], axis=-1)
    image = PILImage.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).convert(mode)
    if mode == "RGBA":
        image.putalpha(PILImage.fromarray((y % 256).astype(np.uint8)))
    out = io.BytesIO()
    image.save(out, fmt, quality=90)
    return out.getvalue()


class Untouched:
    """Photos drawn as they are."""

    @contextmanager
    def cut(self, *args: object) -> Iterator[None]:
        yield


def context(tmp_path: Path, data: bytes, mime: str, transform: Matrix | None) -> CheckContext:
    placed = Image(
        x=20, y=15, width=80, height=60, data=data, mime=mime, pixel_width=800, pixel_height=600
    )
    if transform is not None:
        placed.transform = transform
    art = Layer("Art")
    art.elements += [placed, Ellipse(cx=60, cy=45, rx=10, ry=6, style=Style(fill="#d62839"))]
    doc = Document(width=120, height=90, dpi=300, layers=[art])
    the_brief = brief(tmp_path, canvas={"width": "120mm", "height": "90mm", "dpi": 300})
    return CheckContext(design_from_document(doc), the_brief)


@pytest.mark.parametrize(
    ("fmt", "mime", "mode", "transform"),
    [
        ("PNG", "image/png", "RGB", None),
        ("JPEG", "image/jpeg", "RGB", None),
        # Turned: its anti-aliased edges are drawn on another canvas, as in any crop render.
        ("PNG", "image/png", "RGB", rotate(7, 60, 45)),
        # See-through: the colour of a nearly transparent pixel does not survive storing it
        # un-premultiplied (its coverage does; inks are counted on opaque pixels).
        ("PNG", "image/png", "RGBA", None),
    ],
)
def test_a_tile_over_a_photo_looks_the_same_pasted_as_drawn(
    tmp_path: Path, fmt: str, mime: str, mode: str, transform: Matrix | None
) -> None:
    ctx = context(tmp_path, photo(fmt, mode), mime, transform)
    node = ctx.root.find(".//{http://www.w3.org/2000/svg}image")
    assert node is not None
    before = dict(node.attrib)
    pasted, drawn = Tiler(ctx, ImageCrops()), Tiler(ctx, Untouched())  # type: ignore[arg-type]
    used = 0
    for key in pasted.tile_keys():
        svg, w, h = pasted.tile_svg(key)
        used += b'image-rendering="optimizeSpeed"' in svg
        a = render_checked(svg, w, h, "tile").astype(int)
        b = render_checked(*drawn.tile_svg(key), "tile").astype(int)
        difference = np.abs(a - b)
        opaque = (a[..., 3] == 255) & (b[..., 3] == 255)
        if transform is None:
            assert np.array_equal(a[..., 3], b[..., 3])
            assert difference[opaque].max(initial=0) <= 1
            assert np.count_nonzero(difference[opaque]) < 0.01 * difference.size
        else:
            assert np.count_nonzero(difference.max(axis=-1)) < 0.005 * w * h
    assert used >= 4  # the photo spans several tiles, each pasted
    assert dict(node.attrib) == before  # the design is left as it was
