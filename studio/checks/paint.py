"""SVG paint values: colours (every CSS syntax tools write) and ``url(#gradient)`` references."""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass


def _css_named_colours() -> dict[str, tuple[int, int, int]]:
    """The 148 CSS named colours (``rebeccapurple``, ``darkslategray``...), from Pillow's
    table: an element painted in a name we did not know would count as painting nothing."""
    from PIL import ImageColor

    out = {}
    for name in ImageColor.colormap:
        rgb = ImageColor.getrgb(name)
        out[name] = (int(rgb[0]), int(rgb[1]), int(rgb[2]))
    return out


NAMED = _css_named_colours()
_URL = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)['\"]?\s*\)\s*(.*)$")
_FUNC = re.compile(r"^(rgba?|hsla?)\(\s*([^)]*)\)$", re.IGNORECASE)


@dataclass(frozen=True)
class Paint:
    """A resolved paint: ``rgb`` for a flat colour, ``ref`` for a ``url(#id)``, ``alpha`` the
    colour's own alpha (``rgba()``, ``#rrggbbaa``)."""

    rgb: tuple[int, int, int] | None = None
    alpha: float = 1.0
    ref: str | None = None
    fallback: tuple[int, int, int] | None = None

    @property
    def hex(self) -> str | None:
        if self.rgb is None:
            return None
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)


NONE = Paint()


def parse_paint(value: str | None, current: str | None = None) -> Paint:
    """Parse a ``fill``/``stroke`` value; unknown syntax counts as no paint."""
    if value is None:
        return NONE
    value = value.strip()
    low = value.lower()
    if low in ("none", "transparent", ""):
        return NONE
    match = _URL.match(value)
    if match:
        fallback = parse_color(match.group(2)) if match.group(2) else None
        return Paint(ref=match.group(1), fallback=fallback[0] if fallback else None)
    if low == "currentcolor":
        return parse_paint(current or "black")
    parsed = parse_color(value)
    if parsed is None:
        return NONE
    return Paint(rgb=parsed[0], alpha=parsed[1])


def parse_color(value: str) -> tuple[tuple[int, int, int], float] | None:
    """``(rgb, alpha)`` for a CSS colour, or ``None``."""
    text = value.strip().lower()
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        if len(digits) not in (6, 8) or not re.fullmatch(r"[0-9a-f]+", digits):
            return None
        rgb = (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return rgb, alpha
    if text in NAMED:
        return NAMED[text], 1.0
    match = _FUNC.match(text)
    if not match:
        return None
    parts = [p for p in re.split(r"[\s,/]+", match.group(2)) if p]
    if len(parts) < 3:
        return None
    try:
        alpha = _channel(parts[3], 1.0) if len(parts) > 3 else 1.0
        if match.group(1).startswith("rgb"):
            r, g, b = (round(_channel(p, 255.0) * 255) for p in parts[:3])
            rgb = (r, g, b)
        else:
            h = float(parts[0].removesuffix("deg")) / 360 % 1.0
            s, lightness = _channel(parts[1], 1.0), _channel(parts[2], 1.0)
            fr, fg, fb = colorsys.hls_to_rgb(h, lightness, s)
            rgb = (round(fr * 255), round(fg * 255), round(fb * 255))
    except ValueError:
        return None
    r, g, b = (min(255, max(0, int(c))) for c in rgb)
    return (r, g, b), min(1.0, max(0.0, alpha))


def _channel(text: str, scale: float) -> float:
    """A colour channel as 0..1: ``50%`` or a number on ``scale``."""
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text) / scale
