"""What a placed raster image is: its pixel size from the file header, without decoding.

Images arrive as ``data:`` URIs in the SVG (our files, and what sanitising leaves of others).
Probing is cached by the URI's hash, so the live panel does not decode a 5 MB photo on every
keystroke.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

VECTOR_MIME = ("image/svg+xml",)


@dataclass(frozen=True)
class ImageInfo:
    """A raster image: format, pixel size, whether it has an alpha channel, its bytes."""

    format: str
    width: int
    height: int
    has_alpha: bool
    data: bytes
    sha256: str


def decode_data_uri(href: str) -> tuple[str, bytes] | None:
    """``(mime, bytes)`` of a base64 (or percent-encoded) ``data:`` URI, else ``None``."""
    if not href.startswith("data:") or "," not in href:
        return None
    header, payload = href[5:].split(",", 1)
    mime = header.split(";")[0].strip().lower()
    try:
        if ";base64" in header:
            data = base64.b64decode("".join(payload.split()), validate=False)
        else:
            from urllib.parse import unquote_to_bytes

            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None
    return mime, data


def probe_href(href: str, key: str | None = None) -> ImageInfo | None:
    """The raster image an ``href`` embeds; ``None`` for SVG, external or broken images.
    ``key``: a content hash of ``href`` when the caller has one (saves hashing it again)."""
    if not href.startswith("data:") or href[5:40].lower().startswith(VECTOR_MIME):
        return None
    return _probe_cached(key or hashlib.sha1(href.encode("ascii", "replace")).hexdigest(), href)


@lru_cache(maxsize=64)
def _probe_cached(_key: str, href: str) -> ImageInfo | None:
    decoded = decode_data_uri(href)
    if decoded is None:
        return None
    return probe_bytes(decoded[1])


def probe_bytes(data: bytes) -> ImageInfo | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt, (w, h), mode = image.format or "", image.size, image.mode
            alpha = mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except Exception:
        return None
    return ImageInfo(fmt, w, h, alpha, data, hashlib.sha256(data).hexdigest())
