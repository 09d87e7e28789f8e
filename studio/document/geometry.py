"""2-D affine transforms and boxes, in document millimetres.

A transform is the SVG matrix ``(a, b, c, d, e, f)``: ``x' = a x + c y + e``,
``y' = b x + d y + f``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m @ n``: apply ``n`` first, then ``m``."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def translate(tx: float, ty: float) -> Matrix:
    return (1.0, 0.0, 0.0, 1.0, tx, ty)


def scale(sx: float, sy: float | None = None) -> Matrix:
    return (sx, 0.0, 0.0, sx if sy is None else sy, 0.0, 0.0)


def rotate(degrees: float, cx: float = 0.0, cy: float = 0.0) -> Matrix:
    r = math.radians(degrees)
    cos, sin = math.cos(r), math.sin(r)
    rot = (cos, sin, -sin, cos, 0.0, 0.0)
    return multiply(translate(cx, cy), multiply(rot, translate(-cx, -cy)))


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def invert(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        raise ValueError("transform is not invertible")
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(ia * e + ic * f), -(ib * e + id_ * f))


def scale_factor(m: Matrix) -> float:
    """The mean linear scale of ``m`` (sqrt of |det|): how lengths such as stroke widths and
    font sizes grow under it."""
    a, b, c, d, _, _ = m
    return math.sqrt(abs(a * d - b * c))


def axis_scales(m: Matrix) -> tuple[float, float]:
    """Scale along x and along y (lengths of the transformed unit vectors)."""
    a, b, c, d, _, _ = m
    return math.hypot(a, b), math.hypot(c, d)


@dataclass(frozen=True)
class Box:
    """An axis-aligned box: ``x, y`` the top-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    def union(self, other: Box) -> Box:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def intersects(self, other: Box) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Box, tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def inflate(self, amount: float) -> Box:
        return Box(
            self.x - amount, self.y - amount, self.width + 2 * amount, self.height + 2 * amount
        )

    def transformed(self, m: Matrix) -> Box:
        corners = [apply(m, x, y) for x in (self.x, self.right) for y in (self.y, self.bottom)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def as_list(self) -> list[float]:
        return [self.x, self.y, self.width, self.height]


def bounds_of(points: list[tuple[float, float]]) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
