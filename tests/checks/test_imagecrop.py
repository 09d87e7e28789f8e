"""A crop render over part of a large photo: drawn from a cut of the photo, same pixels."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image as PILImage

from studio.checks.context import CheckContext
from studio.checks.croprender import render_region
from studio.checks.imagecrop import ImageCrops
from studio.design import design_from_document
from studio.document.geometry import Box, rotate
from studio.document.model import Document, Ellipse, Image, Layer, Style
from tests.checks.helpers import brief


def photo(fmt: str, mode: str = "RGB") -> bytes:
    rng = np.random.default_rng(2)
    y, x = np.mgrid[0:600, 0:800]
    rgb = np.stack([x / 4, y / 3, 128 + rng.normal(0, 30, (600, 800))], axis=-1)
    image = PILImage.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).convert(mode)
    out = io.BytesIO()
    image.save(out, fmt, quality=90)
    return out.getvalue()


def context(tmp_path, data: bytes, mime: str, transform=None) -> CheckContext:  # type: ignore[no-untyped-def]
    art = Layer("Art")
    placed = Image(
        x=20, y=15, width=80, height=60, data=data, mime=mime, pixel_width=800, pixel_height=600
    )
    if transform is not None:
        placed.transform = transform
    art.elements += [placed, Ellipse(cx=60, cy=45, rx=10, ry=6, style=Style(fill="#d62839"))]
    doc = Document(width=120, height=90, dpi=150, layers=[art])
    return CheckContext(design_from_document(doc), brief(tmp_path))


def both(ctx: CheckContext, region: Box) -> tuple[np.ndarray, np.ndarray, dict[str, str]]:
    ppm = 150 / 25.4
    w, h = round(region.width * ppm), round(region.height * ppm)
    whole = render_region(ctx.root, ctx.tree.root_matrix, region, w, h, blobs=ctx.blobs)
    blobs = dict(ctx.blobs)
    with ImageCrops().cut(ctx.tree.leaves, region, blobs):
        cut = render_region(ctx.root, ctx.tree.root_matrix, region, w, h, blobs=blobs)
    return whole, cut, blobs


@pytest.mark.parametrize(
    ("fmt", "mime", "transform"),
    [("PNG", "image/png", None), ("JPEG", "image/jpeg", None), ("PNG", "image/png", rotate(7))],
)
def test_a_region_over_part_of_a_photo_renders_the_same_from_a_cut(
    tmp_path,
    fmt: str,
    mime: str,
    transform,  # type: ignore[no-untyped-def]
) -> None:
    ctx = context(tmp_path, photo(fmt), mime, transform)
    before = ctx.root.find(".//{http://www.w3.org/2000/svg}image").attrib.copy()  # type: ignore[union-attr]
    whole, cut, blobs = both(ctx, Box(40, 30, 25, 20))
    assert any(":cut-" in key for key in blobs)  # the cut was used
    difference = np.abs(whole.astype(int) - cut.astype(int))
    assert difference.max() <= 1 and np.count_nonzero(difference) < 0.01 * difference.size
    after = ctx.root.find(".//{http://www.w3.org/2000/svg}image").attrib  # type: ignore[union-attr]
    assert after == before  # the design is left as it was


def test_translucent_photos_and_regions_showing_most_of_one_are_drawn_whole(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = context(tmp_path, photo("PNG", "RGBA"), "image/png")
    assert not any(":cut-" in key for key in both(ctx, Box(40, 30, 25, 20))[2])
    ctx = context(tmp_path, photo("PNG"), "image/png")
    assert not any(":cut-" in key for key in both(ctx, Box(15, 10, 80, 60))[2])
