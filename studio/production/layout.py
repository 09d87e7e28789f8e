"""A sensible first layout of an ad design at another size: a variant the creator then adjusts.

The rules, per kind of element (all deterministic, every element kept inside the output):

- Backgrounds (anything covering most of the canvas) stretch (shapes) or scale to cover
  (images, artwork) so the ground is still filled.
- The required element (the logo) is placed in its zone carried over to the output by
  ``studio.checks.outputsize.brief_for_canvas`` (relative, grown to hold it), at least its
  ``min_width`` when that fits (else the widest that does), in the same relative spot of its
  zone, ``PAD`` away from the edges when the zone allows.
- Texts flow into the free region beside the logo (``studio.production.textflow``): a row in
  banners (much wider than the canvas), a column otherwise; scaled to fit, wrapped at spaces
  when narrower, never below the brief's minimum text size when a legible layout exists.
- Other shapes (decorations) scale with the canvas' cover factor, limited to fit the output,
  keep their relative centre and are pushed inside the edges.
"""

from __future__ import annotations

from copy import deepcopy

from studio.brief.model import Brief, OutputSpec, RequiredElement, Zone
from studio.checks.outputsize import brief_for_canvas
from studio.document.geometry import Box, Matrix, multiply, scale, translate
from studio.document.model import Document, Image, Override, SvgArt, Text, Variant
from studio.document.shapes import bounds
from studio.production.textflow import flow

BACKGROUND_SHARE = 0.9
FLOW_RATIO = 2.0
PAD = 0.04
"""Margin kept around the logo and the texts, as a share of the output's smaller side."""


def output_size_mm(brief: Brief, output: OutputSpec) -> tuple[float, float]:
    return output.width or brief.width, output.height or brief.height


def _place(box: Box, s: float, x: float, y: float) -> Matrix:
    """Scale by ``s`` about the origin, then move the box's top-left corner to ``(x, y)``."""
    return multiply(translate(x - box.x * s, y - box.y * s), scale(s))


def auto_variant(doc: Document, brief: Brief, output: OutputSpec) -> Variant:
    W, H = output_size_mm(brief, output)
    w, h = doc.width, doc.height
    sized = brief_for_canvas(brief, W, H)
    cover = max(W / w, H / h)
    ratio = (W / H) / (w / h)
    wide = ratio > FLOW_RATIO
    pad = PAD * min(W, H)
    variant = Variant(output.id, W, H)
    top = [e for layer in doc.layers if layer.visible for e in layer.elements if e.visible]
    specs = {r.id: (r, s) for r, s in zip(brief.rules.required, sized.rules.required, strict=True)}
    logo_box: Box | None = None
    texts: list[Text] = []
    for e in top:
        box = bounds(e)
        if box is None:
            continue
        if box.width * box.height >= BACKGROUND_SHARE * w * h:
            if isinstance(e, Image | SvgArt):
                m = _place(box, cover, (W - box.width * cover) / 2, (H - box.height * cover) / 2)
            else:
                m = scale(W / w, H / h)
        elif e.required and e.required in specs:
            m, logo_box = _required(box, *specs[e.required], (w, h), (W, H), pad)
        elif isinstance(e, Text):
            texts.append(e)
            continue
        else:
            s = min(cover, W / box.width if box.width else cover, H / box.height or cover)
            cx, cy = (box.x + box.width / 2) * W / w, (box.y + box.height / 2) * H / h
            x = min(max(cx - box.width * s / 2, 0.0), W - box.width * s)
            y = min(max(cy - box.height * s / 2, 0.0), H - box.height * s)
            m = _place(box, s, x, y)
        variant.overrides[e.id] = Override(transform=multiply(m, e.transform))
    if texts:
        region = _free_region(W, H, logo_box, wide, pad)
        rules = brief.rules
        flow(variant, texts, region, wide, cover, rules.min_text_size or 0.0,
             rules.max_text_coverage)  # fmt: skip
    return variant


def _required(
    box: Box,
    spec: RequiredElement,
    sized: RequiredElement,
    canvas: tuple[float, float],
    out: tuple[float, float],
    pad: float,
) -> tuple[Matrix, Box]:
    """The logo at ``max(fit, min_width)`` (capped by its zone), at the same relative spot of
    its carried-over zone as in the main design, kept ``pad`` from the edges if the zone
    allows."""
    (w, h), (W, H) = canvas, out
    zone = sized.zone or Zone(0.0, 0.0, W, H)
    main_zone = spec.zone or Zone(0.0, 0.0, w, h)
    s = min(W / w, H / h)
    if sized.min_width:
        s = max(s, sized.min_width / box.width)
    s = min(s, zone.width / box.width, zone.height / box.height)
    bw, bh = box.width * s, box.height * s

    def along(pos: float, size: float, z0: float, zs: float, new0: float, news: float,
              placed: float, edge: float) -> float:  # fmt: skip
        room = zs - size
        rel = (pos - z0) / room if room > 1e-6 else (0.0 if z0 + zs / 2 <= edge / 2 else 1.0)
        at = new0 + min(max(rel, 0.0), 1.0) * (news - placed)
        lo, hi = max(new0, pad), min(new0 + news, edge - pad) - placed
        return min(max(at, lo), hi) if lo <= hi else at

    x = along(box.x, box.width, main_zone.x, main_zone.width, zone.x, zone.width, bw, W)
    y = along(box.y, box.height, main_zone.y, main_zone.height, zone.y, zone.height, bh, H)
    return _place(box, s, x, y), Box(x, y, bw, bh)


def _free_region(W: float, H: float, logo: Box | None, wide: bool, pad: float) -> Box:
    """The output minus the logo's side: beside it in banners, below or above it otherwise."""
    if logo is None:
        return Box(pad, pad, W - 2 * pad, H - 2 * pad)
    if wide:
        if logo.x + logo.width / 2 < W / 2:
            left = logo.right + 2 * pad
            return Box(left, pad, W - pad - left, H - 2 * pad)
        return Box(pad, pad, logo.x - 3 * pad, H - 2 * pad)
    if logo.y + logo.height / 2 < H / 2:
        top = logo.bottom + 2 * pad
        return Box(pad, top, W - 2 * pad, H - pad - top)
    return Box(pad, pad, W - 2 * pad, logo.y - 3 * pad)


def variant_document(doc: Document, variant: Variant) -> Document:
    """A copy of ``doc`` laid out as ``variant`` (its own artboard, overrides applied)."""
    out = deepcopy(doc)
    out.width, out.height = variant.width, variant.height
    out.variants = {}
    for element in out.walk():
        override = variant.overrides.get(element.id)
        if override is None:
            continue
        if override.transform is not None:
            element.transform = override.transform
        if override.visible is not None:
            element.visible = override.visible
        if override.content is not None and isinstance(element, Text):
            element.content = override.content
    return out
