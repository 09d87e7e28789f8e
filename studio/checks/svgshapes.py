"""Outline points and boxes of SVG basic shapes, for the flattened view (``svgtree``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from studio.checks.svgpath import Point, ellipse_points, number_list, pairs, path_points
from studio.checks.svgstyle import length_user
from studio.document.geometry import Box

SHAPES = {"rect", "circle", "ellipse", "line", "polyline", "polygon", "path"}


def shape_points(
    node: ET.Element, tag: str, viewport: tuple[float, float], font: float = 16.0
) -> list[Point]:
    """Outline points of a basic shape in its own user space (empty when it draws nothing)."""

    def num(name: str, of: float = 0.0) -> float:
        return length_user(node.get(name), font, of)

    vw, vh = viewport
    if tag == "rect":
        x, y, w, h = num("x", vw), num("y", vh), num("width", vw), num("height", vh)
        if w <= 0 or h <= 0:
            return []
        return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    if tag in ("circle", "ellipse"):
        cx, cy = num("cx", vw), num("cy", vh)
        if tag == "circle":
            rx = ry = num("r", (vw * vw + vh * vh) ** 0.5 / 2**0.5)
        else:
            rx, ry = num("rx", vw), num("ry", vh)
        return ellipse_points(cx, cy, rx, ry) if rx > 0 and ry > 0 else []
    if tag == "line":
        return [(num("x1", vw), num("y1", vh)), (num("x2", vw), num("y2", vh))]
    if tag in ("polyline", "polygon"):
        return pairs(number_list(node.get("points")))
    if tag == "path":
        return path_points(node.get("d") or "")
    return []


def union(boxes: list[Box]) -> Box:
    box = boxes[0]
    for other in boxes[1:]:
        box = box.union(other)
    return box


def intersect(a: Box | None, b: Box | None) -> Box | None:
    if a is None:
        return b
    if b is None:
        return a
    x, y = max(a.x, b.x), max(a.y, b.y)
    r, bottom = min(a.right, b.right), min(a.bottom, b.bottom)
    # Disjoint boxes give an empty box (not None, which would mean "no clip").
    return Box(x, y, max(0.0, r - x), max(0.0, bottom - y))
