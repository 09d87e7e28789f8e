"""Raster images from outside (photos in briefs, images embedded in SVG).

A 48 KB PNG can claim to be 30000 × 30000 pixels and make a decoder allocate gigabytes, so the
pixel size is read from the file header by our own few lines of parsing *before* Pillow or the
renderer decodes anything. Pillow's own decompression-bomb guard stays on as a second line:
``Image.MAX_IMAGE_PIXELS`` is set to our bound and its warning is turned into an error.
"""

from __future__ import annotations

import io
import struct
import warnings
from pathlib import Path

from PIL import Image

from studio.errors import InputError
from studio.i18n import _

#: Largest image we decode: 100 megapixels is a 300 DPI photo of 85 × 85 cm, far past any print
#: area a brief asks for, and 400 MB as RGBA, which a desktop can still hold.
MAX_IMAGE_PIXELS = 100_000_000
#: Largest side in pixels; a 1 × 100-million strip is as suspicious as a square bomb.
MAX_IMAGE_SIDE = 65_535
#: Largest encoded image file we accept.
MAX_IMAGE_BYTES = 64 * 1024 * 1024

FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
MIME_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}

Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
warnings.simplefilter("error", Image.DecompressionBombWarning)

Source = str | Path | None


def sniff_format(data: bytes) -> str | None:
    """``"PNG"``, ``"JPEG"``, ``"WEBP"``, ``"GIF"`` from the magic bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    return None


def _png_size(data: bytes) -> tuple[int, int]:
    if data[12:16] != b"IHDR" or len(data) < 24:
        raise ValueError(_("PNG without an IHDR header"))
    width, height = struct.unpack(">II", data[16:24])
    return width, height


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int]:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError(_("JPEG segment does not start with a marker"))
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _SOF:
            if pos + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        if marker == 0xDA or length < 2:
            break
        pos += 2 + length
    raise ValueError(_("JPEG without a frame header"))


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk, body = data[12:16], data[20:40]
    if chunk == b"VP8X" and len(body) >= 10:
        width = int.from_bytes(body[4:7], "little") + 1
        height = int.from_bytes(body[7:10], "little") + 1
        return width, height
    if chunk == b"VP8L" and len(body) >= 5 and body[0] == 0x2F:
        bits = int.from_bytes(body[1:5], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(body) >= 10 and body[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", body[6:10])
        return width & 0x3FFF, height & 0x3FFF
    raise ValueError(_("WebP without a known frame header"))


def _gif_size(data: bytes) -> tuple[int, int]:
    if len(data) < 10:
        raise ValueError(_("GIF header cut short"))
    width, height = struct.unpack("<HH", data[6:10])
    return width, height


_PROBES = {"PNG": _png_size, "JPEG": _jpeg_size, "WEBP": _webp_size, "GIF": _gif_size}


def probe_image(data: bytes, source: Source) -> tuple[str, int, int]:
    """``(format, width, height)`` read from the header alone, or InputError.

    Refuses images over :data:`MAX_IMAGE_PIXELS`, so whatever passes is safe to decode.
    """
    if len(data) > MAX_IMAGE_BYTES:
        raise InputError(
            source,
            _("image is {size} bytes, more than {limit}").format(
                size=len(data), limit=MAX_IMAGE_BYTES
            ),
        )
    fmt = sniff_format(data)
    if fmt is None:
        raise InputError(source, _("not a PNG, JPEG, WebP or GIF image"))
    try:
        width, height = _PROBES[fmt](data)
    except (ValueError, struct.error) as exc:
        raise InputError(
            source, _("malformed {format} image ({error})").format(format=fmt, error=exc)
        ) from None
    check_pixel_size(width, height, source, fmt)
    return fmt, width, height


def check_pixel_size(width: int, height: int, source: Source, what: str = "image") -> None:
    """InputError unless ``width`` × ``height`` is a size we are willing to decode."""
    if width <= 0 or height <= 0:
        raise InputError(
            source,
            _("{what} claims an empty size {width}x{height}").format(
                what=what, width=width, height=height
            ),
        )
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise InputError(
            source,
            _(
                "{what} claims {width}x{height} pixels, more than the {limit} "
                "megapixels allowed (decompression bomb?)"
            ).format(what=what, width=width, height=height, limit=MAX_IMAGE_PIXELS // 1000000),
        )


def open_image(data: bytes, source: Source) -> Image.Image:
    """Decode a PNG, JPEG, WebP or GIF after its header passed :func:`probe_image`."""
    fmt, width, height = probe_image(data, source)
    try:
        image = Image.open(io.BytesIO(data), formats=[fmt])
        if image.size != (width, height):
            raise InputError(
                source, _("{format} header and decoder disagree on the size").format(format=fmt)
            )
        image.load()
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(
            source, _("image refused as a decompression bomb ({error})").format(error=exc)
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise InputError(
            source, _("malformed {format} image ({error})").format(format=fmt, error=exc)
        ) from None
    return image
