"""Large photos in tile renders: drawn once at the working resolution, then pasted.

The ink checks render the canvas in tiles (``studio.checks.tiles``). A tile over part of a
placed photo would make the renderer decode and resample the whole photo for a 258 px
square — most of a live re-check, and a third of a full check's tiles for the reference
motif. So each large photo is rendered once, alone, over the pixels it covers at the working
resolution (through the renderer, as a tile would draw it: same transform, same filter), and
a tile shows the photo as the patch of that picture under it, placed pixel on pixel (nearest
neighbour, its edges beyond the tile). What lands in a tile is what the renderer made of the
photo, to a level at its anti-aliased edges (the patch is stored un-premultiplied). The full
check and the live session paste the same patches, so they count the same pixels.

Photos that are clipped, masked or filtered themselves, or whose placement is not plain
numbers, are drawn as they are.
"""

from __future__ import annotations

import base64
import hashlib
import math
import struct
import xml.etree.ElementTree as ET
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from numpy.typing import NDArray

from studio.checks.blobs import PREFIX
from studio.checks.svgtree import Leaf
from studio.document import namespaces as ns
from studio.document.geometry import Matrix, invert, multiply

MIN_PIXELS = 250_000  # smaller images cost the renderer little
HREF = ns.q(ns.XLINK, "href")
PLACEMENT = ("x", "y", "width", "height")
OWN_EFFECTS = ("clip-path", "mask", "filter", "image-rendering")
PixelRect = tuple[int, int, int, int]  # x0, y0, x1, y1 at the working resolution


class ImageCrops:
    """Photos rendered at the working resolution, by what they show and where: the last
    ``keep`` of them (a photo dragged around leaves a render at every place it stopped)."""

    def __init__(self, keep: int = 4) -> None:
        self._renders: OrderedDict[object, tuple[NDArray[np.uint8], int, int] | None]
        self._renders = OrderedDict()
        self.keep = keep
        self._leaves: list[Leaf] | None = None
        self._large: list[Leaf] = []

    @contextmanager
    def cut(
        self,
        leaves: list[Leaf],
        rect: PixelRect,
        ppm: float,
        root_matrix: Matrix,
        blobs: dict[str, str],
    ) -> Iterator[None]:
        """While inside, the large photos that reach the pixels ``rect`` are placed as
        their patch there, its href key added to ``blobs``; put back afterwards."""
        saved: list[tuple[ET.Element, dict[str, str]]] = []
        try:
            for leaf in self._large_in(leaves):
                change = self._patch(leaf, rect, ppm, root_matrix, blobs)
                if change is not None:
                    saved.append((leaf.node, dict(leaf.node.attrib)))
                    leaf.node.attrib.clear()
                    leaf.node.attrib.update(change)
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

    def _patch(
        self,
        leaf: Leaf,
        rect: PixelRect,
        ppm: float,
        root_matrix: Matrix,
        blobs: dict[str, str],
    ) -> dict[str, str] | None:
        """The attributes that paste the photo's patch under ``rect``, or None."""
        render = self._render(leaf, ppm, root_matrix, blobs)
        if render is None:
            return None
        pixels, ox, oy = render
        # One pixel more on each side than the tile, so the patch's own edges fall outside.
        x0, y0, x1, y1 = rect[0] - 1, rect[1] - 1, rect[2] + 1, rect[3] + 1
        h, w = pixels.shape[:2]
        if x1 <= ox or y1 <= oy or ox + w <= x0 or oy + h <= y0:
            return None  # the photo does not reach this tile: drawn as it is (nowhere)
        patch = np.zeros((y1 - y0, x1 - x0, 4), np.uint8)
        sx0, sy0 = max(x0, ox), max(y0, oy)
        sx1, sy1 = min(x1, ox + w), min(y1, oy + h)
        patch[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0] = pixels[
            sy0 - oy : sy1 - oy, sx0 - ox : sx1 - ox
        ]
        png = _png(patch)
        key = f"{PREFIX}patch-{hashlib.sha1(png).hexdigest()}:"
        blobs[key] = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        # The node's own transform T maps the patch's pixels where they belong: its parent's
        # transform P (to mm) times T must be "pixel (u, v) -> ((x0 + u) / ppm, ...)".
        node = leaf.node
        own = _own_matrix(node)
        parent = multiply(leaf.matrix, invert(own))
        target = (1 / ppm, 0.0, 0.0, 1 / ppm, x0 / ppm, y0 / ppm)
        t = multiply(invert(parent), target)
        attrs = {k: v for k, v in node.attrib.items() if k not in _REPLACED}
        attrs.update(
            {
                "x": "0",
                "y": "0",
                "width": str(x1 - x0),
                "height": str(y1 - y0),
                "preserveAspectRatio": "none",
                "image-rendering": "optimizeSpeed",
                "transform": "matrix(" + " ".join(repr(v) for v in t) + ")",
                HREF: key,
            }
        )
        return attrs

    def _render(
        self, leaf: Leaf, ppm: float, root_matrix: Matrix, blobs: dict[str, str]
    ) -> tuple[NDArray[np.uint8], int, int] | None:
        """The photo alone over the working-resolution pixels it covers, and where."""
        node, box = leaf.node, leaf.box
        if box is None or any(node.get(k) or k in node.get("style", "") for k in OWN_EFFECTS):
            return None
        href = node.get(HREF) or node.get("href") or ""
        try:
            placement = tuple(float(node.get(k) or "0") for k in PLACEMENT)
        except ValueError:  # lengths with units or percentages: drawn as they are
            return None
        aspect = node.get("preserveAspectRatio") or "xMidYMid meet"
        key = (href, leaf.matrix, placement, aspect, ppm, root_matrix)
        if key not in self._renders:
            self._renders[key] = _render_alone(leaf, placement, aspect, ppm, root_matrix, blobs)
            while len(self._renders) > self.keep:
                self._renders.popitem(last=False)
        self._renders.move_to_end(key)
        return self._renders[key]


_REPLACED = {
    "x",
    "y",
    "width",
    "height",
    "preserveAspectRatio",
    "transform",
    "href",
    HREF,
    "image-rendering",
}


def _large(leaf: Leaf) -> bool:
    info = leaf.image
    return leaf.tag == "image" and info is not None and info.width * info.height >= MIN_PIXELS


def _own_matrix(node: ET.Element) -> Matrix:
    from studio.checks.transform import parse_transform

    return parse_transform(node.get("transform"))


def _render_alone(
    leaf: Leaf,
    placement: tuple[float, ...],
    aspect: str,
    ppm: float,
    root_matrix: Matrix,
    blobs: dict[str, str],
) -> tuple[NDArray[np.uint8], int, int] | None:
    """Render the photo, and nothing else, as a tile would draw it."""
    from studio.checks.context import render_checked
    from studio.errors import InputError

    assert leaf.box is not None
    box = leaf.box
    ox, oy = math.floor(box.x * ppm) - 1, math.floor(box.y * ppm) - 1
    w, h = math.ceil(box.right * ppm) + 1 - ox, math.ceil(box.bottom * ppm) + 1 - oy
    if w <= 0 or h <= 0 or w * h > 64_000_000:
        return None
    href = leaf.node.get(HREF) or leaf.node.get("href") or ""
    data = blobs.get(href, href)
    inv = invert(root_matrix)
    user = multiply(inv, leaf.matrix)  # the photo's own space -> root user space
    corners = [(ox / ppm, oy / ppm), ((ox + w) / ppm, (oy + h) / ppm)]
    (ux0, uy0), (ux1, uy1) = [
        (inv[0] * x + inv[2] * y + inv[4], inv[1] * x + inv[3] * y + inv[5]) for x, y in corners
    ]
    x, y, pw, ph = placement
    svg = (
        f'<svg xmlns="{ns.SVG}" xmlns:xlink="{ns.XLINK}" width="{w}" height="{h}" '
        f'viewBox="{ux0!r} {uy0!r} {ux1 - ux0!r} {uy1 - uy0!r}" preserveAspectRatio="none">'
        f'<image transform="matrix({" ".join(repr(v) for v in user)})" x="{x!r}" y="{y!r}" '
        f'width="{pw!r}" height="{ph!r}" preserveAspectRatio="{aspect}" '
        f'xlink:href="{data}"/></svg>'
    ).encode()
    try:
        rgba = render_checked(svg, w, h, "image")
    except InputError:
        return None
    return np.ascontiguousarray(rgba), ox, oy


def _png(rgba: NDArray[np.uint8]) -> bytes:
    """An 8-bit RGBA PNG, stored without compression (no filter, zlib level 0): the
    renderer reads it back at the speed of a copy."""
    h, w, _ = rgba.shape
    rows = np.zeros((h, w * 4 + 1), np.uint8)  # each row starts with filter type 0
    rows[:, 1:] = rgba.reshape(h, w * 4)

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows.tobytes(), 0))
        + chunk(b"IEND", b"")
    )
