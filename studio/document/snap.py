"""Snapping a moving box to guides, the artboard and other elements.

Pure geometry so the canvas only supplies the candidates and the distance (screen pixels turned
into mm at the current zoom).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from studio.document.geometry import Box
from studio.document.model import Document


@dataclass
class Targets:
    """Lines a box may snap to, in mm: vertical lines (x) and horizontal lines (y), sorted, so
    the nearest one is found by bisection (a drag among 1000 elements asks at every step)."""

    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.xs = sorted(self.xs)
        self.ys = sorted(self.ys)


def targets(doc: Document, others: list[Box]) -> Targets:
    """The guides, the artboard's edges and centre, and the edges and centres of ``others``."""
    xs = [g.position for g in doc.guides if g.orientation == "vertical"]
    ys = [g.position for g in doc.guides if g.orientation != "vertical"]
    xs += [0.0, doc.width / 2, doc.width]
    ys += [0.0, doc.height / 2, doc.height]
    for box in others:
        xs += [box.x, box.center[0], box.right]
        ys += [box.y, box.center[1], box.bottom]
    return Targets(xs, ys)


def nearest(lines: list[float], value: float) -> float | None:
    """The line of sorted ``lines`` nearest to ``value`` (None when there is none)."""
    i = bisect_left(lines, value)
    near = [lines[j] for j in (i - 1, i) if 0 <= j < len(lines)]
    return min(near, key=lambda line: abs(line - value)) if near else None


def _best(edges: list[float], lines: list[float], distance: float) -> float | None:
    best: float | None = None
    for edge in edges:
        line = nearest(lines, edge)
        if line is None:
            continue
        delta = line - edge
        if abs(delta) <= distance and (best is None or abs(delta) < abs(best)):
            best = delta
    return best


def snap_box(
    box: Box, found: Targets, distance: float
) -> tuple[float, float, float | None, float | None]:
    """The correction ``(dx, dy)`` that brings the nearest edge or centre of ``box`` onto a line
    within ``distance``, and the lines snapped to (``None`` when nothing was near)."""
    dx = _best([box.x, box.center[0], box.right], found.xs, distance)
    dy = _best([box.y, box.center[1], box.bottom], found.ys, distance)
    line_x = None if dx is None else _line(box, dx, found.xs, "x")
    line_y = None if dy is None else _line(box, dy, found.ys, "y")
    return dx or 0.0, dy or 0.0, line_x, line_y


def _line(box: Box, delta: float, lines: list[float], axis: str) -> float:
    edges = [box.x, box.center[0], box.right] if axis == "x" else [box.y, box.center[1], box.bottom]
    near = [line for e in edges if (line := nearest(lines, e + delta)) is not None]
    return min(near, key=lambda v: min(abs(v - (e + delta)) for e in edges))


def snap_point(x: float, y: float, found: Targets, distance: float) -> tuple[float, float]:
    """A point (a shape's corner being drawn) pulled onto the nearest lines."""
    dx = _best([x], found.xs, distance)
    dy = _best([y], found.ys, distance)
    return x + (dx or 0.0), y + (dy or 0.0)
