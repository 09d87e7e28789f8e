"""Importing artwork from outside: SVG (Inkscape, Illustrator, Figma) and PNG/JPEG/WebP.

Everything passes through ``studio.safety`` first. Imported SVG becomes one :class:`SvgArt`
element: cleaned of editor metadata, its ids prefixed so two imports never collide, its size
taken from its own ``width``/``height`` (CSS pixels are 96 per inch).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from studio.document import namespaces as ns
from studio.document.model import Image, SvgArt, new_id
from studio.document.svgread import canonical_markup
from studio.errors import InputError
from studio.i18n import _
from studio.safety.images import probe_image
from studio.safety.svg import parse_svg, sanitize_svg
from studio.units import CSS_DPI, LengthError, parse_length, to_mm

_KEEP_NS = {ns.SVG, ns.XLINK, "http://www.w3.org/XML/1998/namespace"}
_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


def svg_size_mm(root: ET.Element, dpi: float = CSS_DPI) -> tuple[float, float]:
    """The SVG's intrinsic size in mm: root ``width``/``height`` (user units and ``px`` are CSS
    pixels at ``dpi``), else the ``viewBox`` size."""
    box = view_box(root)
    sizes = []
    for attr, index in (("width", 2), ("height", 3)):
        raw = (root.get(attr) or "").strip()
        value: float | None = None
        if raw and not raw.endswith("%"):
            try:
                number, unit = parse_length(raw if re.search(r"[a-zA-Z]$", raw) else raw + "px")
                value = to_mm(number, unit, dpi)
            except LengthError:
                value = None
        if value is None:
            value = to_mm(box[index], "px", dpi) if box else to_mm(100.0, "px", dpi)
        sizes.append(value)
    return sizes[0], sizes[1]


def view_box(root: ET.Element) -> tuple[float, float, float, float] | None:
    raw = root.get("viewBox")
    if not raw:
        return None
    try:
        parts = [float(p) for p in raw.replace(",", " ").split()]
    except ValueError:
        return None
    if len(parts) != 4 or parts[2] <= 0 or parts[3] <= 0:
        return None
    return parts[0], parts[1], parts[2], parts[3]


def import_svg(data: bytes, source: str | Path, *, allow_local_images: bool = False) -> SvgArt:
    """Turn an SVG file into an artwork element at its own size, top-left at the origin."""
    base = Path(source).parent if allow_local_images else None
    clean = sanitize_svg(data, source, base_dir=base, allow_local_images=allow_local_images)
    root = parse_svg(clean, source)
    width, height = svg_size_mm(root)
    if width <= 0 or height <= 0:
        raise InputError(source, _("the SVG has no size"))
    if view_box(root) is None:
        w_px, h_px = width / 25.4 * CSS_DPI, height / 25.4 * CSS_DPI
        root.set("viewBox", f"0 0 {w_px!r} {h_px!r}")
    for key in ("x", "y", "width", "height"):
        root.attrib.pop(key, None)
    _strip_foreign(root)
    _prefix_ids(root, new_id("art") + "-")
    return SvgArt(
        x=0.0,
        y=0.0,
        width=width,
        height=height,
        markup=canonical_markup(root),
        asset_sha256=hashlib.sha256(data).hexdigest(),
        name=Path(source).stem,
    )


def _strip_foreign(node: ET.Element) -> None:
    for key in list(node.attrib):
        if key.startswith("{") and key[1:].split("}")[0] not in _KEEP_NS:
            del node.attrib[key]
    for child in list(node):
        if (
            not isinstance(child.tag, str)
            or (child.tag.startswith("{") and child.tag[1:].split("}")[0] not in _KEEP_NS)
            or child.tag in (ns.svg("metadata"),)
        ):
            node.remove(child)
        else:
            _strip_foreign(child)


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    ids = {n.get("id") for n in root.iter() if n.get("id")}
    if not ids:
        return
    pattern = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)['\"]?\s*\)")

    def fix_urls(text: str) -> str:
        return pattern.sub(
            lambda m: f"url(#{prefix}{m.group(1)})" if m.group(1) in ids else m.group(0), text
        )

    for node in root.iter():
        for key, value in list(node.attrib.items()):
            if key == "id":
                node.set(key, prefix + value)
            elif key in ("href", ns.q(ns.XLINK, "href")) and value.startswith("#"):
                if value[1:] in ids:
                    node.set(key, "#" + prefix + value[1:])
            elif "url(" in value:
                node.set(key, fix_urls(value))
        if node.tag == ns.svg("style") and node.text:
            node.text = fix_urls(
                re.sub(
                    r"#([A-Za-z_][\w.-]*)",
                    lambda m: "#" + prefix + m.group(1) if m.group(1) in ids else m.group(0),
                    node.text,
                )
            )


def import_image(data: bytes, source: str | Path, dpi: float) -> Image:
    """A raster image placed at its own resolution: pixels / ``dpi`` (the file's own DPI when it
    stores one, else the document's)."""
    fmt, w, h = probe_image(data, source)
    file_dpi = stored_dpi(data) or dpi
    return Image(
        x=0.0,
        y=0.0,
        width=w / file_dpi * 25.4,
        height=h / file_dpi * 25.4,
        data=data,
        mime=_MIME[fmt],
        pixel_width=w,
        pixel_height=h,
        name=Path(source).stem,
    )


def stored_dpi(data: bytes) -> float | None:
    import io

    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as im:
            value = im.info.get("dpi")
    except Exception:
        return None
    if not value:
        return None
    dpi = float(value[0])
    # PNG stores pixels per metre: 300 DPI reads back as 299.9994. Snap to the whole number.
    if abs(dpi - round(dpi)) < 0.05:
        dpi = float(round(dpi))
    return dpi if 20 <= dpi <= 2400 else None
