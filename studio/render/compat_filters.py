"""Filters resvg 0.47 misdraws, rewritten (see :mod:`studio.render.compat`).

* A filter whose ``feImage`` draws an element that uses the same filter (directly, through
  its descendants or ``<use>``) is a reference cycle: the SVG specification makes that an error,
  and browsers do not draw the elements that use it. resvg drew them unfiltered. They get
  ``display:none``.
* ``primitiveUnits="objectBoundingBox"``: resvg reads light positions as user units and
  fills partial primitive subregions wrongly. When every element using the filter is a shape
  with a bounding box we can read (:func:`studio.render.compat_shapes.shape_bbox`), the filter
  is rewritten in user units (``userSpaceOnUse``) for that box, as the specification defines.
  Filters with primitives whose object-bounding-box meaning is unclear (``feDisplacementMap``
  scale, ``kernelUnitLength``, ``feTurbulence``) are left alone.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from studio.render.compat_shapes import Box, shape_bbox
from studio.safety.svg_size import view_box
from studio.safety.xml import XLINK_NS, split_tag

_URL = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)['\"]?\s*\)")
_STYLE_FILTER = re.compile(r"(?:^|;)\s*filter\s*:\s*([^;]+)", re.IGNORECASE)
_LIGHTS = ("fePointLight", "feSpotLight")
#: Primitives whose object-bounding-box parameters we do not convert.
_UNCLEAR = ("feDisplacementMap", "feTurbulence", "feConvolveMatrix")


def _href(el: ET.Element) -> str:
    return (el.get(f"{{{XLINK_NS}}}href") or el.get("href") or "").strip()


def used_filters(el: ET.Element) -> list[str]:
    """Ids of the filters ``el`` itself refers to (attribute or inline style)."""
    style = _STYLE_FILTER.search(el.get("style", ""))
    value = style.group(1) if style else el.get("filter", "")
    return _URL.findall(value) if "url(" in value else []


class _Graph:
    def __init__(self, root: ET.Element) -> None:
        self.ids = {el.get("id"): el for el in root.iter() if el.get("id")}
        self.filters = {key: el for key, el in self.ids.items()
                        if key and split_tag(el.tag)[1] == "filter"}
        self.memo: dict[int, frozenset[str]] = {}

    def subtree_filters(self, el: ET.Element, seen: frozenset[int] = frozenset()) -> frozenset[str]:
        """Filters used by ``el``, its descendants and what their ``<use>`` show."""
        key = id(el)
        if key in self.memo:
            return self.memo[key]
        if key in seen:
            return frozenset()
        seen = seen | {key}
        found = set(used_filters(el))
        for child in el:
            found |= self.subtree_filters(child, seen)
        if split_tag(el.tag)[1] == "use":
            href = _href(el)
            target = self.ids.get(href[1:]) if href.startswith("#") else None
            if target is not None:
                found |= self.subtree_filters(target, seen)
        result = frozenset(found)
        self.memo[key] = result
        return result

    def drawn_by(self, filter_id: str) -> frozenset[str]:
        """Filters used by whatever the filter's ``feImage`` primitives draw."""
        out: set[str] = set()
        for prim in self.filters[filter_id].iter():
            if split_tag(prim.tag)[1] != "feImage":
                continue
            href = _href(prim)
            target = self.ids.get(href[1:]) if href.startswith("#") else None
            if target is not None:
                out |= self.subtree_filters(target)
        return frozenset(out)

    def recursive(self) -> set[str]:
        """Filters that reach themselves through feImage."""
        edges = {key: self.drawn_by(key) for key in self.filters}
        cyclic = set()
        for start in edges:
            stack, seen = list(edges[start]), set()
            while stack:
                node = stack.pop()
                if node == start:
                    cyclic.add(start)
                    break
                if node in seen or node not in edges:
                    continue
                seen.add(node)
                stack.extend(edges[node])
        return cyclic


def _hide_cycles(root: ET.Element, graph: _Graph) -> None:
    cyclic = graph.recursive()
    if not cyclic:
        return
    for el in root.iter():
        if any(f in cyclic for f in used_filters(el)):
            style = el.get("style", "").strip().rstrip(";")
            el.set("style", f"{style};display:none" if style else "display:none")


def _scale_list(value: str, factors: tuple[float, float]) -> str | None:
    try:
        numbers = [float(v) for v in value.replace(",", " ").split()]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 2:
        return None
    if len(numbers) == 1:
        numbers = [numbers[0], numbers[0]]
        if factors[0] == factors[1]:
            return repr(numbers[0] * factors[0])
    return f"{numbers[0] * factors[0]!r} {numbers[1] * factors[1]!r}"


def _fraction(value: str) -> float | None:
    text = value.strip()
    try:
        return float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
    except ValueError:
        return None


def _to_user_units(filt: ET.Element, box: Box) -> bool:
    """Rewrite ``filt``'s primitives from bounding-box fractions to user units for ``box``."""
    bx, by, bw, bh = box
    diagonal = math.sqrt((bw * bw + bh * bh) / 2)
    changes: list[tuple[ET.Element, str, str]] = []
    axes = {"x": (bx, bw), "y": (by, bh), "width": (0.0, bw), "height": (0.0, bh)}
    for prim in filt.iter():
        local = split_tag(prim.tag)[1]
        if local in _UNCLEAR or prim.get("kernelUnitLength"):
            return False
        for name, (offset, size) in axes.items():
            if prim is not filt and prim.get(name) is not None and local not in _LIGHTS:
                fraction = _fraction(prim.get(name, ""))
                if fraction is None:
                    return False
                changes.append((prim, name, repr(offset + fraction * size)))
        for name, factors in (("stdDeviation", (bw, bh)), ("radius", (bw, bh))):
            if prim.get(name) is not None:
                scaled = _scale_list(prim.get(name, ""), factors)
                if scaled is None:
                    return False
                changes.append((prim, name, scaled))
        if local in ("feOffset", "feDropShadow"):
            for name, size in (("dx", bw), ("dy", bh)):
                fraction = _fraction(prim.get(name, "0"))
                if fraction is None:
                    return False
                changes.append((prim, name, repr(fraction * size)))
        if local in _LIGHTS:
            for name, (offset, size) in (("x", (bx, bw)), ("y", (by, bh)), ("z", (0.0, diagonal)),
                                         ("pointsAtX", (bx, bw)), ("pointsAtY", (by, bh)),
                                         ("pointsAtZ", (0.0, diagonal))):
                fraction = _fraction(prim.get(name, "0"))
                if fraction is None:
                    return False
                changes.append((prim, name, repr(offset + fraction * size)))
    for el, name, value in changes:
        el.set(name, value)
    filt.set("primitiveUnits", "userSpaceOnUse")
    return True


def _bounding_box_units(root: ET.Element, graph: _Graph,
                        users: dict[str, list[ET.Element]]) -> None:
    sheets = " ".join(el.text or "" for el in root.iter() if split_tag(el.tag)[1] == "style")
    for key, filt in graph.filters.items():
        if (filt.get("primitiveUnits") != "objectBoundingBox" or _href(filt)
                or not users.get(key) or f"#{key}" in sheets):
            continue
        boxes = {shape_bbox(el) for el in users[key]}
        if len(boxes) != 1:
            continue
        box = boxes.pop()
        if box is not None:
            _to_user_units(filt, box)


def _region_size(filt: ET.Element, boxes: list[Box | None],
                 viewport: tuple[float, float]) -> tuple[float, float] | None:
    """The largest filter region ``filt`` gets on any of its users, in user units."""
    sizes = []
    for name, default, axis in (("width", "120%", 0), ("height", "120%", 1)):
        value = filt.get(name, default).strip()
        if filt.get("filterUnits") == "userSpaceOnUse":
            if value.endswith("%"):
                fraction = _fraction(value)
                sizes.append(None if fraction is None else fraction * viewport[axis])
            else:
                sizes.append(_fraction(value))
            continue
        fraction = _fraction(value)
        if fraction is None or not boxes or None in boxes:
            return None
        sizes.append(fraction * max(b[2 + axis] for b in boxes if b is not None))
    width, height = sizes
    return (width, height) if width is not None and height is not None else None


def _transparent_erosion(root: ET.Element, graph: _Graph, viewport: tuple[float, float],
                         users: dict[str, list[ET.Element]]) -> None:
    """An erosion wider than its filter region leaves nothing: draw that (a transparent flood)
    instead of spending pixels x radius^2 on it (radius 9999: over a minute in resvg)."""
    for key, filt in graph.filters.items():
        if _href(filt) or filt.get("primitiveUnits") == "objectBoundingBox":
            continue
        for prim in filt:
            if split_tag(prim.tag)[1] != "feMorphology" or prim.get("operator") == "dilate":
                continue
            radius = _scale_list(prim.get("radius", ""), (1.0, 1.0))
            region = _region_size(filt, [shape_bbox(el) for el in users.get(key, [])],
                                  viewport) if radius else None
            if radius is None or region is None:
                continue
            values = [float(v) for v in radius.split()]
            rx, ry = values[0], values[-1]
            if rx > region[0] or ry > region[1]:
                kept = {k: v for k, v in prim.attrib.items()
                        if k in ("x", "y", "width", "height", "result")}
                prim.attrib.clear()
                prim.attrib.update(kept)
                prim.tag = prim.tag.replace("feMorphology", "feFlood")
                prim.set("flood-opacity", "0")


def _users(root: ET.Element) -> dict[str, list[ET.Element]]:
    users: dict[str, list[ET.Element]] = {}
    for el in root.iter():
        for key in used_filters(el):
            users.setdefault(key, []).append(el)
    return users


def rewrite_filters(root: ET.Element, viewport: tuple[float, float]) -> None:
    """Hide elements using cyclic filters, give bounding-box primitive units in user units,
    and draw hopeless erosions as the nothing they leave. ``viewport``: the root's CSS size,
    for a root without viewBox."""
    if not any(split_tag(el.tag)[1] == "filter" for el in root.iter()):
        return
    graph = _Graph(root)
    users = _users(root)
    _hide_cycles(root, graph)
    vb = view_box(root)
    _transparent_erosion(root, graph, (vb[2], vb[3]) if vb else viewport, users)
    _bounding_box_units(root, graph, users)
