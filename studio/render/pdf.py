"""Print PDF: vector, the page exactly the trim size plus bleed, text as outlines.

CairoSVG writes the vector PDF (resvg has no PDF output). Its page size comes from the root's
width/height, so we set those to the trim size plus bleed in mm and widen the viewBox by the
bleed, stretched like the PNG path. Text becomes outlines first (:mod:`studio.render.textpaths`)
so ``pdffonts`` finds no fonts. Documents using what CairoSVG draws badly (filters, masks,
blend modes... see :data:`RASTER_FEATURES`, chosen by bench/bench_fidelity.py --pdf) are drawn
by resvg at print DPI and placed as one image on the same page. pypdf then writes TrimBox and
BleedBox, which Cairo cannot.
"""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET

import cairosvg
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, FloatObject, NameObject

from studio.errors import InputError
from studio.i18n import _
from studio.render import raster
from studio.render.features import RASTER_FEATURES, used_features
from studio.render.textpaths import outline_text
from studio.safety.svg import parse_svg
from studio.safety.svg_size import root_size_px, view_box
from studio.safety.xml import SVG_NS, XLINK_NS, serialize

PT_PER_MM = 72.0 / 25.4
#: Resolution of the raster fallback: the usual print resolution.
RASTER_DPI = 300.0


def _page_svg(root: ET.Element, width_mm: float, height_mm: float, bleed_mm: float) -> None:
    """Make ``root`` a page of the trim size plus bleed, its viewBox stretched to the trim."""
    width_px, height_px = root_size_px(root)
    x, y, vw, vh = view_box(root) or (0.0, 0.0, width_px, height_px)
    bx, by = bleed_mm * vw / width_mm, bleed_mm * vh / height_mm
    root.set("viewBox", f"{x - bx} {y - by} {vw + 2 * bx} {vh + 2 * by}")
    root.set("width", f"{width_mm + 2 * bleed_mm}mm")
    root.set("height", f"{height_mm + 2 * bleed_mm}mm")
    root.set("preserveAspectRatio", "none")


def _raster_page(svg: bytes, width_mm: float, height_mm: float, bleed_mm: float) -> ET.Element:
    """A page holding one resvg image of the page, for features Cairo cannot draw."""
    root = parse_svg(svg, None)
    _page_svg(root, width_mm, height_mm, bleed_mm)
    w_mm, h_mm = width_mm + 2 * bleed_mm, height_mm + 2 * bleed_mm
    w_px, h_px = round(w_mm * RASTER_DPI / 25.4), round(h_mm * RASTER_DPI / 25.4)
    png = raster.encode_png(raster.render_image(serialize(root), w_px, h_px), RASTER_DPI)
    page = ET.Element(f"{{{SVG_NS}}}svg", {"width": f"{w_mm}mm", "height": f"{h_mm}mm",
                                           "viewBox": f"0 0 {w_px} {h_px}"})
    ET.SubElement(page, f"{{{SVG_NS}}}image", {
        "width": str(w_px), "height": str(h_px),
        f"{{{XLINK_NS}}}href": "data:image/png;base64," + base64.b64encode(png).decode()})
    return page


def _set_boxes(pdf: bytes, width_mm: float, height_mm: float, bleed_mm: float) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    b = bleed_mm * PT_PER_MM
    full = ((width_mm + 2 * bleed_mm) * PT_PER_MM, (height_mm + 2 * bleed_mm) * PT_PER_MM)
    for page in reader.pages:
        def box(x0: float, y0: float, x1: float, y1: float) -> ArrayObject:
            return ArrayObject([FloatObject(round(v, 4)) for v in (x0, y0, x1, y1)])
        page[NameObject("/MediaBox")] = box(0, 0, *full)
        page[NameObject("/BleedBox")] = box(0, 0, *full)
        page[NameObject("/TrimBox")] = box(b, b, full[0] - b, full[1] - b)
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_pdf(svg: bytes, *, width_mm: float, height_mm: float, bleed_mm: float = 0.0,
               raster_fallback: bool = True) -> bytes:
    """A one-page PDF of sanitized ``svg``, trim ``width_mm`` × ``height_mm`` plus bleed."""
    if width_mm <= 0 or height_mm <= 0 or bleed_mm < 0:
        raise InputError(None, f"bad page size {width_mm} x {height_mm} mm, bleed {bleed_mm}")
    root = parse_svg(svg, None)
    if raster_fallback and used_features(root) & RASTER_FEATURES:
        page = _raster_page(svg, width_mm, height_mm, bleed_mm)
    else:
        page = root
        _page_svg(page, width_mm, height_mm, bleed_mm)
        outline_text(page, raster.font_dirs())
    try:
        pdf = cairosvg.svg2pdf(bytestring=serialize(page), unsafe=False)
    except Exception as exc:  # CairoSVG raises anything from IndexError to cairo.Error
        message = _("cannot draw this SVG as PDF ({kind}: {error})")
        raise InputError(None, message.format(
            kind=type(exc).__name__,
            error=str(exc)[:120],
        )) from None
    if pdf is None:
        raise InputError(None, "CairoSVG produced no PDF")
    return _set_boxes(pdf, width_mm, height_mm, bleed_mm)
