"""``stroke.width``: lines thinner than the brief allows (screen printing loses them).

Widths are measured after transforms (the thinner axis of a non-uniform scale counts) and
honour ``vector-effect="non-scaling-stroke"``.
"""

from __future__ import annotations

from studio.checks.context import CheckContext
from studio.checks.model import Finding, bbox_of
from studio.checks.svgtree import Leaf
from studio.i18n import _
from studio.units import format_length


def check(ctx: CheckContext) -> list[Finding]:
    minimum = ctx.brief.rules.min_stroke_width
    if minimum is None:
        return []
    thinnest: dict[object, tuple[float, Leaf]] = {}
    for i, leaf in enumerate(ctx.tree.leaves):
        if not leaf.paints_stroke or leaf.stroke_width >= minimum - 1e-6:
            continue
        key = leaf.element or i
        if key not in thinnest or leaf.stroke_width < thinnest[key][0]:
            thinnest[key] = (leaf.stroke_width, leaf)
    out = []
    unit = "mm" if not ctx.brief.px_canvas else "px"
    for width, leaf in thinnest.values():
        element = leaf.element
        out.append(
            Finding(
                "stroke.width",
                "error",
                _(
                    "{name} is {width} thin; the brief asks for at least {minimum}: "
                    "thinner lines do not print."
                ).format(
                    name=ctx.name(element, _("A line")),
                    width=format_length(width, unit, ctx.brief.dpi),
                    minimum=format_length(minimum, unit, ctx.brief.dpi),
                ),
                element,
                bbox_of(leaf.box),
            )
        )
    return out
