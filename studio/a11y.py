"""Colour contrast as WCAG 2 measures it, for the UI themes and for checks on designs.

WCAG 2.x success criteria 1.4.3 (text: 4.5:1, large text 3:1) and 1.4.11 (UI components and
graphics: 3:1) compare the relative luminance of two sRGB colours. Pure functions, no Qt: the
theme test, the GUI and a design check (text contrast in ad visuals) share them.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5
AA_LARGE_TEXT = 3.0
AA_NON_TEXT = 3.0
AAA_TEXT = 7.0

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(color: str) -> tuple[int, int, int]:
    """``#1d1d1f`` or ``#fff`` -> ``(r, g, b)`` in 0..255; ValueError otherwise."""
    match = _HEX.match(color.strip())
    if not match:
        raise ValueError(f"{color!r} is not a #rgb or #rrggbb colour")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance: 0 for black, 1 for white."""
    r, g, b = parse_hex(color)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(fg_hex: str, bg_hex: str) -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white); symmetric in its arguments."""
    a, b = relative_luminance(fg_hex), relative_luminance(bg_hex)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def meets_aa(fg_hex: str, bg_hex: str, large: bool = False) -> bool:
    """Whether text in ``fg_hex`` on ``bg_hex`` passes WCAG AA (large: 18 pt, or 14 pt bold)."""
    return contrast_ratio(fg_hex, bg_hex) >= (AA_LARGE_TEXT if large else AA_TEXT)
