"""Quick fixes for findings, as pure functions on the document model.

Each function reads the :class:`~studio.document.model.Document` and returns an :class:`Edit`:
the element and the new values of some of its attributes. Nothing is changed in place, so
the GUI wraps each edit in one undoable command (keep the old values, set the new ones;
:func:`apply_edit` does exactly that and returns the inverse edit). Image posterising makes
*new* image bytes; the original bytes stay in the inverse edit for undo.

A :class:`~studio.checks.model.Fix` on a finding names one of these by ``kind``;
:func:`edits_for_fix` turns it into the edits to apply.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from studio.checks.color import delta_e2000, hex_to_rgb, srgb_to_lab
from studio.checks.model import Fix
from studio.document.geometry import (
    IDENTITY,
    Box,
    Matrix,
    invert,
    multiply,
    scale,
    translate,
)
from studio.document.model import Document, Element, Group, Image, Text
from studio.document.shapes import bounds
from studio.i18n import _


@dataclass(frozen=True)
class Edit:
    """Set ``changes`` (attribute name -> new value) on element ``element_id``."""

    element_id: str
    label: str
    changes: dict[str, Any] = field(default_factory=dict)


def apply_edit(doc: Document, edit: Edit) -> Edit:
    """Apply ``edit`` to ``doc`` and return the edit that undoes it."""
    element = _element(doc, edit.element_id)
    old = {name: copy.copy(getattr(element, name)) for name in edit.changes}
    for name, value in edit.changes.items():
        setattr(element, name, value)
    return Edit(edit.element_id, _("Undo {action}").format(action=edit.label), old)


def _element(doc: Document, element_id: str) -> Element:
    element = doc.find(element_id)
    if element is None:
        raise KeyError(f"no element {element_id!r} in the document")
    return element


def nearest_ink(color: str, palette: list[str]) -> str:
    """The palette colour closest to ``color`` in CIEDE2000."""
    lab = srgb_to_lab(np.array([hex_to_rgb(c) for c in palette]))
    de = delta_e2000(srgb_to_lab(np.array(hex_to_rgb(color))), lab)
    return palette[int(np.argmin(de))]


def snap_color(doc: Document, element_id: str, palette: list[str]) -> Edit | None:
    """Snap the element's flat fill and stroke to their nearest palette inks."""
    element = _element(doc, element_id)
    style = element.style
    fill = nearest_ink(style.fill, palette) if isinstance(style.fill, str) else style.fill
    stroke = nearest_ink(style.stroke, palette) if isinstance(style.stroke, str) else style.stroke
    if fill == style.fill and stroke == style.stroke:
        return None
    new = replace(style, fill=fill, stroke=stroke)
    return Edit(element_id, _("Snap colour to the brief's inks"), {"style": new})


def posterize_image(doc: Document, element_id: str, palette: list[str]) -> Edit:
    """New PNG bytes for an image element, every pixel mapped to its nearest ink (alpha kept,
    made solid or clear so no half-transparent ink remains)."""
    from PIL import Image as PILImage

    element = _element(doc, element_id)
    if not isinstance(element, Image):
        raise TypeError(f"{element_id!r} is not an image")
    with PILImage.open(io.BytesIO(element.data)) as source:
        rgba = np.asarray(source.convert("RGBA")).copy()
    packed = (rgba[..., 0].astype(np.int32) << 16) | (rgba[..., 1].astype(np.int32) << 8)
    packed |= rgba[..., 2].astype(np.int32)
    colors, inverse = np.unique(packed.ravel(), return_inverse=True)
    rgb = np.stack([(colors >> 16) & 255, (colors >> 8) & 255, colors & 255], axis=-1)
    inks = np.array([hex_to_rgb(c) for c in palette])
    de = delta_e2000(srgb_to_lab(rgb)[:, None, :], srgb_to_lab(inks)[None, :, :])
    mapped = inks[np.argmin(de, axis=1)][inverse].reshape((*rgba.shape[:2], 3))
    rgba[..., :3] = mapped
    rgba[..., 3] = np.where(rgba[..., 3] >= 128, 255, 0)
    out = io.BytesIO()
    PILImage.fromarray(rgba, "RGBA").save(out, "PNG")
    return Edit(
        element_id,
        _("Reduce the image to the brief's inks"),
        {"data": out.getvalue(), "mime": "image/png"},
    )


def parent_matrix(doc: Document, element_id: str) -> Matrix:
    """The transform from the element's parent to the document (groups' transforms)."""

    def search(elements: list[Element], m: Matrix) -> Matrix | None:
        for e in elements:
            if e.id == element_id:
                return m
            if isinstance(e, Group):
                found = search(e.children, multiply(m, e.transform))
                if found is not None:
                    return found
        return None

    for layer in doc.layers:
        found = search(layer.elements, IDENTITY)
        if found is not None:
            return found
    raise KeyError(f"no element {element_id!r} in the document")


def _doc_box(doc: Document, element: Element, transform: Matrix | None = None) -> Box:
    probe = replace(element, transform=transform) if transform is not None else element
    box = bounds(probe, parent_matrix(doc, element.id))
    if box is None:
        raise ValueError(f"{element.id!r} has no extent")
    return box


def _shifted(doc: Document, element: Element, transform: Matrix, dx: float, dy: float) -> Matrix:
    """``transform`` moved by ``(dx, dy)`` in document mm, whatever the parents do."""
    parent = parent_matrix(doc, element.id)
    a, b, c, d, _e, _f = invert(parent)
    local = (a * dx + c * dy, b * dx + d * dy)
    return multiply(translate(*local), transform)


def _inside_delta(box: Box, target: Box) -> tuple[float, float]:
    def axis(lo: float, size: float, t_lo: float, t_size: float) -> float:
        if size > t_size:
            return t_lo + (t_size - size) / 2 - lo
        if lo < t_lo:
            return t_lo - lo
        if lo + size > t_lo + t_size:
            return t_lo + t_size - (lo + size)
        return 0.0

    return (
        axis(box.x, box.width, target.x, target.width),
        axis(box.y, box.height, target.y, target.height),
    )


def move_inside(doc: Document, element_id: str, target: Box) -> Edit | None:
    """Move the element by the least distance that puts it inside ``target`` (centred on an
    axis where it is larger than the target)."""
    element = _element(doc, element_id)
    dx, dy = _inside_delta(_doc_box(doc, element), target)
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return None
    return Edit(
        element_id,
        _("Move inside"),
        {"transform": _shifted(doc, element, element.transform, dx, dy)},
    )


def scale_required(
    doc: Document, element_id: str, min_width: float, zone: Box | None = None
) -> Edit | None:
    """Scale a required element up uniformly about its centre to ``min_width``, then nudge it
    back into its ``zone`` when it fits there."""
    element = _element(doc, element_id)
    box = _doc_box(doc, element)
    if box.width >= min_width or box.width <= 0:
        return None
    factor = min_width / box.width
    cx, cy = box.center
    parent = parent_matrix(doc, element.id)
    # Scale about the centre in document space, expressed in the parent's space.
    around = multiply(translate(cx, cy), multiply(scale(factor), translate(-cx, -cy)))
    new = multiply(invert(parent), multiply(around, multiply(parent, element.transform)))
    if zone is not None:
        dx, dy = _inside_delta(_doc_box(doc, element, new), zone)
        new = _shifted(doc, element, new, dx, dy)
    return Edit(element_id, _("Enlarge to the brand's minimum width"), {"transform": new})


def swap_font(doc: Document, element_id: str, family: str) -> Edit | None:
    element = _element(doc, element_id)
    if not isinstance(element, Text) or element.family == family:
        return None
    return Edit(element_id, _("Use {font}").format(font=family), {"family": family})


def edits_for_fix(doc: Document, fix: Fix, palette: list[str] | None = None) -> list[Edit]:
    """The edits that carry out ``fix`` (a finding's quick fix); ``palette`` defaults to the
    one in the fix's parameters."""
    p = fix.params
    inks = palette or p.get("palette") or ([p["to"]] if "to" in p else [])
    edits: list[Edit | None] = []
    if fix.kind == "snap_color":
        edits = [snap_color(doc, e, inks) for e in p.get("elements", [])]
    elif fix.kind == "posterize_image":
        edits = [posterize_image(doc, p["element"], inks)]
    elif fix.kind == "move_inside":
        edits = [move_inside(doc, p["element"], Box(*p["box"]))]
    elif fix.kind == "scale_required":
        zone = Box(*p["zone"]) if p.get("zone") else None
        edits = [scale_required(doc, p["element"], p["min_width"], zone)]
    elif fix.kind == "swap_font":
        edits = [swap_font(doc, p["element"], p["family"])]
    else:
        raise ValueError(f"unknown fix {fix.kind!r}")
    return [e for e in edits if e is not None]


__all__ = [
    "Edit",
    "apply_edit",
    "edits_for_fix",
    "move_inside",
    "posterize_image",
    "scale_required",
    "snap_color",
    "swap_font",
]
