"""A sensible first layout of an ad design at another size: a variant the creator then adjusts.

Backgrounds (anything covering most of the canvas) stretch to cover the new size; required
elements (the logo) keep their corner and stay at least their ``min_width``; for sizes of about
the same shape the rest scales to fit, centred. For banners (much wider) and skyscrapers (much
taller) the texts re-flow into a row or a column beside the logo, no smaller than the brief's
minimum text size, and other shapes scale to cover so the ground is still filled.
"""

from __future__ import annotations

from copy import deepcopy

from studio.brief.model import Brief, OutputSpec
from studio.document.geometry import Box, Matrix, multiply, scale, translate
from studio.document.model import Document, Element, Image, Override, SvgArt, Text, Variant
from studio.document.shapes import bounds

BACKGROUND_SHARE = 0.9
FLOW_RATIO = 2.0


def output_size_mm(brief: Brief, output: OutputSpec) -> tuple[float, float]:
    return output.width or brief.width, output.height or brief.height


def _place(box: Box, s: float, x: float, y: float) -> Matrix:
    """Scale by ``s`` about the origin, then move the box's top-left corner to ``(x, y)``."""
    return multiply(translate(x - box.x * s, y - box.y * s), scale(s))


def auto_variant(doc: Document, brief: Brief, output: OutputSpec) -> Variant:
    W, H = output_size_mm(brief, output)
    w, h = doc.width, doc.height
    fit, cover = min(W / w, H / h), max(W / w, H / h)
    ox, oy = (W - w * fit) / 2, (H - h * fit) / 2
    ratio = (W / H) / (w / h)
    wide, tall = ratio > FLOW_RATIO, ratio < 1 / FLOW_RATIO
    variant = Variant(output.id, W, H)
    top = [e for layer in doc.layers if layer.visible for e in layer.elements if e.visible]
    boxes = {e.id: b for e in top if (b := bounds(e)) is not None}
    min_width = {r.id: r.min_width for r in brief.rules.required}
    logo_box: Box | None = None
    texts: list[Element] = []
    for e in top:
        box = boxes.get(e.id)
        if box is None:
            continue
        if box.width * box.height >= BACKGROUND_SHARE * w * h:
            if isinstance(e, Image | SvgArt):
                m = _place(box, cover, (W - box.width * cover) / 2, (H - box.height * cover) / 2)
            else:
                m = scale(W / w, H / h)
        elif e.required:
            m, logo_box = _corner(box, fit, w, h, W, H, min_width.get(e.required))
        elif (wide or tall) and isinstance(e, Text):
            texts.append(e)
            continue
        elif wide or tall:
            m = _place(box, cover, (box.x - w / 2) * cover + W / 2, (box.y - h / 2) * cover + H / 2)
        else:
            m = _place(box, fit, box.x * fit + ox, box.y * fit + oy)
        variant.overrides[e.id] = Override(transform=multiply(m, e.transform))
    if texts:
        region = _free_region(W, H, logo_box, wide)
        min_size = brief.rules.min_text_size or 0.0
        _flow(variant, texts, boxes, region, wide, min_size)
    return variant


def _corner(
    box: Box, fit: float, w: float, h: float, W: float, H: float, min_width: float | None
) -> tuple[Matrix, Box]:
    s = fit
    if min_width:
        s = max(s, min_width / box.width)
    s = min(s, 0.9 * W / box.width, 0.9 * H / box.height)
    bw, bh = box.width * s, box.height * s
    pad = 0.04 * min(W, H)
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    if cx < w / 3:
        x = max(box.x * fit, pad)
    elif cx > 2 * w / 3:
        x = W - max((w - box.right) * fit, pad) - bw
    else:
        x = (W - bw) / 2
    if cy < h / 3:
        y = max(box.y * fit, pad) if bh + 2 * pad <= H else (H - bh) / 2
    elif cy > 2 * h / 3:
        y = H - max((h - box.bottom) * fit, pad) - bh
    else:
        y = (H - bh) / 2
    return _place(box, s, x, y), Box(x, y, bw, bh)


def _free_region(W: float, H: float, logo: Box | None, wide: bool) -> Box:
    pad = 0.04 * min(W, H)
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


def _flow(
    variant: Variant,
    texts: list[Element],
    boxes: dict[str, Box],
    region: Box,
    wide: bool,
    min_size: float,
) -> None:
    """Texts in reading order, in a row (``wide``) or a column, one common scale."""
    texts = sorted(texts, key=lambda e: (boxes[e.id].y, boxes[e.id].x))
    gap = 0.05 * (region.height if wide else region.width)
    if wide:
        s = 0.9 * region.height / max(boxes[e.id].height for e in texts)
        along = sum(boxes[e.id].width for e in texts) * s + gap * (len(texts) - 1)
        s = s * min(1.0, region.width / along) if along > 0 else s
    else:
        s = 0.95 * region.width / max(boxes[e.id].width for e in texts)
        along = sum(boxes[e.id].height for e in texts) * s + gap * (len(texts) - 1)
        s = s * min(1.0, region.height / along) if along > 0 else s
    cursor = region.x if wide else region.y
    for e in texts:
        box = boxes[e.id]
        size = e.size if isinstance(e, Text) else 0.0
        si = max(s, min_size / size) if size > 0 and min_size else s
        if wide:
            x, y = cursor, region.y + (region.height - box.height * si) / 2
            cursor += box.width * si + gap
        else:
            x, y = region.x + (region.width - box.width * si) / 2, cursor
            cursor += box.height * si + gap
        m = _place(box, si, x, y)
        variant.overrides[e.id] = Override(transform=multiply(m, e.transform))


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
    return out
