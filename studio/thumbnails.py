"""Small pictures of briefs for the welcome page, rendered once and kept in the user cache.

A thumbnail is the starting canvas of the brief (``document_from_brief``) rendered to fit a
square of ``size`` pixels, on the first garment colour for a tee. The first render also loads
the fonts (a third of a second), so the result is cached by the brief's sha256 and size: the
second start of the app reads three small PNGs.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from studio.brands.userdirs import cache_dir
from studio.brief.load import load_brief
from studio.brief.model import Brief
from studio.document.from_brief import document_from_brief
from studio.document.svgwrite import WriteOptions, document_to_svg
from studio.fsutil import atomic_write

THUMB_PX = 160


def thumbnail_size(width: float, height: float, size: int) -> tuple[int, int]:
    """The pixel size of a ``width × height`` page fitted in a ``size`` square."""
    scale = size / max(width, height, 1e-9)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _background(brief: Brief) -> str:
    """A tee is shown on its first garment colour (what the print will sit on), else white."""
    return brief.garment_colors[0].color if brief.garment_colors else "#ffffff"


def thumbnails_dir() -> Path:
    return cache_dir() / "thumbnails"


def brief_thumbnail(path: str | Path, size: int = THUMB_PX) -> bytes:
    """PNG bytes of the brief at ``path`` as a starting canvas (cached)."""
    from studio.render.raster import render_image

    brief = load_brief(path)
    cached = thumbnails_dir() / f"{brief.sha256}-{size}.png" if brief.sha256 else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    doc = document_from_brief(brief)
    width, height = thumbnail_size(doc.width, doc.height, size)
    art = render_image(document_to_svg(doc, WriteOptions(for_render=True)), width, height)
    image = Image.new("RGBA", art.size, _background(brief))
    image.alpha_composite(art)
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    data = out.getvalue()
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, data)
    return data
