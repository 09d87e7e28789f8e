"""``canvas.size``: the design's trim size against the brief's canvas (0.1 mm or 1 px)."""

from __future__ import annotations

from studio.checks.context import CheckContext
from studio.checks.model import Finding
from studio.i18n import _
from studio.units import format_length

TOLERANCE_MM = 0.1


def check(ctx: CheckContext) -> list[Finding]:
    brief = ctx.brief
    w, h = ctx.size_mm
    if brief.px_canvas or ctx.design.is_raster:
        design_px = _design_pixels(ctx)
        want = (brief.width_px, brief.height_px)
        if abs(design_px[0] - want[0]) <= 1 and abs(design_px[1] - want[1]) <= 1:
            return []
        got = f"{design_px[0]}×{design_px[1]} px"
        asked = f"{want[0]}×{want[1]} px"
    else:
        if abs(w - brief.width) <= TOLERANCE_MM and abs(h - brief.height) <= TOLERANCE_MM:
            return []
        unit = brief.unit
        got = f"{format_length(w, unit, brief.dpi)} × {format_length(h, unit, brief.dpi)}"
        asked = (
            f"{format_length(brief.width, unit, brief.dpi)} × "
            f"{format_length(brief.height, unit, brief.dpi)}"
        )
    return [
        Finding(
            "canvas.size",
            "error",
            _("The design is {size}; the brief asks for a canvas of {asked}.").format(
                size=got, asked=asked
            ),
        )
    ]


def _design_pixels(ctx: CheckContext) -> tuple[int, int]:
    d = ctx.design
    if d.is_raster and d.pixel_size and ctx.brief.px_canvas:
        return d.pixel_size
    w, h = ctx.size_mm
    return round(w * ctx.brief.dpi / 25.4), round(h * ctx.brief.dpi / 25.4)
