"""Writing PNG, JPEG, PDF and SVG deliverables from a :class:`~studio.design.Design`.

Pixel sizes come from the brief when there is one (a brief's 4500×5400 is exact, never one
pixel off from rounding millimetres), else from the design's size at the requested DPI.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.brief.model import Brief, OutputSpec
from studio.design import Design
from studio.document.svgwrite import WriteOptions, document_to_svg
from studio.render.raster import encode_jpeg, encode_png, render_image
from studio.units import mm_to_px

FORMATS = ("png", "jpg", "pdf", "svg")


@dataclass(frozen=True)
class Target:
    """What to write: format, pixel size and DPI (for raster formats)."""

    format: str
    width_px: int
    height_px: int
    dpi: float
    quality: int = 92


def target_for(
    design: Design,
    fmt: str,
    dpi: float | None = None,
    brief: Brief | None = None,
    output: OutputSpec | None = None,
) -> Target:
    """The exact output geometry for ``fmt``: an output of the brief, the brief's canvas, or
    the design's own size at ``dpi``."""
    if output is not None and output.width_px and output.height_px:
        return Target(fmt, output.width_px, output.height_px, output.dpi or brief_dpi(brief))
    if brief is not None and dpi is None:
        return Target(fmt, brief.width_px, brief.height_px, brief.dpi)
    use_dpi = dpi or (design.dpi if design.dpi else None) or (brief.dpi if brief else 300.0)
    if design.pixel_size and dpi is None and brief is None:
        w, h = design.pixel_size
        return Target(fmt, w, h, design.dpi or 96.0)
    return Target(
        fmt,
        max(1, round(mm_to_px(design.width, use_dpi))),
        max(1, round(mm_to_px(design.height, use_dpi))),
        use_dpi,
    )


def brief_dpi(brief: Brief | None) -> float:
    return brief.dpi if brief else 300.0


def export_bytes(design: Design, target: Target) -> bytes:
    """The deliverable's bytes."""
    if target.format == "png":
        image = render_image(design.svg, target.width_px, target.height_px)
        return encode_png(image, target.dpi)
    if target.format == "jpg":
        image = render_image(design.svg, target.width_px, target.height_px)
        return encode_jpeg(image, target.dpi, target.quality)
    if target.format == "pdf":
        from studio.render.pdf import render_pdf  # CairoSVG and pypdf: 0.5 s to import

        bleed = design.document.bleed if design.document else 0.0
        svg = (
            document_to_svg(design.document, WriteOptions(bleed=True, for_render=True))
            if design.document and bleed
            else design.svg
        )
        return render_pdf(svg, width_mm=design.width, height_mm=design.height, bleed_mm=bleed)
    if target.format == "svg":
        return design.svg
    raise ValueError(f"unknown export format {target.format!r}")
