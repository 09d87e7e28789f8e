"""Encoding a raster deliverable under its weight limit (``max_bytes``).

JPEG: the highest quality from 30 to 95 that fits (binary search, so six or seven encodes).
PNG: full colour first, then palettes of 256 down to 16 colours. When nothing acceptable fits,
the result says so (``fits`` is False, with the smallest size reached) instead of writing an
unreadable mush or raising: the caller decides what to tell the creator.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from studio.i18n import _
from studio.render.raster import encode_jpeg, encode_png

JPEG_QUALITY = (30, 95)
PALETTES = (256, 128, 64, 32, 16)


@dataclass(frozen=True)
class Encoded:
    """An encoded deliverable, or the reason none fits (``data`` is None then)."""

    format: str
    data: bytes | None
    max_bytes: int | None
    setting: str
    smallest: int

    @property
    def fits(self) -> bool:
        return self.data is not None

    @property
    def message(self) -> str:
        if self.fits:
            assert self.data is not None
            text = (
                _("{format} {setting}, {size} bytes (limit {limit} bytes)")
                if self.max_bytes
                else _("{format} {setting}, {size} bytes")
            )
            return text.format(
                format=self.format.upper(),
                setting=self.setting,
                size=len(self.data),
                limit=self.max_bytes,
            )
        return _(
            "nothing acceptable fits: the smallest {format} ({setting}) is "
            "{size} bytes, over the {limit} allowed"
        ).format(
            format=self.format.upper(),
            setting=self.setting,
            size=self.smallest,
            limit=self.max_bytes,
        )


def encode_within(image: Image.Image, fmt: str, dpi: float, max_bytes: int | None) -> Encoded:
    """Encode ``image`` as ``fmt`` (``jpg`` or ``png``) at the best setting under
    ``max_bytes`` (no limit: quality 92 / full colour)."""
    if fmt == "jpg":
        return _jpeg(image, dpi, max_bytes)
    if fmt == "png":
        return _png(image, dpi, max_bytes)
    raise ValueError(f"cannot fit {fmt!r} to a weight")


def _jpeg(image: Image.Image, dpi: float, max_bytes: int | None) -> Encoded:
    if max_bytes is None:
        return Encoded(
            "jpg", encode_jpeg(image, dpi, 92), None, _("quality {quality}").format(quality=92), 0
        )
    lo, hi = JPEG_QUALITY
    smallest = encode_jpeg(image, dpi, lo)
    if len(smallest) > max_bytes:
        return Encoded(
            "jpg", None, max_bytes, _("quality {quality}").format(quality=lo), len(smallest)
        )
    best, best_q = smallest, lo
    lo += 1
    while lo <= hi:
        mid = (lo + hi) // 2
        data = encode_jpeg(image, dpi, mid)
        if len(data) <= max_bytes:
            best, best_q, lo = data, mid, mid + 1
        else:
            hi = mid - 1
    return Encoded(
        "jpg", best, max_bytes, _("quality {quality}").format(quality=best_q), len(smallest)
    )


def _png(image: Image.Image, dpi: float, max_bytes: int | None) -> Encoded:
    full = encode_png(image, dpi)
    if max_bytes is None or len(full) <= max_bytes:
        return Encoded("png", full, max_bytes, _("full colour"), len(full))
    smallest = len(full)
    rgba = image.convert("RGBA")
    for colors in PALETTES:
        quantised = rgba.quantize(colors=colors, method=Image.Quantize.FASTOCTREE)
        out = io.BytesIO()
        quantised.save(out, "PNG", dpi=(dpi, dpi), optimize=True)
        data = out.getvalue()
        smallest = min(smallest, len(data))
        if len(data) <= max_bytes:
            return Encoded(
                "png", data, max_bytes, _("{count}-colour palette").format(count=colors), smallest
            )
    return Encoded(
        "png", None, max_bytes, _("{count}-colour palette").format(count=PALETTES[-1]), smallest
    )
