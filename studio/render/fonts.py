"""CSS generic font families resolved to bundled fonts, and a last resort for the others.

resvg's Python binding cannot set its generic-family table (it defaults to Times New Roman,
Arial, Courier New... which a Linux machine rarely has), so ``serif`` would be drawn with
whatever the machine falls back to. We rewrite each generic name to ``'<bundled font>', generic``
in the SVG the renderer gets: the export is the same on every machine, and the same fonts serve
the PDF's text-to-outline step. A list naming no generic family gets the default family last:
resvg draws no text at all when none of the named fonts is installed (browsers use their
default font), so ``font-family="Helvetica Neue"`` on a machine without it lost its text.
"""

from __future__ import annotations

import re

GENERIC_FAMILIES = {
    "serif": "Noto Serif",
    "sans-serif": "Noto Sans",
    "monospace": "Noto Mono",
    "cursive": "Yellowtail",
    "fantasy": "Sedgwick Ave Display",
}
#: Used where a document names no font at all; browsers default to a serif face.
DEFAULT_FAMILY = "Noto Serif"


def resolve_family_list(value: str) -> str:
    """``"Foo, serif"`` → ``"Foo, 'Noto Serif', serif"``; ``"Foo"`` → ``"Foo, 'Noto Serif'"``.

    Idempotent: a list already resolved comes back unchanged."""
    names = [part.strip() for part in value.split(",") if part.strip()]
    if not names or "!" in value or any(n.lower() in ("inherit", "initial", "unset")
                                        for n in names):
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


_FAMILY_AT = re.compile(rb"font-family(\s*)([=:])")
_ATTR_VALUE = re.compile(rb'\s*"([^"]*)"')
_CSS_VALUE = re.compile(rb"\s*([^;}\"<]*)")


def _context(svg: bytes, at: int) -> str:
    """Where position ``at`` of serialized SVG is: ``"tag"``, ``"sheet"`` or ``"text"``."""
    opened, closed = svg.rfind(b"<", 0, at), svg.rfind(b">", 0, at)
    if opened > closed:
        return "tag"
    return "sheet" if svg.startswith(b"<style", opened) else "text"


def resolve_families_in_markup(svg: bytes) -> bytes:
    """:func:`resolve_family_list` on every ``font-family`` of serialized SVG, at render time.

    Done on the bytes the renderer gets, not on the stored document, so the checks still see
    the families the author wrote (a bare ``sans-serif`` is not a font the brief allows).
    Serialized SVG has double-quoted attributes; text content is never touched."""
    if b"font-family" not in svg:
        return svg
    out: list[bytes] = []
    pos = 0
    for match in _FAMILY_AT.finditer(svg):
        where = _context(svg, match.start())
        value_at = match.end()
        if where == "text" or (where == "sheet" and match.group(2) == b"="):
            continue
        pattern = _ATTR_VALUE if match.group(2) == b"=" else _CSS_VALUE
        value = pattern.match(svg, value_at)
        if value is None or value.start(1) < pos:
            continue
        text = value.group(1).decode("utf-8", "replace")
        out += [svg[pos:value.start(1)], resolve_family_list(text).encode("utf-8")]
        pos = value.end(1)
    out.append(svg[pos:])
    return b"".join(out)
