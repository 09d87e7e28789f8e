"""Numbers, lengths and sizes written the way the reader's language writes them.

French writes ``12,5 mm`` and ``1,2 Mo`` where English writes ``12.5 mm`` and ``1.2 MB``; a
creator reading a check message or a dimension field should not have to translate a decimal
point in their head. The locale follows the interface language (:func:`studio.i18n.
current_language`) unless one is given. Formatting uses Babel's CLDR data (the same tables
browsers and ICU use), so other languages come right without code here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal as _format_decimal
from babel.numbers import format_percent as _format_percent

from studio.i18n import _, current_language

# Units a length can be shown in, with how many decimals each deserves by default.
UNIT_DECIMALS = {"mm": 1, "cm": 2, "in": 3, "pt": 1, "px": 0}


def locale_for(language: str | None = None) -> Locale:
    """The Babel locale of ``language`` (default: the interface language); English if unknown."""
    code = language or current_language()
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


_DECIMAL_SIGN = {"en": ".", "fr": ","}


def format_number(
    value: float, decimals: int = 2, language: str | None = None, grouping: bool = True
) -> str:
    """``1234.5`` -> ``1,234.5`` (en), ``1 234,5`` (fr); at most ``decimals`` decimals.
    ``grouping=False`` leaves thousands unseparated (``1080 px``, as dimensions are written)."""
    # Round half up on the decimal digits a person reads (15.0625 in -> 15.063, 2.675 -> 2.68),
    # not half-even on the binary float as Babel would.
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    code = (language or current_language()).split("_")[0].split("-")[0]
    if not grouping and code in _DECIMAL_SIGN:
        # The two languages we ship, without Babel's locale data (loading it costs the app's
        # window most of a second at start-up).
        text = format(rounded.normalize() if rounded == rounded.to_integral() else rounded, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", _DECIMAL_SIGN[code])
    pattern = ("#,##0" if grouping else "0") + ("." + "#" * decimals if decimals > 0 else "")
    return str(_format_decimal(rounded, format=pattern, locale=locale_for(language)))


def format_length(
    value: float, unit: str, decimals: int | None = None, language: str | None = None
) -> str:
    """``format_length(12.5, "mm")`` -> ``12.5 mm`` (en), ``12,5 mm`` (fr).

    Trailing zeros are dropped (``12 mm``, not ``12.0 mm``); ``decimals`` defaults to what the
    unit deserves (a tenth of a millimetre, a thousandth of an inch, whole pixels).
    """
    places = UNIT_DECIMALS.get(unit, 2) if decimals is None else decimals
    return f"{format_number(value, places, language)} {unit}"


def format_percent(fraction: float, decimals: int = 0, language: str | None = None) -> str:
    """``0.125`` -> ``12%`` (en), ``12 %`` (fr; French puts a space before the sign)."""
    locale = locale_for(language)
    pattern = locale.percent_formats[None].pattern  # where the sign goes: "#,##0 %" in French
    if decimals > 0:
        pattern = pattern.replace("0", "0." + "#" * decimals, 1)
    return str(_format_percent(fraction, format=pattern, locale=locale))


def format_file_size(size: int) -> str:
    """``1_250_000`` -> ``1.3 MB`` (en), ``1,3 Mo`` (fr): decimal units, as file managers show.

    The unit names are translated strings, so this follows the interface language."""
    units = (_("{n} bytes"), _("{n} kB"), _("{n} MB"), _("{n} GB"))
    value, index = float(size), 0
    while value >= 1000 and index < len(units) - 1:
        value, index = value / 1000, index + 1
    return units[index].format(n=format_number(value, 0 if index == 0 else 1))
