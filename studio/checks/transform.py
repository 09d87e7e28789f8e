"""SVG ``transform`` lists and viewport (``viewBox`` + ``preserveAspectRatio``) matrices."""

from __future__ import annotations

import math
import re

from studio.document.geometry import IDENTITY, Matrix, multiply, rotate, scale, translate

_FUNC = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)", re.IGNORECASE)
_NUM = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def parse_transform(text: str | None) -> Matrix:
    """The matrix of an SVG transform list (functions apply right to left, as SVG says);
    unknown or malformed functions are skipped."""
    if not text:
        return IDENTITY
    m = IDENTITY
    for name, args_text in _FUNC.findall(text):
        args = [float(v) for v in _NUM.findall(args_text)]
        step = _one(name.lower(), args)
        if step is not None:
            m = multiply(m, step)
    return m


def _one(name: str, a: list[float]) -> Matrix | None:
    if name == "matrix" and len(a) == 6:
        return (a[0], a[1], a[2], a[3], a[4], a[5])
    if name == "translate" and a:
        return translate(a[0], a[1] if len(a) > 1 else 0.0)
    if name == "scale" and a:
        return scale(a[0], a[1] if len(a) > 1 else None)
    if name == "rotate" and a:
        return rotate(a[0], *(a[1:3] if len(a) >= 3 else ()))
    if name == "skewx" and a:
        return (1.0, 0.0, math.tan(math.radians(a[0])), 1.0, 0.0, 0.0)
    if name == "skewy" and a:
        return (1.0, math.tan(math.radians(a[0])), 0.0, 1.0, 0.0, 0.0)
    return None


def viewport_matrix(
    view_box: tuple[float, float, float, float] | None,
    x: float,
    y: float,
    width: float,
    height: float,
    aspect: str | None,
) -> Matrix:
    """Map a ``viewBox`` onto the viewport ``x, y, width, height`` (SVG 1.1 §7.8)."""
    if view_box is None:
        return translate(x, y)
    vx, vy, vw, vh = view_box
    sx, sy = width / vw, height / vh
    words = (aspect or "xMidYMid meet").split()
    align = words[0] if words else "xMidYMid"
    if align == "none":
        return multiply(translate(x - vx * sx, y - vy * sy), scale(sx, sy))
    s = max(sx, sy) if len(words) > 1 and words[1] == "slice" else min(sx, sy)
    tx = x - vx * s
    ty = y - vy * s
    if "xMid" in align:
        tx += (width - vw * s) / 2
    elif "xMax" in align:
        tx += width - vw * s
    if "YMid" in align:
        ty += (height - vh * s) / 2
    elif "YMax" in align:
        ty += height - vh * s
    return (s, 0.0, 0.0, s, tx, ty)


def parse_view_box(text: str | None) -> tuple[float, float, float, float] | None:
    values = [float(v) for v in _NUM.findall(text or "")]
    if len(values) != 4 or values[2] <= 0 or values[3] <= 0:
        return None
    return values[0], values[1], values[2], values[3]


def is_distorted(m: Matrix, tolerance: float = 0.01) -> bool:
    """True when ``m`` stretches one axis more than the other or skews (not a similarity)."""
    a, b, c, d, _, _ = m
    sx, sy = math.hypot(a, b), math.hypot(c, d)
    if sx == 0 or sy == 0:
        return True
    if abs(sx - sy) / max(sx, sy) > tolerance:
        return True
    return abs(a * c + b * d) / (sx * sy) > tolerance
