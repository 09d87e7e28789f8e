"""Computed style of SVG elements, as any SVG tool writes it.

The cascade, lowest to highest: inherited value, presentation attribute (``fill="red"``),
``<style>`` sheet rules by specificity (matched with cssselect2, as CairoSVG does), then the
``style=""`` attribute. Only the properties the checks read are computed; ``!important`` and
media queries are ignored (rare in artwork files).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import cssselect2
import tinycss2

SVG_NS = "http://www.w3.org/2000/svg"

INHERITED = frozenset(
    {
        "fill",
        "stroke",
        "stroke-width",
        "fill-opacity",
        "stroke-opacity",
        "visibility",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "letter-spacing",
        "color",
    }
)
NOT_INHERITED = frozenset(
    {
        "opacity",
        "display",
        "clip-path",
        "mask",
        "vector-effect",
        "filter",
        "stop-color",
        "stop-opacity",
        "overflow",
        "mask-type",
    }
)
PROPERTIES = INHERITED | NOT_INHERITED
INITIAL = {
    "fill": "black",
    "stroke": "none",
    "stroke-width": "1",
    "fill-opacity": "1",
    "stroke-opacity": "1",
    "visibility": "visible",
    "font-family": "serif",
    "font-size": "16",
    "font-weight": "400",
    "font-style": "normal",
    "text-anchor": "start",
    "letter-spacing": "0",
}


def parse_declarations(text: str) -> dict[str, str]:
    """``"fill:red; stroke : blue"`` -> ``{"fill": "red", "stroke": "blue"}``; the ``font``
    shorthand is expanded into the longhands it sets (in place, so order still counts)."""
    out: dict[str, str] = {}
    for decl in tinycss2.parse_declaration_list(text, skip_whitespace=True, skip_comments=True):
        if decl.type == "declaration":
            name = decl.lower_name
            if name in PROPERTIES:
                out[name] = tinycss2.serialize(decl.value).strip()
            elif name == "font":
                out.update(font_shorthand(tinycss2.serialize(decl.value).strip()))
    return out


_FONT_SIZE_TOKEN = re.compile(
    r"^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:[a-zA-Z]+|%)|0|"
    r"xx-small|x-small|small|medium|large|x-large|xx-large|larger|smaller)$",
    re.IGNORECASE,
)
_FONT_WEIGHTS = {"normal": "400", "bold": "700", "bolder": "700", "lighter": "300"}


def font_shorthand(value: str) -> dict[str, str]:
    """The longhands of a CSS ``font`` shorthand (``bold 12pt "Noto Sans", sans-serif``);
    nothing for system fonts (``caption``...) or what does not parse."""
    words = value.split()
    for i, word in enumerate(words):
        size, _, _line_height = word.partition("/")
        if not _FONT_SIZE_TOKEN.match(size) or i == len(words) - 1:
            continue
        family = " ".join(words[i + 1 :])
        if family.startswith("/"):  # "12pt / 1.2 Family"
            family = family.split(None, 2)[-1] if len(family.split()) > 2 else ""
        if not family:
            return {}
        out = {"font-size": size, "font-family": family, "font-style": "normal"}
        out["font-weight"] = "400"
        for before in words[:i]:
            low = before.lower()
            if low in ("italic", "oblique"):
                out["font-style"] = low
            elif low in _FONT_WEIGHTS:
                out["font-weight"] = _FONT_WEIGHTS[low]
            elif low.isdigit():
                out["font-weight"] = low
        return out
    return {}


@dataclass
class StyleSheet:
    """Rules from every ``<style>`` element, matched per element."""

    matcher: cssselect2.Matcher | None
    by_element: dict[int, dict[str, str]]

    def declared(self, node: ET.Element) -> dict[str, str]:
        return self.by_element.get(id(node), {})


def collect_stylesheet(root: ET.Element) -> StyleSheet:
    """Match every ``<style>`` rule against the tree once (cascade order kept)."""
    texts = [s.text or "" for s in root.iter(f"{{{SVG_NS}}}style")]
    if not any(t.strip() for t in texts):
        return StyleSheet(None, {})
    matcher = cssselect2.Matcher()
    order = 0
    for text in texts:
        rules = tinycss2.parse_stylesheet(text, skip_whitespace=True, skip_comments=True)
        for rule in rules:
            if rule.type != "qualified-rule":
                continue
            declarations = parse_declarations(tinycss2.serialize(rule.content))
            if not declarations:
                continue
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue
            for selector in selectors:
                matcher.add_selector(selector, (order, declarations))
                order += 1
    by_element: dict[int, dict[str, str]] = {}
    for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        matches = matcher.match(wrapper)
        if not matches:
            continue
        merged: dict[str, str] = {}
        for _spec, _order, _pseudo, payload in sorted(matches, key=lambda m: (m[0], m[1])):
            merged.update(payload[1])
        by_element[id(wrapper.etree_element)] = merged
    return StyleSheet(matcher, by_element)


def compute_style(node: ET.Element, parent: dict[str, str], sheet: StyleSheet) -> dict[str, str]:
    """The element's computed properties given its parent's."""
    style = {k: v for k, v in parent.items() if k in INHERITED}
    own: dict[str, str] = {}
    for name in PROPERTIES:
        value = node.get(name)
        if value is not None:
            own[name] = value.strip()
    own.update(sheet.declared(node))
    if node.get("style"):
        own.update(parse_declarations(node.get("style", "")))
    for name, value in own.items():
        if value == "inherit":
            if name in parent:
                style[name] = parent[name]
            continue
        style[name] = value
    if "font-size" in own:
        style["font-size"] = str(font_size_user(own["font-size"], parent))
    return style


_NUMBER = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z%]*)\s*$")
USER_UNITS = {
    "": 1.0,
    "px": 1.0,
    "mm": 96 / 25.4,
    "cm": 960 / 25.4,
    "in": 96.0,
    "pt": 96 / 72,
    "pc": 16.0,
    "q": 96 / 101.6,
}
_FONT_KEYWORDS = {
    "xx-small": 9.0,
    "x-small": 10.0,
    "small": 13.0,
    "medium": 16.0,
    "large": 18.0,
    "x-large": 24.0,
    "xx-large": 32.0,
}


def length_user(text: str | None, font_size: float = 16.0, percent_of: float = 0.0) -> float:
    """An SVG length in user units (CSS px); ``None`` or nonsense gives 0."""
    if not text:
        return 0.0
    match = _NUMBER.match(text)
    if not match:
        return 0.0
    value, unit = float(match.group(1)), match.group(2).lower()
    if unit == "%":
        return value / 100 * percent_of
    if unit == "em":
        return value * font_size
    if unit == "ex":
        return value * font_size / 2
    return value * USER_UNITS.get(unit, 0.0)


def font_size_user(value: str, parent: dict[str, str]) -> float:
    parent_size = float(parent.get("font-size", INITIAL["font-size"]))
    value = value.strip().lower()
    if value in _FONT_KEYWORDS:
        return _FONT_KEYWORDS[value]
    if value == "larger":
        return parent_size * 1.2
    if value == "smaller":
        return parent_size / 1.2
    return length_user(value, parent_size, parent_size) or parent_size


def opacity_value(text: str | None) -> float:
    """``opacity``-like values: numbers or percentages, clamped to 0..1."""
    if text is None:
        return 1.0
    text = text.strip()
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return 1.0
    return min(1.0, max(0.0, value))


GENERIC_FAMILIES = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math", "emoji"}
)


def font_families(value: str) -> list[str]:
    """``"'Noto Sans', Arial, sans-serif"`` -> ``["Noto Sans", "Arial", "sans-serif"]``."""
    out = []
    for part in value.split(","):
        name = part.strip().strip("'\"").strip()
        if name:
            out.append(name)
    return out
