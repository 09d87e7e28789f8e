"""Texts of an ad variant flowed into the free region beside the logo.

Rules, in order, all deterministic:

1. Texts keep their reading order (top to bottom, then left to right) and sit in a column
   (``row=False``: tall and square-ish sizes) or side by side (``row=True``: banners).
2. All texts share one scale ``k``, starting from the scale that makes the main design cover
   the output, then shrinking by ``SHRINK`` per step until the layout fits: every line at most
   the region's width (column texts re-wrap at spaces first; the author's line breaks stay),
   the stack within the region, the texts' boxes under the brief's ``max_text_coverage``.
3. No text goes below the brief's ``min_text_size``: a text that would is held at it, so the
   smaller, less important texts (the fine print) stop shrinking first and the headline gives
   way for them.
4. When even that cannot fit (a word wider than the output at the minimum size), legibility
   gives way to staying inside: the minimum is dropped and the checks report ``text.size``.

Widths are measured by ``textfit`` (the larger of the checks' estimate and shaped glyphs).
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.document.geometry import Box, axis_scales, multiply
from studio.document.model import Override, Text, Variant
from studio.production.textfit import text_box, wrap

SHRINK = 0.96
MAX_STEPS = 400
GAP_EM = 0.5


@dataclass(frozen=True)
class Placed:
    """One text as planned: its new content (``None``: unchanged), scale and box size."""

    text: Text
    content: str | None
    box: Box
    scale: float


def flow(
    variant: Variant,
    texts: list[Text],
    region: Box,
    row: bool,
    start: float,
    min_size: float,
    max_coverage: float | None,
) -> list[Box]:
    """Lay ``texts`` out in ``region`` (see the module's rules); returns their boxes."""
    texts = sorted(texts, key=lambda t: (_box(t, None).y, _box(t, None).x))
    area = variant.width * variant.height
    for floor in (min_size, 0.0):
        k = start
        for _ in range(MAX_STEPS):
            plan = _plan(texts, k, floor, region, row)
            if plan is not None and _fits(plan, region, row, area, max_coverage):
                return _apply(variant, plan, region, row)
            if floor and all(_size(t) * k < floor for t in texts):
                break  # every text at the minimum already: shrinking k changes nothing
            k *= SHRINK
    plan = _plan(texts, k, 0.0, region, row)
    return _apply(variant, plan, region, row) if plan else []


def _size(text: Text) -> float:
    """The text's font size as drawn (after its own transform)."""
    return text.size * axis_scales(text.transform)[1]


def _box(text: Text, content: str | None) -> Box:
    return text_box(text, content).transformed(text.transform)


def _plan(texts: list[Text], k: float, floor: float, region: Box, row: bool) -> list[Placed] | None:
    plan = []
    for t in texts:
        drawn = _size(t)
        size = max(drawn * k, floor)
        s = size / drawn
        content: str | None = None
        if not row:
            sx = axis_scales(t.transform)[0] or 1.0
            content = wrap(t, region.width / (s * sx), t.size)
            if content is None:
                return None
            content = None if content == t.content else content
        b = _box(t, content)
        plan.append(Placed(t, content, Box(0.0, 0.0, b.width * s, b.height * s), s))
    return plan


def _gap(plan: list[Placed]) -> float:
    return GAP_EM * min(_size(p.text) * p.scale for p in plan)


def _fits(
    plan: list[Placed], region: Box, row: bool, area: float, max_coverage: float | None
) -> bool:
    gap = _gap(plan) * (len(plan) - 1)
    if row:
        along = sum(p.box.width for p in plan) + gap
        ok = along <= region.width and all(p.box.height <= region.height for p in plan)
    else:
        along = sum(p.box.height for p in plan) + gap
        ok = along <= region.height and all(p.box.width <= region.width for p in plan)
    covered = sum(p.box.width * p.box.height for p in plan) / area
    return ok and (max_coverage is None or covered <= max_coverage)


def _apply(variant: Variant, plan: list[Placed], region: Box, row: bool) -> list[Box]:
    """Column: stacked, centred vertically in the region, each aligned as its text anchors.
    Row: left to right from the region's start, each centred vertically."""
    gap = _gap(plan)
    total = sum(p.box.height for p in plan) + gap * (len(plan) - 1)
    cursor = region.x if row else region.y + (region.height - total) / 2
    boxes = []
    for p in plan:
        w, h = p.box.width, p.box.height
        if row:
            x, y = cursor, region.y + (region.height - h) / 2
            cursor += w + gap
        else:
            slack = region.width - w
            x = region.x + {"start": 0.0, "middle": slack / 2, "end": slack}[p.text.align]
            y = cursor
            cursor += h + gap
        source = _box(p.text, p.content)
        s = p.scale
        m = (s, 0.0, 0.0, s, x - source.x * s, y - source.y * s)
        variant.overrides[p.text.id] = Override(
            transform=multiply(m, p.text.transform), content=p.content
        )
        boxes.append(Box(x, y, w, h))
    return boxes
