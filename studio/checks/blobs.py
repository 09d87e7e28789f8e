"""Keeping embedded images out of the XML parser's way.

A print design embeds its photos as ``data:`` URIs: megabytes of base64 inside one attribute.
Parsing, walking and re-serialising them for every check (and every live re-check) costs
more than the checks themselves, so they are swapped for short content-addressed keys
before parsing and put back only in the SVG handed to the renderer.
"""

from __future__ import annotations

import hashlib
import re

_DATA = re.compile(rb"""(href\s*=\s*)(["'])(data:[^"']{1024,})\2""")
PREFIX = "motif-blob:"


def stash(svg: bytes) -> tuple[bytes, dict[str, str]]:
    """``svg`` with every large ``data:`` href replaced by a key, and the key -> href map."""
    blobs: dict[str, str] = {}

    def swap(match: re.Match[bytes]) -> bytes:
        value = match.group(3)
        key = f"{PREFIX}{hashlib.sha1(value).hexdigest()}:"
        blobs[key] = value.decode("ascii", "replace")
        return match.group(1) + match.group(2) + key.encode() + match.group(2)

    return _DATA.sub(swap, svg), blobs


def restore(svg: bytes, blobs: dict[str, str]) -> bytes:
    """Put the original hrefs back (only those still present)."""
    for key, value in blobs.items():
        token = key.encode()
        if token in svg:
            svg = svg.replace(token, value.encode("ascii", "replace"))
    return svg
