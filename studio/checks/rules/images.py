"""``image.resolution`` and ``image.forbidden``: placed photos and bitmaps.

Effective DPI is the image's own pixels over the size it is printed at, after every
transform (a 1200 px photo scaled to 8 inches is 150 DPI, whatever its file says).
"""

from __future__ import annotations

from studio.checks.context import CheckContext
from studio.checks.model import Finding, bbox_of


def effective_dpi(pixels: tuple[int, int], size_mm: tuple[float, float]) -> float:
    w_mm, h_mm = size_mm
    if w_mm <= 0 or h_mm <= 0:
        return 0.0
    return min(pixels[0] / (w_mm / 25.4), pixels[1] / (h_mm / 25.4))


def check(ctx: CheckContext) -> list[Finding]:
    rules = ctx.brief.rules
    out: list[Finding] = []
    for leaf in ctx.tree.leaves:
        if leaf.tag != "image" or leaf.image is None:
            continue
        name = ctx.name(leaf.element, "A placed image")
        box = bbox_of(leaf.box)
        if rules.raster_images == "forbid":
            out.append(
                Finding(
                    "image.forbidden",
                    "error",
                    f"{name} is a photo or bitmap; this brief accepts only vector artwork "
                    "(shapes and text), as screen printers need flat inks.",
                    leaf.element,
                    box,
                )
            )
        dpi = effective_dpi((leaf.image.width, leaf.image.height), leaf.image_size)
        if rules.min_image_dpi is not None and dpi < rules.min_image_dpi - 0.5:
            out.append(
                Finding(
                    "image.resolution",
                    "error",
                    f"{name} will print blurry: {dpi:.0f} DPI at its size, the brief asks for "
                    f"{rules.min_image_dpi:g}. Make it smaller or use a larger original.",
                    leaf.element,
                    box,
                )
            )
        elif rules.recommended_image_dpi is not None and dpi < rules.recommended_image_dpi - 0.5:
            out.append(
                Finding(
                    "image.resolution",
                    "warning",
                    f"{name} may look soft: {dpi:.0f} DPI at its size, the brief recommends "
                    f"{rules.recommended_image_dpi:g}.",
                    leaf.element,
                    box,
                )
            )
    return out
