"""CSS basic shapes in ``clip-path`` turned into ``<clipPath>`` elements resvg 0.47 draws.

``clip-path="circle()"`` (CSS Masking: ``circle()``, ``ellipse()``, ``inset()``, ``polygon()``,
optionally followed by ``fill-box``, ``stroke-box`` or ``view-box``) is ignored by resvg, which
then draws the element unclipped. Where the reference box can be known without layout (the
element is a basic shape or an image; for ``view-box``, it sits untransformed under the root),
the shape is computed in the element's user space and given as a ``userSpaceOnUse`` clip path.
Anything else (``round`` corners, paths and groups as reference boxes) is left as it was.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from studio.safety.svg_size import CSS_PX_PER_UNIT, parse_css_length, view_box
from studio.safety.xml import SVG_NS, split_tag

Box = tuple[float, float, float, float]

_SHAPE = re.compile(r"^\s*(circle|ellipse|inset|polygon)\(([^()]*)\)\s*([a-z-]*)\s*$",
                    re.IGNORECASE)
_STYLE_CLIP = re.compile(r"(?:^|;)\s*clip-path\s*:\s*([^;]+)", re.IGNORECASE)
_FILL_BOXES = {"", "fill-box", "border-box", "content-box", "padding-box", "margin-box"}


def _user(value: str | None, default: float | None = 0.0) -> float | None:
    """A plain length in user units; None for percentages, font units or nonsense."""
    if value is None:
        return default
    parsed = parse_css_length(value)
    if parsed is None or parsed[1] in ("%", "em", "ex"):
        return None
    return parsed[0] * CSS_PX_PER_UNIT[parsed[1]]


def _numbers(text: str) -> list[float] | None:
    try:
        return [float(v) for v in text.replace(",", " ").split()]
    except ValueError:
        return None


def shape_bbox(el: ET.Element) -> Box | None:
    """The fill bounding box of a basic shape or image in its user space, if plain to read."""
    local = split_tag(el.tag)[1]
    get = el.get
    if local in ("rect", "image"):
        x, y, w, h = _user(get("x")), _user(get("y")), _user(get("width"), None), \
            _user(get("height"), None)
        if None in (x, y, w, h):
            return None
        assert x is not None and y is not None and w is not None and h is not None
        return (x, y, w, h) if w > 0 and h > 0 else None
    if local in ("circle", "ellipse"):
        cx, cy = _user(get("cx")), _user(get("cy"))
        if local == "circle":
            rx = ry = _user(get("r"), None)
        else:
            rx, ry = _user(get("rx"), None), _user(get("ry"), None)
        if None in (cx, cy, rx, ry):
            return None
        assert cx is not None and cy is not None and rx is not None and ry is not None
        return (cx - rx, cy - ry, 2 * rx, 2 * ry) if rx > 0 and ry > 0 else None
    if local in ("polygon", "polyline", "line"):
        if local == "line":
            coords = [_user(get(k)) for k in ("x1", "y1", "x2", "y2")]
            if None in coords:
                return None
            values = [c for c in coords if c is not None]
        else:
            values = _numbers(get("points", "")) or []
        xs, ys = values[0:-1:2], values[1::2]
        if not xs or not ys:
            return None
        return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    return None


def _stroke_width(el: ET.Element, parents: dict[ET.Element, ET.Element]) -> float:
    node: ET.Element | None = el
    while node is not None:
        stroke = node.get("stroke")
        if stroke is not None:
            if stroke.strip() == "none":
                return 0.0
            break
        node = parents.get(node)
    if node is None:
        return 0.0
    node = el
    while node is not None:
        width = node.get("stroke-width")
        if width is not None:
            return _user(width, 1.0) or 0.0
        node = parents.get(node)
    return 1.0


def _reference_box(el: ET.Element, box: str, root: ET.Element,
                   parents: dict[ET.Element, ET.Element]) -> Box | None:
    if box == "view-box":
        node: ET.Element | None = el
        while node is not None and node is not root:
            if node.get("transform") or (node is not el and split_tag(node.tag)[1] == "svg"):
                return None
            node = parents.get(node)
        vb = view_box(root)
        if vb is not None:
            return vb
        w, h = _user(root.get("width"), 100.0), _user(root.get("height"), 100.0)
        return (0.0, 0.0, w, h) if w and h else None
    bbox = shape_bbox(el)
    if bbox is None:
        return None
    if box == "stroke-box":
        half = _stroke_width(el, parents) / 2
        x, y, w, h = bbox
        return (x - half, y - half, w + 2 * half, h + 2 * half)
    return bbox if box in _FILL_BOXES else None


def _length(token: str, size: float) -> float | None:
    parsed = parse_css_length(token)
    if parsed is None or parsed[1] in ("em", "ex"):
        return None
    if parsed[1] == "%":
        return parsed[0] * size / 100.0
    return parsed[0] * CSS_PX_PER_UNIT[parsed[1]]


def _position(tokens: list[str], box: Box) -> tuple[float, float] | None:
    x, y, w, h = box
    horizontal = {"left": 0.0, "center": 50.0, "right": 100.0}
    vertical = {"top": 0.0, "center": 50.0, "bottom": 100.0}
    if not tokens:
        return (x + w / 2, y + h / 2)
    if len(tokens) == 1:
        tokens = [*tokens, "center"]
    if len(tokens) != 2:
        return None
    first, second = (t.lower() for t in tokens)
    if first in ("top", "bottom") or second in ("left", "right"):
        first, second = second, first
    px = x + w * horizontal[first] / 100 if first in horizontal else None
    py = y + h * vertical[second] / 100 if second in vertical else None
    if px is None:
        offset = _length(first, w)
        px = x + offset if offset is not None else None
    if py is None:
        offset = _length(second, h)
        py = y + offset if offset is not None else None
    return (px, py) if px is not None and py is not None else None


def _radius(token: str | None, centre: float, start: float, size: float,
            percent_of: float) -> float | None:
    near = min(abs(centre - start), abs(start + size - centre))
    far = max(abs(centre - start), abs(start + size - centre))
    if token is None or token == "closest-side":
        return near
    if token == "farthest-side":
        return far
    return _length(token, percent_of)


def _four_sides(tokens: list[str]) -> list[str]:
    """CSS's 1-4 value shorthand (top, right, bottom, left)."""
    if len(tokens) == 1:
        return tokens * 4
    if len(tokens) == 2:
        return [*tokens, *tokens]
    if len(tokens) == 3:
        return [*tokens, tokens[1]]
    return tokens


def _svg(tag: str, attrs: dict[str, float | str]) -> ET.Element:
    return ET.Element(f"{{{SVG_NS}}}{tag}",
                      {k: v if isinstance(v, str) else repr(v) for k, v in attrs.items()})


def _round_shape(kind: str, args: str, box: Box) -> ET.Element | None:
    """``circle([r] [at pos])`` or ``ellipse([rx ry] [at pos])``."""
    x, y, w, h = box
    tokens = args.split()
    at = tokens.index("at") if "at" in tokens else len(tokens)
    sizes = [t.lower() for t in tokens[:at]]
    centre = _position(tokens[at + 1:], box)
    if centre is None:
        return None
    cx, cy = centre
    if kind == "ellipse":
        if len(sizes) not in (0, 2):
            return None
        rx = _radius(sizes[0] if sizes else None, cx, x, w, w)
        ry = _radius(sizes[1] if sizes else None, cy, y, h, h)
        if rx is None or ry is None:
            return None
        return _svg("ellipse", {"cx": cx, "cy": cy, "rx": rx, "ry": ry})
    if len(sizes) > 1:
        return None
    sides = (abs(cx - x), abs(x + w - cx), abs(cy - y), abs(y + h - cy))
    token = sizes[0] if sizes else "closest-side"
    r: float | None
    if token in ("closest-side", "farthest-side"):
        r = min(sides) if token == "closest-side" else max(sides)
    else:
        r = _length(token, math.hypot(w, h) / math.sqrt(2))
    return _svg("circle", {"cx": cx, "cy": cy, "r": r}) if r is not None else None


def _inset(args: str, box: Box) -> ET.Element | None:
    """``inset(top [right [bottom [left]]])``; rounded corners are not handled."""
    x, y, w, h = box
    tokens = args.split()
    if not 1 <= len(tokens) <= 4 or "round" in tokens:
        return None
    top, right, bottom, left = _four_sides(tokens)
    sides = [_length(top, h), _length(right, w), _length(bottom, h), _length(left, w)]
    if None in sides:
        return None
    t, r, b, lft = (side or 0.0 for side in sides)
    return _svg("rect", {"x": x + lft, "y": y + t, "width": max(0.0, w - lft - r),
                         "height": max(0.0, h - t - b)})


def _polygon(args: str, box: Box) -> ET.Element | None:
    """``polygon([fill-rule,] x y, x y, ...)``."""
    x, y, w, h = box
    points = [p.strip() for p in args.split(",")]
    rule = points.pop(0) if points and points[0] in ("nonzero", "evenodd") else "nonzero"
    coords: list[str] = []
    for point in points:
        pair = point.split()
        if len(pair) != 2:
            return None
        px, py = _length(pair[0], w), _length(pair[1], h)
        if px is None or py is None:
            return None
        coords.append(f"{x + px!r},{y + py!r}")
    if len(coords) < 3:
        return None
    return _svg("polygon", {"points": " ".join(coords), "clip-rule": rule})


def shape_element(kind: str, args: str, box: Box) -> ET.Element | None:
    """The SVG element drawing ``kind(args)`` against ``box``, or None if unsupported."""
    if kind in ("circle", "ellipse"):
        return _round_shape(kind, args, box)
    if kind == "inset":
        return _inset(args, box)
    return _polygon(args, box)


def rewrite_shape_clips(root: ET.Element) -> None:
    """Replace each basic-shape ``clip-path`` we can compute by a reference to a clipPath."""
    parents = {child: parent for parent in root.iter() for child in parent}
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    made = 0
    for el in list(root.iter()):
        style = el.get("style", "")
        in_style = _STYLE_CLIP.search(style) if "clip-path" in style else None
        value = in_style.group(1) if in_style else el.get("clip-path")
        match = _SHAPE.match(value) if value else None
        if match is None:
            continue
        box = _reference_box(el, match.group(3).lower(), root, parents)
        shape = shape_element(match.group(1).lower(), match.group(2).strip(), box) \
            if box is not None else None
        if shape is None:
            continue
        made += 1
        clip_id = f"motif-shape-clip-{made}"
        while clip_id in ids:
            made += 1
            clip_id = f"motif-shape-clip-{made}"
        clip = ET.Element(f"{{{SVG_NS}}}clipPath",
                          {"id": clip_id, "clipPathUnits": "userSpaceOnUse"})
        clip.append(shape)
        root.insert(0, clip)
        if in_style is not None:
            el.set("style", style[: in_style.start(1)] + f"url(#{clip_id})"
                   + style[in_style.end(1):])
        else:
            el.set("clip-path", f"url(#{clip_id})")
