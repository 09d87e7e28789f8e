"""CSS generic font families resolved to bundled fonts.

resvg's Python binding cannot set its generic-family table (it defaults to Times New Roman,
Arial, Courier New... which a Linux machine rarely has), so ``serif`` would be drawn with
whatever the machine falls back to. We rewrite each generic name to ``'<bundled font>', generic``
in the sanitized tree: the export is the same on every machine, and the same fonts serve the
PDF's text-to-outline step.
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
    """``"Foo, serif"`` → ``"Foo, 'Noto Serif', serif"``."""
    out = []
    for part in value.split(","):
        name = part.strip()
        bundled = GENERIC_FAMILIES.get(name.lower())
        out.append(f"'{bundled}', {name}" if bundled else name)
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
