"""Importing artwork and making a ready canvas from a brief."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage

from studio.brief import load_brief
from studio.document import namespaces as ns
from studio.document.from_brief import document_from_brief
from studio.document.importer import import_image, import_svg
from studio.document.model import Image, SvgArt
from studio.document.shapes import bounds
from studio.errors import InputError
from studio.safety.svg import parse_svg


def test_svg_import_takes_its_physical_size_and_prefixes_ids() -> None:
    data = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://ns.adobe.com/x" '
        b'width="96" height="48" i:junk="1"><defs><linearGradient id="g"/></defs>'
        b'<rect id="r" width="96" height="48" fill="url(#g)"/><i:pgf>x</i:pgf></svg>'
    )
    art = import_svg(data, "logo.svg")
    assert (art.width, art.height) == pytest.approx((25.4, 12.7))
    root = parse_svg(art.markup.encode(), "m")
    ids = [n.get("id") for n in root.iter() if n.get("id")]
    assert all(i.startswith("art-") for i in ids)
    rect = root.find(f"{ns.svg('rect')}")
    assert rect is not None and rect.get("fill") == f"url(#{ids[0]})"
    assert "adobe" not in art.markup and "junk" not in art.markup


def test_two_imports_never_share_ids() -> None:
    data = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g id="a"/></svg>'
    a, b = import_svg(data, "a.svg"), import_svg(data, "b.svg")
    assert a.markup != b.markup


def _png(w: int, h: int, dpi: int | None = None) -> bytes:
    out = io.BytesIO()
    kwargs = {"dpi": (dpi, dpi)} if dpi else {}
    PILImage.new("RGB", (w, h), "red").save(out, "PNG", **kwargs)
    return out.getvalue()


def test_image_import_keeps_pixels_and_uses_stored_dpi() -> None:
    data = _png(600, 300, dpi=150)
    image = import_image(data, "photo.png", dpi=300)
    assert image.data == data and (image.pixel_width, image.pixel_height) == (600, 300)
    assert image.width == pytest.approx(101.6) and image.effective_dpi == pytest.approx(150)


def test_image_import_refuses_garbage() -> None:
    with pytest.raises(InputError, match=r"photo\.png"):
        import_image(b"\x89PNG\r\n\x1a\nnope", "photo.png", dpi=300)


def test_brief_canvas_places_the_logo_locked_in_its_zone(fraise_brief_path: Path) -> None:
    brief = load_brief(fraise_brief_path)
    doc = document_from_brief(brief)
    assert (doc.width, doc.height, doc.dpi) == (304.8, 406.4, 300)
    logo = next(e for e in doc.walk() if e.required == "logo")
    assert isinstance(logo, SvgArt | Image) and logo.locked
    box = bounds(logo)
    zone = brief.rules.required[0].zone
    assert box is not None and zone is not None
    assert zone.x <= box.x and box.right <= zone.right + 1e-6
    assert zone.y <= box.y and box.bottom <= zone.bottom + 1e-6
    assert box.width >= 3 * 25.4
    assert len(doc.guides) == 4 and doc.brief is not None and doc.brief.id == brief.id
