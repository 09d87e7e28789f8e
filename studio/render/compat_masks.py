"""``<mask color-interpolation="linearRGB">`` drawn as the spec says (see :mod:`compat`).

Such a mask takes its luminance from the linear-light values of its content. resvg ignores the
property and uses the sRGB values, so a gradient mask came out too opaque in its middle. The
mask's children are wrapped in a group whose filter maps each sRGB channel to its linear value
(a 256-entry ``feComponentTransfer`` table, exact to a level) over the mask's own region, which
resvg then reads as sRGB: the luminance it computes is the linear one. Done where the region is
known in user space: ``maskUnits="userSpaceOnUse"`` with a numeric region, or the default
bounding-box units on masked shapes that share one box (:func:`compat_shapes.shape_bbox`).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from studio.render.compat_shapes import Box, shape_bbox
from studio.safety.xml import SVG_NS, split_tag

_URL = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)['\"]?\s*\)")
_STYLE_MASK = re.compile(r"(?:^|;)\s*mask\s*:\s*([^;]+)", re.IGNORECASE)
_STYLE_CI = re.compile(r"(?:^|;)\s*color-interpolation\s*:\s*([^;]+)", re.IGNORECASE)


def _srgb_to_linear(level: int) -> float:
    c = level / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_TABLE = " ".join(format(_srgb_to_linear(i), ".5f") for i in range(256))


def _fraction(value: str | None, default: float) -> float | None:
    if value is None:
        return default
    text = value.strip()
    try:
        return float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
    except ValueError:
        return None


def _mask_region(mask: ET.Element, boxes: set[Box | None]) -> Box | None:
    """The mask's region in the user space of the elements it masks, if computable."""
    if mask.get("maskContentUnits", "userSpaceOnUse") != "userSpaceOnUse":
        return None
    if mask.get("maskUnits") == "userSpaceOnUse":
        values = []
        for name in ("x", "y", "width", "height"):
            text = mask.get(name)
            try:
                values.append(float(text) if text is not None and not text.endswith("%")
                              else float("nan"))
            except ValueError:
                return None
        if any(math.isnan(v) for v in values):
            return None
        x, y, w, h = values
        return (x, y, w, h) if w > 0 and h > 0 else None
    if len(boxes) != 1:
        return None
    box = next(iter(boxes))
    if box is None:
        return None
    fx, fy = _fraction(mask.get("x"), -0.1), _fraction(mask.get("y"), -0.1)
    fw, fh = _fraction(mask.get("width"), 1.2), _fraction(mask.get("height"), 1.2)
    if fx is None or fy is None or fw is None or fh is None or fw <= 0 or fh <= 0:
        return None
    bx, by, bw, bh = box
    return (bx + fx * bw, by + fy * bh, fw * bw, fh * bh)


def _interpolation(el: ET.Element) -> str:
    style = _STYLE_CI.search(el.get("style", ""))
    return (style.group(1) if style else el.get("color-interpolation", "")).strip()


def rewrite_linear_masks(root: ET.Element) -> None:
    """Give linearRGB masks their linear luminance (see the module docstring)."""
    masks = {el.get("id", ""): el for el in root.iter()
             if split_tag(el.tag)[1] == "mask" and el.get("id")
             and _interpolation(el) == "linearRGB"}
    if not masks:
        return
    users: dict[str, set[Box | None]] = {}
    for el in root.iter():
        style = _STYLE_MASK.search(el.get("style", ""))
        value = style.group(1) if style else el.get("mask", "")
        for key in _URL.findall(value):
            users.setdefault(key, set()).add(shape_bbox(el))
    ids = {el.get("id") for el in root.iter()}
    for key, mask in masks.items():
        region = _mask_region(mask, users.get(key, set()))
        if region is None or not len(mask):
            continue
        filter_id, n = f"{key}-linear-light", 1
        while filter_id in ids:
            n += 1
            filter_id = f"{key}-linear-light-{n}"
        x, y, w, h = region
        filt = ET.Element(f"{{{SVG_NS}}}filter", {
            "id": filter_id, "filterUnits": "userSpaceOnUse", "x": repr(x), "y": repr(y),
            "width": repr(w), "height": repr(h), "color-interpolation-filters": "sRGB"})
        transfer = ET.SubElement(filt, f"{{{SVG_NS}}}feComponentTransfer")
        for channel in "RGB":
            ET.SubElement(transfer, f"{{{SVG_NS}}}feFunc{channel}",
                          {"type": "table", "tableValues": _TABLE})
        group = ET.Element(f"{{{SVG_NS}}}g", {"filter": f"url(#{filter_id})"})
        group.extend(list(mask))
        for child in list(mask):
            mask.remove(child)
        mask.append(group)
        mask.set("color-interpolation", "sRGB")
        if _STYLE_CI.search(mask.get("style", "")):
            mask.set("style", _STYLE_CI.sub("", mask.get("style", "")))
        root.insert(0, filt)
        ids.add(filter_id)
