"""``image.resolution`` and ``image.forbidden``: placed photos and bitmaps.

Effective DPI is the image's own pixels over the size it is printed at, after every
transform (a 1200 px photo scaled to 8 inches is 150 DPI, whatever its file says).
"""

from __future__ import annotations

from studio.checks.context import CheckContext
from studio.checks.model import Finding, bbox_of
from studio.i18n import _
from studio.l10n import format_number


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
        name = ctx.name(leaf.element, _("A placed image"))
        box = bbox_of(leaf.box)
        if rules.raster_images == "forbid":
            out.append(
                Finding(
                    "image.forbidden",
                    "error",
                    _(
                        "{name} is a photo or bitmap; this brief accepts only vector artwork "
                        "(shapes and text), as screen printers need flat inks."
                    ).format(name=name),
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
                    _(
                        "{name} will print blurry: {dpi} DPI at its size, the brief asks for "
                        "{minimum}. Make it smaller or use a larger original."
                    ).format(
                        name=name,
                        dpi=format_number(dpi, 0),
                        minimum=format_number(rules.min_image_dpi, 1),
                    ),
                    leaf.element,
                    box,
                )
            )
        elif rules.recommended_image_dpi is not None and dpi < rules.recommended_image_dpi - 0.5:
            out.append(
                Finding(
                    "image.resolution",
                    "warning",
                    _(
                        "{name} may look soft: {dpi} DPI at its size, the brief recommends "
                        "{recommended}."
                    ).format(
                        name=name,
                        dpi=format_number(dpi, 0),
                        recommended=format_number(rules.recommended_image_dpi, 1),
                    ),
                    leaf.element,
                    box,
                )
            )
    return out
