"""The brief's rules as they apply to one output of another size (an ad set's variants).

A brief states its canvas, required-element zones and keep-out zones for the main canvas. An ad
brief also lists outputs of other sizes (a 160×600 skyscraper, a 728×90 leaderboard); each is
checked on its own canvas with the rules carried over by these deterministic rules:

- the canvas is the output's size (``canvas.size`` compares against it);
- zones are *relative*: scaled with the canvas on each axis (a zone in the top-left tenth of
  the canvas stays in the top-left tenth of the output); in an output at least
  ``FLOW_RATIO`` times wider (taller) than the canvas, a zone spans the output's whole height
  (width): a banner has no room above or below its logo;
- a required element's ``min_width`` holds when it fits, else the minimum is
  ``MAX_SHARE`` of the output's width (or of its height, through the asset's aspect ratio):
  the brand listed that size, so it accepts the largest logo the size allows;
- a zone too small for the element at that minimum grows, from the side nearest the output's
  edge, to hold it (clipped to the output);
- a clear space shrinks with the output's smaller scale factor, like everything else.

The layout (``studio.production.layout``) places variants with the same function, so a fresh
automatic variant passes by construction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import PurePosixPath

from studio.brief.model import Brief, RequiredElement, Zone

MAX_SHARE = 0.9
FLOW_RATIO = 2.0


def brief_for_canvas(brief: Brief, width: float, height: float) -> Brief:
    """``brief`` with its canvas, zones and minimum sizes carried over to ``width`` × ``height``
    mm (the brief itself when that is its own canvas)."""
    if abs(width - brief.width) < 1e-6 and abs(height - brief.height) < 1e-6:
        return brief
    rules = brief.rules
    required = tuple(_required(brief, r, width, height) for r in rules.required)
    keep_out = tuple(_zone(brief, z, width, height) for z in rules.keep_out)
    return replace(
        brief,
        width=width,
        height=height,
        rules=replace(rules, required=required, keep_out=keep_out),
    )


def asset_aspect(brief: Brief, spec: RequiredElement) -> float | None:
    """Height over width of the required element's asset, when it can be read."""
    try:
        data = brief.asset(spec.asset)
    except Exception:
        return None
    if PurePosixPath(spec.asset).suffix.lower() == ".svg":
        from studio.document.importer import svg_size_mm
        from studio.safety.svg import parse_svg

        try:
            w, h = svg_size_mm(parse_svg(data, spec.asset))
        except (ET.ParseError, ValueError):
            return None
    else:
        from studio.checks.imageinfo import probe_bytes

        info = probe_bytes(data)
        if info is None:
            return None
        w, h = info.width, info.height
    return h / w if w > 0 and h > 0 else None


def effective_min_width(
    min_width: float | None, aspect: float | None, width: float, height: float
) -> float | None:
    """The brand's minimum, or the widest the output allows when it is smaller."""
    if min_width is None:
        return None
    cap = MAX_SHARE * width
    if aspect:
        cap = min(cap, MAX_SHARE * height / aspect)
    return min(min_width, cap)


def _zone(brief: Brief, zone: Zone, width: float, height: float) -> Zone:
    sx, sy = width / brief.width, height / brief.height
    x, y, w, h = zone.x * sx, zone.y * sy, zone.width * sx, zone.height * sy
    ratio = (width / height) / (brief.width / brief.height)
    if ratio >= FLOW_RATIO:
        y, h = 0.0, height
    elif ratio <= 1 / FLOW_RATIO:
        x, w = 0.0, width
    return Zone(x, y, w, h, zone.reason)


def _grow(zone: Zone, need_w: float, need_h: float, width: float, height: float) -> Zone:
    x, y, w, h = zone.x, zone.y, zone.width, zone.height
    if need_w > w:
        x = x if x + w / 2 <= width / 2 else x + w - need_w
        w = need_w
    if need_h > h:
        y = y if y + h / 2 <= height / 2 else y + h - need_h
        h = need_h
    x0, y0 = max(0.0, x), max(0.0, y)
    x1, y1 = min(width, x + w), min(height, y + h)
    if x1 - x0 < need_w:  # pushed against an edge: slide back inside
        x0, x1 = max(0.0, min(x0, width - need_w)), max(x1, min(width, x0 + need_w))
    if y1 - y0 < need_h:
        y0, y1 = max(0.0, min(y0, height - need_h)), max(y1, min(height, y0 + need_h))
    return Zone(x0, y0, x1 - x0, y1 - y0, zone.reason)


def _required(brief: Brief, spec: RequiredElement, width: float, height: float) -> RequiredElement:
    aspect = asset_aspect(brief, spec)
    minimum = effective_min_width(spec.min_width, aspect, width, height)
    zone = spec.zone and _zone(brief, spec.zone, width, height)
    if zone is not None and minimum is not None:
        zone = _grow(zone, minimum, minimum * (aspect or 0.0), width, height)
    clear = spec.clear_space
    if clear is not None:
        clear = clear * min(width / brief.width, height / brief.height)
    return replace(spec, min_width=minimum, zone=zone, clear_space=clear)
