"""Embedded photos cut down to the part a crop render shows.

A live re-check renders small regions again (``studio.checks.live``). When one of them
touches a placed photo, the renderer decodes and resamples the whole photo — for a 1500 ×
1200 px picture that is most of the re-check. So, for the crop render only, such an image is
replaced by the rectangle of its own pixels that the region can sample (a margin of a few
source pixels beyond it, more than the bicubic filter reaches), placed exactly where those
pixels were: what lands in the region is what the whole photo gives, to the renderer's
rounding of where each sample falls (at most one level on a few pixels, as for any crop).

The pixels are the renderer's own decoding (the photo drawn 1:1, nearest neighbour), so a
JPEG is cut from what resvg decodes, not from another decoder's reading of it; an 8-bit RGB
PNG, lossless, is decoded by Pillow to the same pixels. Only opaque
photos are cut: the renderer's output is premultiplied, and un-premultiplying would not
give back the pixels of a translucent one. The cut is written as an uncompressed PNG: the
renderer reads it back at the speed of a copy.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import struct
import xml.etree.ElementTree as ET
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from numpy.typing import NDArray
from PIL import Image as PILImage

from studio.checks.blobs import PREFIX
from studio.checks.svgtree import Leaf
from studio.document import namespaces as ns
from studio.document.geometry import Box, invert

MIN_PIXELS = 250_000  # smaller images cost the renderer little
MAX_SHARE = 0.6  # a cut this close to the whole image is not worth making
MARGIN_PX = 4  # source pixels beyond the region: the bicubic filter reads two
MIMES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
HREF = ns.q(ns.XLINK, "href")
PLACEMENT = ("x", "y", "width", "height")

Rect = tuple[int, int, int, int]


class ImageCrops:
    """Decoded photos (by content hash) and the last cuts made of them."""

    def __init__(self, max_cuts: int = 8) -> None:
        self._pixels: dict[str, NDArray[np.uint8] | None] = {}
        self._cuts: OrderedDict[tuple[str, Rect], str] = OrderedDict()
        self.max_cuts = max_cuts
        self._leaves: list[Leaf] | None = None
        self._large: list[Leaf] = []

    def prepare(self, leaves: list[Leaf]) -> None:
        """Decode the design's large photos now (the first, full check is slow anyway), so
        the first edit near one does not pay for it. Forgets photos no longer placed."""
        placed = {leaf.image.sha256: leaf for leaf in leaves if leaf.image and _large(leaf)}
        self._pixels = {k: v for k, v in self._pixels.items() if k in placed}
        for leaf in placed.values():
            self.pixels(leaf)

    def pixels(self, leaf: Leaf) -> NDArray[np.uint8] | None:
        """The image's RGB pixels as the renderer decodes them; None unless opaque."""
        info = leaf.image
        if info is None:
            return None
        if info.sha256 not in self._pixels:
            self._pixels[info.sha256] = _decode(info.data, info.format, info.width, info.height)
        return self._pixels[info.sha256]

    @contextmanager
    def cut(self, leaves: list[Leaf], region: Box, blobs: dict[str, str]) -> Iterator[None]:
        """While inside, the large photos that ``region`` (mm) shows only part of are
        placed as that part, their hrefs keys added to ``blobs``; put back afterwards."""
        saved: list[tuple[ET.Element, dict[str, str]]] = []
        try:
            for leaf in self._large_in(leaves):
                if leaf.box is None or not leaf.box.intersects(region):
                    continue
                change = self._placement(leaf, region, blobs)
                if change is not None:
                    saved.append((leaf.node, dict(leaf.node.attrib)))
                    for key, value in change.items():
                        leaf.node.set(key, value)
            yield
        finally:
            for node, attrib in saved:
                node.attrib.clear()
                node.attrib.update(attrib)

    def _large_in(self, leaves: list[Leaf]) -> list[Leaf]:
        """The large photos among ``leaves`` (remembered for the same list)."""
        if self._leaves is not leaves:
            self._leaves, self._large = leaves, [leaf for leaf in leaves if _large(leaf)]
        return self._large

    def _placement(self, leaf: Leaf, region: Box, blobs: dict[str, str]) -> dict[str, str] | None:
        node, info = leaf.node, leaf.image
        assert info is not None
        if (node.get("preserveAspectRatio") or "").strip() != "none":
            return None
        href = node.get(HREF) or node.get("href") or ""
        if href not in blobs:
            return None
        try:
            x, y, w, h = (float(node.get(k) or "0") for k in PLACEMENT)
        except ValueError:  # lengths with units or percentages: left alone
            return None
        pw, ph = info.width, info.height
        if w <= 0 or h <= 0:
            return None
        user = region.transformed(invert(leaf.matrix))
        c0 = max(0, math.floor((user.x - x) * pw / w) - MARGIN_PX)
        c1 = min(pw, math.ceil((user.right - x) * pw / w) + MARGIN_PX)
        r0 = max(0, math.floor((user.y - y) * ph / h) - MARGIN_PX)
        r1 = min(ph, math.ceil((user.bottom - y) * ph / h) + MARGIN_PX)
        if c1 <= c0 or r1 <= r0 or (c1 - c0) * (r1 - r0) > MAX_SHARE * pw * ph:
            return None
        key = self._cut_key(leaf, (c0, r0, c1, r1), blobs)
        if key is None:
            return None
        sx, sy = w / pw, h / ph
        return {
            "x": repr(x + c0 * sx),
            "y": repr(y + r0 * sy),
            "width": repr((c1 - c0) * sx),
            "height": repr((r1 - r0) * sy),
            HREF if node.get(HREF) is not None else "href": key,
        }

    def _cut_key(self, leaf: Leaf, rect: Rect, blobs: dict[str, str]) -> str | None:
        """The blob key of the cut (made, or kept from before), registered in ``blobs``."""
        assert leaf.image is not None
        name = (leaf.image.sha256, rect)
        href = self._cuts.get(name)
        if href is None:
            pixels = self.pixels(leaf)
            if pixels is None:
                return None
            c0, r0, c1, r1 = rect
            png = _png(pixels[r0:r1, c0:c1])
            href = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            self._cuts[name] = href
            while len(self._cuts) > self.max_cuts:
                self._cuts.popitem(last=False)
        self._cuts.move_to_end(name)
        digest = hashlib.sha1(repr(name).encode()).hexdigest()
        key = f"{PREFIX}cut-{digest}:"
        blobs[key] = href
        return key


def _large(leaf: Leaf) -> bool:
    info = leaf.image
    return (
        leaf.tag == "image"
        and info is not None
        and not info.has_alpha
        and info.format in MIMES
        and info.width * info.height >= MIN_PIXELS
    )


def _decode(data: bytes, fmt: str, width: int, height: int) -> NDArray[np.uint8] | None:
    """The image's pixels as the renderer decodes them: an 8-bit RGB PNG is lossless, so
    any decoder gives them (Pillow, four times faster); anything else is drawn by the
    renderer itself at its own size, pixel for pixel."""
    from studio.checks.context import render_checked
    from studio.errors import InputError

    if fmt == "PNG" and data[24:26] == b"\x08\x02":  # IHDR: bit depth 8, colour type RGB
        with PILImage.open(io.BytesIO(data)) as image:
            if image.mode == "RGB" and "transparency" not in image.info:
                rgb: NDArray[np.uint8] = np.asarray(image)
                return rgb

    href = f"data:{MIMES[fmt]};base64," + base64.b64encode(data).decode("ascii")
    svg = (
        f'<svg xmlns="{ns.SVG}" xmlns:xlink="{ns.XLINK}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><image width="{width}" height="{height}" '
        f'preserveAspectRatio="none" image-rendering="optimizeSpeed" xlink:href="{href}"/></svg>'
    ).encode()
    try:
        rgba = render_checked(svg, width, height, "image")
    except InputError:
        return None
    if not (rgba[..., 3] == 255).all():
        return None
    return np.ascontiguousarray(rgba[..., :3])


def _png(rgb: NDArray[np.uint8]) -> bytes:
    """An 8-bit RGB PNG, stored without compression (no filter, zlib level 0)."""
    h, w, _ = rgb.shape
    rows = np.zeros((h, w * 3 + 1), np.uint8)  # each row starts with filter type 0
    rows[:, 1:] = rgb.reshape(h, w * 3)

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows.tobytes(), 0))
        + chunk(b"IEND", b"")
    )
