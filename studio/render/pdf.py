"""Vector PDF (first cut; text outlines and page boxes come with the render-fidelity work)."""

from __future__ import annotations

import cairosvg


def render_pdf(svg: bytes, *, width_mm: float, height_mm: float, bleed_mm: float = 0.0) -> bytes:
    data: bytes = cairosvg.svg2pdf(bytestring=svg, unsafe=False)
    return data
