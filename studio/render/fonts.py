"""CSS generic font families resolved to bundled fonts, and a last resort for the others.

resvg's Python binding cannot set its generic-family table (it defaults to Times New Roman,
Arial, Courier New... which a Linux machine rarely has), so ``serif`` would be drawn with
whatever the machine falls back to. We rewrite each generic name to ``'<bundled font>', generic``
in the sanitized tree: the export is the same on every machine, and the same fonts serve the
PDF's text-to-outline step. A list naming no generic family gets the default family last:
resvg draws no text at all when none of the named fonts is installed (browsers use their
default font), so ``font-family="Helvetica Neue"`` on a machine without it lost its text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

GENERIC_FAMILIES = {
    "serif": "Noto Serif",
    "sans-serif": "Noto Sans",
    "monospace": "Noto Mono",
    "cursive": "Yellowtail",
    "fantasy": "Sedgwick Ave Display",
}
#: Used where a document names no font at all; browsers default to a serif face.
DEFAULT_FAMILY = "Noto Serif"

_CSS_FAMILY = re.compile(r"(font-family\s*:\s*)([^;}]*)", re.IGNORECASE)


def resolve_family_list(value: str) -> str:
    """``"Foo, serif"`` → ``"Foo, 'Noto Serif', serif"``; ``"Foo"`` → ``"Foo, 'Noto Serif'"``.

    Idempotent: a list already resolved comes back unchanged."""
    names = [part.strip() for part in value.split(",") if part.strip()]
    if not names or any(n.lower() in ("inherit", "initial", "unset") for n in names):
        return value
    out: list[str] = []
    for name in names:
        bundled = GENERIC_FAMILIES.get(name.lower())
        if bundled and (not out or out[-1].strip("'\"") != bundled):
            out.append(f"'{bundled}'")
        out.append(name)
    if not any(n.lower() in GENERIC_FAMILIES for n in names) \
            and names[-1].strip("'\"") != DEFAULT_FAMILY:
        out.append(f"'{DEFAULT_FAMILY}'")
    return ", ".join(out)


def _resolve_css(css: str) -> str:
    return _CSS_FAMILY.sub(lambda m: m.group(1) + resolve_family_list(m.group(2)), css)


def resolve_generic_families(root: ET.Element) -> None:
    """Rewrite generic families in attributes, ``style`` attributes and ``<style>`` sheets."""
    for el in root.iter():
        family = el.get("font-family")
        if family is not None:
            el.set("font-family", resolve_family_list(family))
        style = el.get("style")
        if style and "font-family" in style:
            el.set("style", _resolve_css(style))
        is_sheet = el.tag.endswith("}style") or el.tag == "style"
        if is_sheet and el.text and "font-family" in el.text:
            el.text = _resolve_css(el.text)
