"""Physical lengths as briefs write them (``"15in"``, ``"380mm"``, ``"300px"``).

The document works in millimetres internally: it is the unit printers think in and the one the
check report uses. ``px`` only means something with a DPI, so conversions that may meet pixels
take the DPI explicitly.
"""

from __future__ import annotations

import re

from studio.i18n import _

MM_PER_IN = 25.4
CSS_DPI = 96.0

_MM_PER_UNIT = {
    "mm": 1.0,
    "cm": 10.0,
    "in": MM_PER_IN,
    "pt": MM_PER_IN / 72.0,
    "pc": MM_PER_IN / 6.0,
    "q": 0.25,
}

_LENGTH = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z]*)\s*$")

UNITS = ("mm", "cm", "in", "pt", "pc", "px")


class LengthError(ValueError):
    """A length string that is not ``<number><unit>``."""


def parse_length(text: str) -> tuple[float, str]:
    """Split ``"12.5mm"`` into ``(12.5, "mm")``; the unit is lower-cased, never empty."""
    match = _LENGTH.match(text) if isinstance(text, str) else None
    if not match:
        raise LengthError(
            _("{text} is not a length like '15in' or '380mm'").format(text=repr(text))
        )
    value, unit = float(match.group(1)), match.group(2).lower()
    if unit not in UNITS:
        problem = _("{text} has unknown unit {unit} (use mm, cm, in, pt or px)")
        raise LengthError(problem.format(text=repr(text), unit=repr(unit)))
    return value, unit


def to_mm(value: float, unit: str, dpi: float) -> float:
    """Convert ``value unit`` to millimetres; ``px`` uses ``dpi``."""
    if unit == "px":
        return value * MM_PER_IN / dpi
    return value * _MM_PER_UNIT[unit]


def length_mm(text: str, dpi: float) -> float:
    """Parse a brief length and return it in millimetres."""
    value, unit = parse_length(text)
    # Rounded to the nanometre so 12in is 304.8 mm, not 304.79999999999995.
    return round(to_mm(value, unit, dpi), 6)


def mm_to_px(mm: float, dpi: float) -> float:
    """Millimetres to device pixels at ``dpi``."""
    return mm * dpi / MM_PER_IN


def px_to_mm(px: float, dpi: float) -> float:
    """Device pixels at ``dpi`` to millimetres."""
    return px * MM_PER_IN / dpi


def from_mm(mm: float, unit: str, dpi: float) -> float:
    """Millimetres to ``unit`` (for showing lengths in the brief's own units)."""
    if unit == "px":
        return mm_to_px(mm, dpi)
    return mm / _MM_PER_UNIT[unit]


def format_length(mm: float, unit: str, dpi: float, digits: int = 2) -> str:
    """A length for people, in ``unit`` and the reader's language: ``12.5 mm``, ``12,5 mm``."""
    from studio.l10n import format_number  # l10n imports i18n, as this module does

    # In the interface language: 12,5 mm in French (trailing zeros dropped either way).
    return f"{format_number(from_mm(mm, unit, dpi), digits, grouping=False)} {unit}"
