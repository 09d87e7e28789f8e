"""Geometry of each element kind: outlines as SVG path data and boxes in millimetres.

Shared by the SVG writer, the canvas and the checks, so a star has one set of points everywhere.
"""

from __future__ import annotations

import math

from studio.document.geometry import IDENTITY, Box, Matrix, bounds_of, multiply
from studio.document.model import (
    Element,
    Ellipse,
    Group,
    Image,
    Path,
    PathCommand,
    Polygon,
    Rect,
    SvgArt,
    Text,
)
from studio.i18n import _


def fmt(value: float) -> str:
    """A number for SVG: the shortest text that reads back as the same float."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def polygon_points(shape: Polygon) -> list[tuple[float, float]]:
    """Vertices, clockwise from the top, rotated by ``shape.rotation`` degrees."""
    sides = max(3, shape.sides)
    count = sides * 2 if shape.inner_ratio is not None else sides
    points = []
    for i in range(count):
        radius = shape.radius
        if shape.inner_ratio is not None and i % 2:
            radius *= shape.inner_ratio
        angle = math.radians(shape.rotation - 90 + 360 * i / count)
        points.append((shape.cx + radius * math.cos(angle), shape.cy + radius * math.sin(angle)))
    return points


def path_data(commands: list[PathCommand]) -> str:
    """SVG ``d`` for a command list."""
    parts = []
    for op, args in commands:
        parts.append(op + (" " + " ".join(fmt(a) for a in args) if args else ""))
    return " ".join(parts)


def parse_path_data(d: str) -> list[PathCommand]:
    """The inverse of :func:`path_data` for the absolute M/L/C/Z subset we write."""
    arity = {"M": 2, "L": 2, "C": 6, "Z": 0}
    tokens = d.replace(",", " ").split()
    out: list[PathCommand] = []
    i = 0
    while i < len(tokens):
        op = tokens[i]
        if op not in arity:
            raise ValueError(_("unsupported path command {op}").format(op=repr(op)))
        n = arity[op]
        args = tuple(float(t) for t in tokens[i + 1 : i + 1 + n])
        if len(args) != n:
            raise ValueError(_("path command {op} needs {count} numbers").format(op=op, count=n))
        out.append((op, args))
        i += 1 + n
    return out


def local_bounds(element: Element) -> Box | None:
    """The element's box in its own coordinates (``None`` for an empty group or path)."""
    if isinstance(element, Rect | Image | SvgArt):
        return Box(element.x, element.y, element.width, element.height)
    if isinstance(element, Ellipse):
        return Box(element.cx - element.rx, element.cy - element.ry, 2 * element.rx, 2 * element.ry)
    if isinstance(element, Polygon):
        return bounds_of(polygon_points(element))
    if isinstance(element, Path):
        pts = [(a[i], a[i + 1]) for _, a in element.commands for i in range(0, len(a), 2)]
        return bounds_of(pts) if pts else None
    if isinstance(element, Text):
        return text_box(element)
    if isinstance(element, Group):
        boxes = [b for b in (bounds(c) for c in element.children) if b is not None]
        if not boxes:
            return None
        box = boxes[0]
        for other in boxes[1:]:
            box = box.union(other)
        return box
    return None


def bounds(element: Element, parent: Matrix = IDENTITY) -> Box | None:
    """The element's box in its parent's (or ``parent``-mapped) coordinates, stroke included."""
    box = local_bounds(element)
    if box is None:
        return None
    if element.style.stroke is not None and element.style.stroke_width > 0:
        box = box.inflate(element.style.stroke_width / 2)
    return box.transformed(multiply(parent, element.transform))


def text_box(text: Text) -> Box:
    """An estimate of the text's box from average glyph widths (0.55 em), used where no font
    metrics are at hand; the checks measure rendered text from pixels instead."""
    lines = text.content.split("\n") or [""]
    longest = max(len(line) for line in lines)
    width = longest * (text.size * 0.55 + text.letter_spacing)
    height = text.size * (1 + text.line_height * (len(lines) - 1))
    x = text.x - {"start": 0.0, "middle": width / 2, "end": width}[text.align]
    return Box(x, text.y - text.size * 0.8, width, height)
