"""Opening raster images from outside (first cut; hardened by the render-fidelity work)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from studio.errors import InputError

MAX_PIXELS = 200_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def probe_image(data: bytes, source: str | Path | None) -> tuple[str, int, int]:
    """``(format, width, height)`` read from the header, without decoding the pixels."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt, (w, h) = image.format or "", image.size
    except Exception as exc:
        raise InputError(source, f"not a readable image ({exc})") from None
    if fmt not in ("PNG", "JPEG", "WEBP", "GIF"):
        raise InputError(source, f"image format {fmt} is not supported (PNG, JPEG or WebP)")
    if w * h > MAX_PIXELS:
        raise InputError(source, f"the image is {w}×{h} pixels, too large")
    return fmt, w, h


def open_image(data: bytes, source: str | Path | None) -> Image.Image:
    probe_image(data, source)
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as exc:
        raise InputError(source, f"not a readable image ({exc})") from None
    return image
