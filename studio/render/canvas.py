"""Make a document's own canvas the output size, so the renderer draws it straight at that size.

svg2png-py's raw-pixel call (no PNG encode and decode inside the render: 1.0 s instead of 6.5 s
for the 24 MP benchmark motif) always draws at the document's intrinsic size. So the root gets
``width``/``height`` of the output and a viewBox equal to the user-space rectangle its old
viewport showed (folding in its ``preserveAspectRatio`` letterboxing or slicing), with
``preserveAspectRatio="none"``: the same picture stretched exactly to the requested pixels, as
scaling the old canvas by ``(width / old_width, height / old_height)`` would give.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from studio.errors import InputError
from studio.safety.svg_size import parse_css_length, root_size_px, view_box

_ALIGN = {"Min": 0.0, "Mid": 0.5, "Max": 1.0}


def shown_user_rect(root: ET.Element) -> tuple[float, float, float, float]:
    """The user-space rectangle the root's viewport shows: ``(x, y, width, height)``."""
    cw, ch = root_size_px(root)
    vb = view_box(root)
    if vb is None:
        return (0.0, 0.0, cw, ch)
    vx, vy, vw, vh = vb
    par = (root.get("preserveAspectRatio") or "xMidYMid meet").split()
    align = par[0] if par else "xMidYMid"
    if align == "none" or len(align) != 8:
        return vb
    scale = (max if len(par) > 1 and par[1] == "slice" else min)(cw / vw, ch / vh)
    ax, ay = _ALIGN.get(align[1:4], 0.5), _ALIGN.get(align[5:8], 0.5)
    ew, eh = cw / scale, ch / scale
    return (vx - (ew - vw) * ax, vy - (eh - vh) * ay, ew, eh)


def fit_root(root: ET.Element, width_px: int, height_px: int) -> None:
    """Set the root's canvas to ``width_px`` x ``height_px`` showing the same picture.

    A root whose own width or height is zero or negative draws nothing (resvg refuses it), so
    that stays an InputError rather than being papered over by the new size.
    """
    for name in ("width", "height"):
        length = parse_css_length(root.get(name))
        if length is not None and length[0] <= 0:
            raise InputError(None, f"the renderer cannot draw this SVG (its {name} is "
                                   f"{root.get(name)})")
    x, y, w, h = shown_user_rect(root)
    root.set("viewBox", f"{x!r} {y!r} {w!r} {h!r}")
    root.set("preserveAspectRatio", "none")
    root.set("width", str(width_px))
    root.set("height", str(height_px))


_ROOT_TAG = re.compile(rb"""<svg\b(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SIZING_ATTR = re.compile(
    rb"""\s(?:width|height|viewBox|preserveAspectRatio)\s*=\s*(?:"[^"]*"|'[^']*')"""
)


def fit_root_text(svg: bytes, width_px: int, height_px: int) -> bytes | None:
    """:func:`fit_root` done on the root's start tag alone, without parsing the document.

    The tiles of a live re-check and every export pass megabytes of SVG (embedded photos):
    parsing all of it only to change four attributes of the root cost more than drawing a tile.
    Returns None where the text is not plain enough to do it safely (a DOCTYPE, no ``<svg``
    root first), and the caller parses instead."""
    match = _ROOT_TAG.search(svg)
    if match is None or b"<!DOCTYPE" in svg[: match.start()] or b"<" in _prolog(svg, match):
        return None
    tag = match.group(0)
    self_closing = tag.endswith(b"/>")
    try:
        root = ET.fromstring(tag if self_closing else tag + b"</svg>")
    except ET.ParseError:
        return None
    fit_root(root, width_px, height_px)
    names = ("width", "height", "viewBox", "preserveAspectRatio")
    sizing = " ".join(f'{name}="{root.get(name)}"' for name in names).encode()
    kept = _SIZING_ATTR.sub(b"", tag[:-2] if self_closing else tag[:-1])
    new_tag = kept + b" " + sizing + (b"/>" if self_closing else b">")
    return svg[: match.start()] + new_tag + svg[match.end() :]


def _prolog(svg: bytes, match: re.Match[bytes]) -> bytes:
    """What stands before the root, less the XML declaration and comments (must be empty)."""
    head = re.sub(rb"<\?xml[^>]*\?>|<!--.*?-->", b"", svg[: match.start()], flags=re.S)
    return head.strip()
