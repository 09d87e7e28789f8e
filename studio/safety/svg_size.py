"""The size of an SVG's canvas in CSS pixels, as resvg computes it.

Both the sanitizer (to refuse enormous canvases) and the exporter (to turn a DPI into a pixel
size) need it, and they must agree with the renderer: width/height in any CSS unit; a missing or
percentage dimension comes from the viewBox (keeping its aspect ratio when only one is given);
with neither, 100 × 100.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

CSS_PX_PER_UNIT = {"px": 1.0, "in": 96.0, "cm": 96.0 / 2.54, "mm": 96.0 / 25.4,
                   "pt": 96.0 / 72.0, "pc": 16.0, "q": 96.0 / 101.6, "em": 16.0, "ex": 8.0}
_LENGTH = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z%]*)\s*$")


def parse_css_length(text: str | None) -> tuple[float, str] | None:
    """``"12mm"`` → ``(12.0, "mm")``; None when absent or not a length."""
    if text is None:
        return None
    match = _LENGTH.match(text)
    if not match:
        return None
    unit = match.group(2).lower() or "px"
    if unit != "%" and unit not in CSS_PX_PER_UNIT:
        return None
    return float(match.group(1)), unit


def view_box(root: ET.Element) -> tuple[float, float, float, float] | None:
    """The root's viewBox as ``(x, y, w, h)``, or None when absent or invalid."""
    text = root.get("viewBox")
    if not text:
        return None
    try:
        x, y, w, h = (float(v) for v in text.replace(",", " ").split())
    except ValueError:
        return None
    return (x, y, w, h) if w > 0 and h > 0 else None


def root_size_px(root: ET.Element) -> tuple[float, float]:
    """``(width, height)`` of the canvas in CSS pixels (96 per inch)."""
    vb = view_box(root)
    dims: list[float | None] = []
    for name, index in (("width", 2), ("height", 3)):
        length = parse_css_length(root.get(name))
        if length is None or length[0] <= 0:
            dims.append(None)
        elif length[1] == "%":
            dims.append(vb[index] * length[0] / 100.0 if vb else None)
        else:
            dims.append(length[0] * CSS_PX_PER_UNIT[length[1]])
    width, height = dims
    if vb is not None:
        if width is None and height is not None:
            width = height * vb[2] / vb[3]
        elif height is None and width is not None:
            height = width * vb[3] / vb[2]
        elif width is None and height is None:
            width, height = vb[2], vb[3]
    return (width if width is not None else 100.0, height if height is not None else 100.0)
