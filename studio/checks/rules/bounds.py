"""``bounds.print_area``, ``bounds.safe_area``, ``bounds.keep_out``: where artwork may go.

Boxes are the tight boxes of transformed outlines (see ``svgtree``). A ground that covers the
whole trim box (a background) is allowed past the safe margin: it is meant to run to the edge.
"""

from __future__ import annotations

from studio.checks.context import CheckContext
from studio.checks.model import Finding, Fix, bbox_of
from studio.checks.rules.common import by_element, covers, overflow
from studio.document.geometry import Box
from studio.i18n import _
from studio.units import format_length

TOLERANCE_MM = 0.05


def check(ctx: CheckContext) -> list[Finding]:
    brief = ctx.brief
    w, h = ctx.size_mm
    b = brief.bleed
    printable = Box(-b, -b, w + 2 * b, h + 2 * b)
    s = brief.safe_box
    safe = Box(s.x, s.y, s.width, s.height)
    out: list[Finding] = []

    def length(mm: float) -> str:
        return format_length(mm, brief.unit, brief.dpi)

    for element, box, _leaves in by_element(ctx.tree.leaves):
        # Named only for a finding: most elements have none, and a live re-check runs this
        # for every element after every edit.
        def name(element: str | None = element) -> str:
            return ctx.name(element, _("Some artwork"))

        beyond = overflow(box, printable)
        if beyond > TOLERANCE_MM:
            out.append(
                Finding(
                    "bounds.print_area",
                    "error",
                    _(
                        "{name} reaches {length} beyond the printable area "
                        "(the trim plus bleed): that part will be cut off."
                    ).format(name=name(), length=length(beyond)),
                    element,
                    bbox_of(box),
                    _move_fix(element, safe if brief.safe_margin > 0 else ctx.trim),
                )
            )
            continue
        crossing = overflow(box, safe)
        if brief.safe_margin > 0 and crossing > TOLERANCE_MM and not covers(box, ctx.trim):
            out.append(
                Finding(
                    "bounds.safe_area",
                    "error",
                    _(
                        "{name} crosses the safe margin by {length}: keep artwork "
                        "{margin} inside the edges, where cutting is imprecise."
                    ).format(
                        name=name(), length=length(crossing), margin=length(brief.safe_margin)
                    ),
                    element,
                    bbox_of(box),
                    _move_fix(element, safe),
                )
            )
        for zone in brief.rules.keep_out:
            zone_box = Box(zone.x, zone.y, zone.width, zone.height)
            if box.intersects(zone_box):
                message = (
                    _("{name} enters an area the brief asks to keep empty ({reason}).")
                    if zone.reason
                    else _("{name} enters an area the brief asks to keep empty.")
                )
                out.append(
                    Finding(
                        "bounds.keep_out",
                        "error",
                        message.format(name=name(), reason=zone.reason),
                        element,
                        bbox_of(box),
                    )
                )
    return out


def _move_fix(element: str | None, target: Box) -> Fix | None:
    if not element or target.width <= 0 or target.height <= 0:
        return None
    return Fix(
        "move_inside",
        _("Move it inside the safe area"),
        {"element": element, "box": [target.x, target.y, target.width, target.height]},
    )
