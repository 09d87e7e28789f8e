"""Attribute and CSS values resvg 0.47 misreads, rewritten (see :mod:`studio.render.compat`).

* Lengths in ``Q`` (a quarter millimetre), ``rem`` (the root's font size), ``ch`` (the advance
  of "0" in the element's font), ``vw``/``vh``/``vmin``/``vmax`` (hundredths of the root's
  viewport: the document drawn at its own size, as an image is) become user units. resvg
  drops such values, so a ``width="4.3rem"`` rectangle was not drawn at all.
* ``rgb()``/``rgba()``/``hsl()``/``hsla()`` with a percentage alpha or the CSS Color 4 slash
  (``rgb(0 127 0 / 50%)``) become the comma form with a number alpha; resvg drew them black.
* ``icc-color(...)`` after a paint is dropped: resvg rejects the whole paint (black), where
  SVG 1.1 says to use the sRGB colour before it when the profile is not known (we know none).
* ``hsl()``/``hsla()`` become ``rgb()``/``rgba()``, and a paint linking to no paint server
  becomes its fallback colour: CairoSVG (the PDF's vector path) drew both black.
* A numeric ``font-weight`` that is not a multiple of 100 (CSS Fonts 4: ``650``) becomes the
  multiple of 100 that CSS font matching treats the same way when faces come in hundreds (up
  above 400, down below it); resvg ignored it and drew the regular face.
"""

from __future__ import annotations

import colorsys
import functools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from studio.safety.svg_size import CSS_PX_PER_UNIT
from studio.safety.xml import split_tag

#: Attributes (and CSS properties) whose value is a length or a list of lengths.
LENGTH_NAMES = frozenset({
    "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "fx", "fy", "fr",
    "x1", "y1", "x2", "y2", "dx", "dy", "stroke-width", "stroke-dasharray",
    "stroke-dashoffset", "font-size", "letter-spacing", "word-spacing", "startOffset",
    "refX", "refY", "markerWidth", "markerHeight", "textLength", "baseline-shift",
})
COLOUR_NAMES = frozenset({"fill", "stroke", "stop-color", "flood-color", "lighting-color",
                          "color"})
#: CSS ``medium``: what ``rem`` is when the root sets no font size.
DEFAULT_FONT_PX = 16.0

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_FOREIGN_UNIT = re.compile(rf"(?<![\w.#-])({_NUMBER})(Q|rem|ch|vw|vh|vmin|vmax)(?![\w%-])")
_COLOUR_FN = re.compile(r"\b(rgba?|hsla?)\(([^()]*)\)", re.IGNORECASE)
_ICC = re.compile(r"\s*icc-color\([^()]*\)", re.IGNORECASE)
_DECL = re.compile(r"([\w-]+)(\s*:\s*)([^;]*)")
_SHEET_DECL = re.compile(r"([\w-]+)(\s*:\s*)([^;{}]*)")
_FONT_SIZE_DECL = re.compile(r"(?:^|;)\s*font-size\s*:\s*([^;]+)", re.IGNORECASE)
_FONT_FAMILY_DECL = re.compile(r"(?:^|;)\s*font-family\s*:\s*([^;]+)", re.IGNORECASE)
_FONT_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0,
                  "large": 18.0, "x-large": 24.0, "xx-large": 32.0}


class _Context:
    """What the foreign units are relative to, for one document."""

    def __init__(self, root: ET.Element, viewport: tuple[float, float]) -> None:
        self.viewport = viewport
        self.parents = {child: parent for parent in root.iter() for child in parent}
        self.sizes: dict[int, float] = {}
        self.root_size = self.font_size(root)

    def font_size(self, el: ET.Element) -> float:
        """``el``'s computed font size in px (numbers, absolute units, em, %, keywords)."""
        key = id(el)
        if key in self.sizes:
            return self.sizes[key]
        parent = self.parents.get(el)
        inherited = self.font_size(parent) if parent is not None else DEFAULT_FONT_PX
        size = inherited
        value = _own(el, "font-size", _FONT_SIZE_DECL)
        if value:
            size = _font_px(value.strip().lower(), inherited,
                            self.root_size if parent is not None else DEFAULT_FONT_PX)
        self.sizes[key] = size
        return size

    def family(self, el: ET.Element) -> str:
        node: ET.Element | None = el
        while node is not None:
            value = _own(node, "font-family", _FONT_FAMILY_DECL)
            if value:
                return value
            node = self.parents.get(node)
        return ""

    def px(self, number: float, unit: str, el: ET.Element | None) -> float:
        w, h = self.viewport
        if unit == "Q":
            return number * CSS_PX_PER_UNIT["q"]
        if unit == "rem":
            return number * self.root_size
        if unit == "ch":
            size = self.font_size(el) if el is not None else self.root_size
            family = self.family(el) if el is not None else ""
            return number * size * zero_advance_em(family)
        base = {"vw": w, "vh": h, "vmin": min(w, h), "vmax": max(w, h)}[unit]
        return number * base / 100.0


def _own(el: ET.Element, name: str, decl: re.Pattern[str]) -> str | None:
    match = decl.search(el.get("style", ""))
    return match.group(1) if match else el.get(name)


def _font_px(value: str, inherited: float, root: float) -> float:
    if value in _FONT_KEYWORDS:
        return _FONT_KEYWORDS[value]
    match = re.fullmatch(rf"({_NUMBER})\s*([a-z%]*)", value, re.IGNORECASE)
    if not match:
        return inherited
    number, unit = float(match.group(1)), match.group(2)
    if unit in ("", "px"):
        return number
    if unit == "em":
        return number * inherited
    if unit == "ex":
        return number * inherited / 2.0
    if unit == "%":
        return number * inherited / 100.0
    if unit == "rem":
        return number * root
    factor = CSS_PX_PER_UNIT.get(unit.lower())
    return number * factor if factor is not None else inherited


@functools.cache
def zero_advance_em(family: str) -> float:
    """The advance of "0" in ``family``'s regular face, in em; CSS's 0.5em when unknown."""
    from fontTools.ttLib import TTFont

    from studio.render.raster import font_dirs
    from studio.render.textpaths import SYSTEM_FONT_DIRS, font_index, match_face

    face = match_face(font_index(tuple([*font_dirs(), *SYSTEM_FONT_DIRS])), family, 400, False)
    if face is None:
        return 0.5
    try:
        font = TTFont(face.path, fontNumber=face.index, lazy=True)
        glyph = font.getBestCmap().get(ord("0"))
        if glyph is None:
            return 0.5
        return float(font["hmtx"][glyph][0]) / float(font["head"].unitsPerEm)
    except Exception:  # a broken font file on the machine is not the document's fault
        return 0.5


def _format(value: float) -> str:
    return format(round(value, 4), "g")


def rewrite_lengths(text: str, ctx: _Context, el: ET.Element | None) -> str:
    """``"4.3rem"`` → ``"137.6"`` for every foreign-unit length in ``text``."""
    if el is None:  # a style sheet: no element to take the font from
        return _FOREIGN_UNIT.sub(
            lambda m: m.group(0) if m.group(2) == "ch"
            else _format(ctx.px(float(m.group(1)), m.group(2), None)), text)
    return _FOREIGN_UNIT.sub(lambda m: _format(ctx.px(float(m.group(1)), m.group(2), el)), text)


_HUE_UNITS = {"": 1.0, "deg": 1.0, "grad": 0.9, "rad": 180.0 / math.pi, "turn": 360.0}


def _hsl_to_rgb(hue: str, saturation: str, lightness: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(rf"({_NUMBER})(deg|grad|rad|turn)?", hue.lower())
    if match is None or not saturation.endswith("%") or not lightness.endswith("%"):
        return None
    try:
        h = float(match.group(1)) * _HUE_UNITS[match.group(2) or ""] % 360.0 / 360.0
        sat = min(1.0, max(0.0, float(saturation[:-1]) / 100.0))
        light = min(1.0, max(0.0, float(lightness[:-1]) / 100.0))
    except ValueError:
        return None
    r, g, b = colorsys.hls_to_rgb(h, light, sat)
    return round(r * 255), round(g * 255), round(b * 255)


def rewrite_colour(text: str) -> str:
    """Colour functions resvg or CairoSVG misread, in the comma form with a number alpha.

    ``rgb()`` with a percentage alpha or the slash syntax; every ``hsl()``/``hsla()`` (as
    ``rgb()``: CairoSVG, the PDF path, reads no hsl); ``icc-color()`` dropped."""
    text = _ICC.sub("", text) if "icc-color" in text.lower() else text

    def fix(match: re.Match[str]) -> str:
        name, args = match.group(1).lower().rstrip("a"), match.group(2)
        parts = [p for p in re.split(r"[\s,/]+", args.strip()) if p]
        if len(parts) not in (3, 4):
            return match.group(0)
        if name == "rgb" and not ("/" in args or (len(parts) == 4 and parts[3].endswith("%"))):
            return match.group(0)
        alpha = parts[3] if len(parts) == 4 else None
        if alpha is not None and alpha.endswith("%"):
            try:
                alpha = _format(float(alpha[:-1]) / 100.0)
            except ValueError:
                return match.group(0)
        channels = parts[:3]
        if name == "hsl":
            rgb = _hsl_to_rgb(*channels)
            if rgb is None:
                return match.group(0)
            channels = [str(c) for c in rgb]
        if alpha is None:
            return f"rgb({', '.join(channels)})"
        return f"rgba({', '.join(channels)}, {alpha})"

    return _COLOUR_FN.sub(fix, text)


def css3_weight(value: str) -> str:
    """``"650"`` → ``"700"``, ``"350"`` → ``"300"``, ``"450"`` → ``"500"``; others unchanged."""
    try:
        weight = float(value.strip())
    except ValueError:
        return value
    if not 1 <= weight <= 1000 or (weight % 100 == 0 and weight <= 900):
        return value
    hundreds = math.floor(weight / 100) if weight < 400 else math.ceil(weight / 100)
    return str(min(900, max(100, hundreds * 100)))


def _needs(value: str) -> bool:
    low = value.lower()
    return bool(_FOREIGN_UNIT.search(value)) or "%" in value or "/" in value or "icc-color" in low


def _rewrite_declarations(css: str, pattern: re.Pattern[str],
                          fix: Callable[[str, str], str]) -> str:
    return pattern.sub(lambda m: m.group(1) + m.group(2) + fix(m.group(1), m.group(3)), css)


_PAINT_FALLBACK = re.compile(r"\s*url\(\s*['\"]?#([^)'\"\s]+)['\"]?\s*\)\s+(\S.*?)\s*")
_PAINT_SERVERS = ("linearGradient", "radialGradient", "pattern")


def _paint_fallbacks(root: ET.Element) -> None:
    """``fill="url(#missing) green"`` → ``fill="green"``: the fallback the spec says to use
    when the link leads to no paint server (CairoSVG, the PDF path, drew black)."""
    servers = {el.get("id") for el in root.iter() if split_tag(el.tag)[1] in _PAINT_SERVERS}

    def fix(value: str) -> str:
        match = _PAINT_FALLBACK.fullmatch(value)
        return match.group(2) if match and match.group(1) not in servers else value

    for el in root.iter():
        for name in ("fill", "stroke"):
            value = el.get(name)
            if value and "url(" in value:
                el.set(name, fix(value))
        style = el.get("style")
        if style and "url(" in style:
            el.set("style", _rewrite_declarations(
                style, _DECL, lambda n, v: fix(v) if n.strip() in ("fill", "stroke") else v))


def rewrite_values(root: ET.Element, viewport: tuple[float, float]) -> None:
    """Apply the length and colour rewrites to attributes, ``style`` and ``<style>``."""
    _paint_fallbacks(root)
    ctx = _Context(root, viewport)

    def fix(name: str, value: str, el: ET.Element | None) -> str:
        if not _needs(value):
            return value
        if name in LENGTH_NAMES:
            return rewrite_lengths(value, ctx, el)
        if name in COLOUR_NAMES:
            return rewrite_colour(value)
        return value

    def fix_any(name: str, value: str, el: ET.Element | None) -> str:
        return css3_weight(value) if name == "font-weight" else fix(name, value, el)

    def in_sheet(name: str, value: str) -> str:
        return fix_any(name.strip(), value, None)

    for el in root.iter():
        def in_style(name: str, value: str, el: ET.Element = el) -> str:
            return fix_any(name.strip(), value, el)

        for key, value in list(el.attrib.items()):
            name = split_tag(key)[1]
            if name == "style":
                new = _rewrite_declarations(value, _DECL, in_style)
            else:
                new = fix_any(name, value, el)
            if new != value:
                el.set(key, new)
        if split_tag(el.tag)[1] == "style" and el.text:
            el.text = _rewrite_declarations(el.text, _SHEET_DECL, in_sheet)
