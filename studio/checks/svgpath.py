"""Outline points of SVG shapes, in the shape's own user space.

Every shape becomes a list of points on its outline (curves and arcs sampled), so that its box
after *any* transform is the box of the transformed points: a rotated ellipse gets its true,
tight box, not the box of a rotated box.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

Point = tuple[float, float]

_TOKEN = re.compile(r"[MmZzLlHhVvCcSsQqTtAa]|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
CURVE_STEPS = 8
MAX_PATH_TOKENS = 2_000_000


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    out = []
    for i in range(1, CURVE_STEPS + 1):
        t = i / CURVE_STEPS
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def _quad(p0: Point, p1: Point, p2: Point) -> list[Point]:
    out = []
    for i in range(1, CURVE_STEPS + 1):
        t = i / CURVE_STEPS
        u = 1 - t
        out.append(
            (
                u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
            )
        )
    return out


def _arc(
    p0: Point, rx: float, ry: float, phi_deg: float, large: bool, sweep: bool, p1: Point
) -> list[Point]:
    """SVG elliptical arc by the endpoint-to-centre conversion (SVG 1.1 appendix F.6)."""
    if p0 == p1:
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [p1]
    phi = math.radians(phi_deg % 360)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1p, y1p = cos * dx + sin * dy, -sin * dx + cos * dy
    lam = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    coef = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        coef = -coef
    cxp, cyp = coef * rx * y1p / ry, -coef * ry * x1p / rx
    cx = cos * cxp - sin * cyp + (p0[0] + p1[0]) / 2
    cy = sin * cxp + cos * cyp + (p0[1] + p1[1]) / 2

    def angle(ux: float, uy: float, vx: float, vy: float) -> float:
        return math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)

    t1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    dt = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and dt > 0:
        dt -= 2 * math.pi
    elif sweep and dt < 0:
        dt += 2 * math.pi
    steps = max(4, int(abs(dt) / (math.pi / 8)))
    out = []
    for i in range(1, steps + 1):
        t = t1 + dt * i / steps
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        out.append((cos * ex - sin * ey + cx, sin * ex + cos * ey + cy))
    return out


def path_points(d: str) -> list[Point]:
    """Points along a path's outline: every command, relative and absolute, with implicit
    repetitions, smooth curves and arcs. Malformed tails are ignored, as renderers do.
    Cached by ``d``: the live panel re-walks unchanged paths after every edit."""
    return list(_path_points(d))


@lru_cache(maxsize=4096)
def _path_points(d: str) -> tuple[Point, ...]:
    return tuple(_parse_points(d))


def _parse_points(d: str) -> list[Point]:
    tokens = _TOKEN.findall(d[: MAX_PATH_TOKENS * 8])
    points: list[Point] = []
    x = y = sx = sy = 0.0
    last_ctrl: Point | None = None
    last_op = ""
    i, n = 0, len(tokens)
    op = ""
    while i < n:
        tok = tokens[i]
        if tok.isalpha():
            op = tok
            i += 1
            if op in "Zz":
                x, y = sx, sy
                points.append((x, y))
                last_ctrl, last_op = None, "Z"
                continue
        elif not op or op in "Zz":
            break
        arity = _ARITY[op.upper()]
        args_raw = tokens[i : i + arity]
        if len(args_raw) < arity or any(a.isalpha() for a in args_raw):
            break
        a = [float(v) for v in args_raw]
        i += arity
        rel = op.islower()
        up = op.upper()
        ox, oy = (x, y) if rel else (0.0, 0.0)
        ctrl: Point | None = None
        if up == "M":
            x, y = a[0] + ox, a[1] + oy
            sx, sy = x, y
            points.append((x, y))
            op = "l" if rel else "L"
        elif up == "L":
            x, y = a[0] + ox, a[1] + oy
            points.append((x, y))
        elif up == "H":
            x = a[0] + (x if rel else 0.0)
            points.append((x, y))
        elif up == "V":
            y = a[0] + (y if rel else 0.0)
            points.append((x, y))
        elif up in "CS":
            if up == "C":
                c1 = (a[0] + ox, a[1] + oy)
                rest = a[2:]
            else:
                c1 = _reflect(last_ctrl, (x, y)) if last_op in "CS" else (x, y)
                rest = a
            c2 = (rest[0] + ox, rest[1] + oy)
            end = (rest[2] + ox, rest[3] + oy)
            points += _cubic((x, y), c1, c2, end)
            x, y = end
            ctrl = c2
        elif up in "QT":
            if up == "Q":
                c1 = (a[0] + ox, a[1] + oy)
                end = (a[2] + ox, a[3] + oy)
            else:
                c1 = _reflect(last_ctrl, (x, y)) if last_op in "QT" else (x, y)
                end = (a[0] + ox, a[1] + oy)
            points += _quad((x, y), c1, end)
            x, y = end
            ctrl = c1
        elif up == "A":
            end = (a[5] + ox, a[6] + oy)
            points += _arc((x, y), a[0], a[1], a[2], a[3] != 0, a[4] != 0, end)
            x, y = end
        last_ctrl, last_op = ctrl, up
    return points


def _reflect(ctrl: Point | None, about: Point) -> Point:
    if ctrl is None:
        return about
    return 2 * about[0] - ctrl[0], 2 * about[1] - ctrl[1]


def ellipse_points(cx: float, cy: float, rx: float, ry: float, steps: int = 32) -> list[Point]:
    return [
        (cx + rx * math.cos(2 * math.pi * i / steps), cy + ry * math.sin(2 * math.pi * i / steps))
        for i in range(steps)
    ]


def number_list(text: str | None) -> list[float]:
    return [float(t) for t in _TOKEN.findall(text or "") if not t.isalpha()]


def pairs(values: list[float]) -> list[Point]:
    return [(values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
