"""Third-party assets in a design and the licences declared for them.

Placed images and imported SVG art are listed with their SHA-256 and the licence they declare:
an SVG's RDF metadata (``cc:license``, ``dc:rights``) or an image's text chunks / EXIF
copyright. The brand's own required elements are marked as supplied with the brief. Anything
else is ``"undeclared"``, so the brand sees what still needs clearing.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import Any

from studio.design import Design
from studio.document.model import Image, SvgArt

UNDECLARED = "undeclared"
_RDF = re.compile(
    r"<(?:\w+:)?(?:license|rights)\b[^>]*?(?:rdf:resource=\"([^\"]+)\"[^>]*)?/?>"
    r"(?:(?:\s*<[^>]+>)*\s*([^<]+))?",
    re.I,
)


def third_party_assets(design: Design) -> list[dict[str, Any]]:
    doc = design.document
    if doc is None:
        return []
    out = []
    for e in doc.walk():
        if isinstance(e, Image):
            digest, licence = hashlib.sha256(e.data).hexdigest(), _image_licence(e.data)
        elif isinstance(e, SvgArt):
            digest = e.asset_sha256 or hashlib.sha256(e.markup.encode()).hexdigest()
            licence = _svg_licence(e.markup)
        else:
            continue
        if e.required and licence == UNDECLARED:
            licence = f"brand asset supplied with the brief (required element {e.required!r})"
        out.append({"element": e.id, "name": e.name or e.id, "sha256": digest, "licence": licence})
    return out


def _svg_licence(markup: str) -> str:
    for match in _RDF.finditer(markup):
        value = (match.group(1) or match.group(2) or "").strip()
        if value:
            return value
    return UNDECLARED


def _image_licence(data: bytes) -> str:
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as im:
            for key in ("License", "Licence", "Copyright", "Rights"):
                value = im.info.get(key) or getattr(im, "text", {}).get(key)
                if value:
                    return str(value)
            copyright_tag = im.getexif().get(0x8298)
            if copyright_tag:
                return str(copyright_tag)
    except (OSError, ValueError, SyntaxError):
        pass
    return UNDECLARED
