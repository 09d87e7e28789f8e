"""Any design a command is given, as the one SVG every renderer and check reads.

A design may be our own file (``*.motif.svg``), a plain SVG from another tool, or a PNG/JPEG.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from studio.document.fileio import read_bytes
from studio.document.importer import stored_dpi
from studio.document.model import Document
from studio.document.svgread import document_from_svg, is_design
from studio.document.svgwrite import WriteOptions, document_to_svg
from studio.errors import InputError
from studio.i18n import _
from studio.safety.images import probe_image
from studio.safety.svg import parse_svg, sanitize_svg
from studio.safety.svg_size import root_size_px
from studio.units import CSS_DPI

RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
MAX_RASTER_BYTES = 256 * 1024 * 1024


@dataclass
class Design:
    """``svg``: what renderers see (hidden layers left out); sizes in mm.

    ``document`` is set for our own files, ``raster`` (the file's bytes) for PNG/JPEG designs.
    ``pixel_size`` is the intrinsic pixel size of a raster design, or of a plain SVG whose root
    size is in CSS pixels (ads are compared in pixels)."""

    path: str
    svg: bytes
    width: float
    height: float
    document: Document | None = None
    raster: bytes | None = None
    pixel_size: tuple[int, int] | None = None
    dpi: float | None = None

    @property
    def is_raster(self) -> bool:
        return self.raster is not None


def design_from_document(doc: Document, path: str = "") -> Design:
    svg = document_to_svg(doc, WriteOptions(for_render=True))
    return Design(path=path, svg=svg, width=doc.width, height=doc.height, document=doc, dpi=doc.dpi)


def open_design(path: str | Path, fallback_dpi: float = 300.0, *,
                allow_local_images: bool = False, base_dir: str | Path | None = None) -> Design:
    """Open ``path`` as a design; InputError names the file and the problem.

    ``allow_local_images`` is for a file the user chose themselves (the command line's
    ``export``): a plain SVG then keeps the images and style sheets it links from under
    ``base_dir`` (default: its own folder), as :func:`studio.render.export.export_png` does.
    Designs from packages and other strangers never get that."""
    path = Path(path)
    if path.suffix.lower() in RASTER_SUFFIXES:
        return _raster_design(path, fallback_dpi)
    data = read_bytes(path)
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff":
        return _raster_design(path, fallback_dpi, data)
    root = parse_svg(data, path)
    if is_design(root):
        return design_from_document(document_from_svg(root, str(path)), str(path))
    clean = sanitize_svg(data, path, base_dir=base_dir or path.parent, doc_dir=path.parent,
                         allow_local_images=allow_local_images)
    root = parse_svg(clean, path)
    width, height = (px * 25.4 / CSS_DPI for px in root_size_px(root))
    pixel = _css_pixel_size(root)
    return Design(path=str(path), svg=clean, width=width, height=height, pixel_size=pixel)


def _css_pixel_size(root: ET.Element) -> tuple[int, int] | None:
    """The root size in CSS pixels when it is given in ``px`` or user units."""
    out = []
    for attr in ("width", "height"):
        raw = (root.get(attr) or "").strip()
        if not re.fullmatch(r"[0-9.]+(px)?", raw):
            return None
        out.append(round(float(raw.removesuffix("px"))))
    return out[0], out[1]


def _raster_design(path: Path, fallback_dpi: float, data: bytes | None = None) -> Design:
    data = data if data is not None else read_bytes(path, MAX_RASTER_BYTES)
    fmt, w, h = probe_image(data, path)
    dpi = stored_dpi(data) or fallback_dpi
    width, height = w / dpi * 25.4, h / dpi * 25.4
    mime = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}.get(fmt)
    if mime is None:
        raise InputError(
            path, _("{format} is not a design format (PNG, JPEG or SVG)").format(format=fmt)
        )
    href = f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width!r}mm" height="{height!r}mm" viewBox="0 0 {w} {h}">'
        f'<image width="{w}" height="{h}" preserveAspectRatio="none" '
        f'xlink:href="{href}"/></svg>'
    ).encode()
    return Design(
        path=str(path), svg=svg, width=width, height=height, raster=data, pixel_size=(w, h), dpi=dpi
    )


__all__ = ["CSS_DPI", "Design", "design_from_document", "open_design"]
