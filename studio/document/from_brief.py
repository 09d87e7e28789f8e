"""A ready canvas from a brief: the artboard at trim size, the brand's required elements placed
and locked in their zones, and guides on the safe margin."""

from __future__ import annotations

from pathlib import PurePosixPath

from studio.brief.model import Brief, RequiredElement
from studio.document.geometry import multiply, scale, translate
from studio.document.importer import import_image, import_svg
from studio.document.model import BriefLink, Document, Element, Guide, Image, Layer, SvgArt
from studio.document.svgread import document_from_svg
from studio.errors import InputError
from studio.i18n import _
from studio.safety.svg import parse_svg

BRAND_LAYER = "Brand"
ARTWORK_LAYER = "Artwork"


def document_from_brief(brief: Brief) -> Document:
    """The starting design for ``brief`` (its template when it ships one)."""
    if brief.template:
        source = f"{brief.source}:{brief.template}"
        doc = document_from_svg(parse_svg(brief.asset(brief.template), source), source)
    else:
        doc = Document(
            width=brief.width,
            height=brief.height,
            dpi=brief.dpi,
            bleed=brief.bleed,
            unit=brief.unit,
            title=brief.title,
        )
        doc.layers.append(Layer(_("Artwork")))  # a name the user reads in the Layers panel
    doc.brief = BriefLink(brief.id, brief.version, brief.sha256)
    if brief.safe_margin > 0 and not doc.guides:
        m = brief.safe_margin
        doc.guides += [
            Guide("vertical", m),
            Guide("vertical", brief.width - m),
            Guide("horizontal", m),
            Guide("horizontal", brief.height - m),
        ]
    placed = {e.required for e in doc.walk() if e.required}
    missing = [r for r in brief.rules.required if r.id not in placed]
    if missing:
        brand = Layer(_("Brand"), locked=True)
        brand.elements = [place_required(brief, r) for r in missing]
        # Brand elements sit on top of the artwork so nothing hides them.
        doc.layers.append(brand)
    return doc


def required_asset_element(brief: Brief, required: RequiredElement) -> Element:
    """The asset of a required element as a fresh, unplaced element."""
    data = brief.asset(required.asset)
    source = f"{brief.source}:{required.asset}"
    suffix = PurePosixPath(required.asset).suffix.lower()
    if suffix == ".svg":
        return import_svg(data, source)
    element = import_image(data, source, brief.dpi)
    if not isinstance(element, Image):  # pragma: no cover
        raise InputError(source, "not an image")
    return element


def place_required(brief: Brief, required: RequiredElement) -> Element:
    """Place a required element centred in its zone (or the safe area), as wide as the zone
    allows and at least its ``min_width``, keeping its proportions; locked."""
    element = required_asset_element(brief, required)
    assert isinstance(element, SvgArt | Image)
    zone = required.zone or brief.safe_box
    clear = required.clear_space or 0.0
    room_w, room_h = max(zone.width - 2 * clear, 1e-3), max(zone.height - 2 * clear, 1e-3)
    factor = min(room_w / element.width, room_h / element.height)
    if required.min_width:
        factor = max(factor, required.min_width / element.width)
    w, h = element.width * factor, element.height * factor
    x = zone.x + (zone.width - w) / 2
    y = zone.y + (zone.height - h) / 2
    element.transform = multiply(translate(x, y), scale(factor))
    element.required = required.id
    element.locked = True
    element.name = _("{id} (required)").format(id=required.id)
    return element
