"""Editing operations on the document as pure functions: align, distribute, z-order, group,
ungroup, duplicate, delete, move.

They live in core so the editor's commands only call them and tests run them headless. Geometric
operations return the new transforms (``{id: Matrix}``) without touching the model, so the caller
can make them one undoable step; structural ones edit the document in place and the caller
snapshots it (see :func:`snapshot`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Literal

from studio.document.geometry import Box, Matrix, multiply, translate
from studio.document.model import Document, Element, Group, Guide, Layer, new_id, walk_elements
from studio.document.shapes import bounds
from studio.i18n import _

AlignMode = Literal["left", "hcenter", "right", "top", "vcenter", "bottom"]


def union_box(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    out = boxes[0]
    for box in boxes[1:]:
        out = out.union(box)
    return out


def element_box(doc: Document, element_id: str) -> Box | None:
    """The element's box on the artboard (its ancestors' transforms applied)."""
    element = doc.find(element_id)
    if element is None:
        return None
    return bounds(element, parent_matrix(doc, element_id))


def parent_matrix(doc: Document, element_id: str) -> Matrix:
    """The product of the transforms of the groups that hold the element."""
    for layer in doc.layers:
        chain = _chain(layer.elements, element_id)
        if chain is not None:
            m: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            for group in chain:
                m = multiply(m, group.transform)
            return m
    return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _chain(elements: list[Element], element_id: str) -> list[Group] | None:
    for element in elements:
        if element.id == element_id:
            return []
        if isinstance(element, Group):
            inner = _chain(element.children, element_id)
            if inner is not None:
                return [element, *inner]
    return None


def selection_box(doc: Document, ids: list[str]) -> Box | None:
    return union_box([b for b in (element_box(doc, i) for i in ids) if b is not None])


def is_locked(doc: Document, element_id: str) -> bool:
    """Locked itself, or in a locked layer: such elements are never moved or edited."""
    element = doc.find(element_id)
    layer = doc.layer_of(element_id)
    return element is None or element.locked or (layer is not None and layer.locked)


def movable(doc: Document, ids: list[str]) -> list[str]:
    return [i for i in ids if not is_locked(doc, i)]


def moved(doc: Document, ids: list[str], dx: float, dy: float) -> dict[str, Matrix]:
    """New transforms moving the unlocked ``ids`` by ``dx, dy`` mm on the artboard."""
    out = {}
    for element_id in movable(doc, ids):
        element = doc.find(element_id)
        assert element is not None
        out[element_id] = multiply(translate(dx, dy), element.transform)
    return out


def transformed(doc: Document, ids: list[str], m: Matrix) -> dict[str, Matrix]:
    """New transforms applying ``m`` (artboard coordinates) to the unlocked top-level ``ids``."""
    out = {}
    for element_id in movable(doc, ids):
        element = doc.find(element_id)
        assert element is not None
        out[element_id] = multiply(m, element.transform)
    return out


def aligned(
    doc: Document, ids: list[str], mode: AlignMode, to: Box | None = None
) -> dict[str, Matrix]:
    """Align the elements' boxes on one edge or centre of ``to`` (default: the selection's
    box, or the artboard when a single element is aligned)."""
    ids = movable(doc, ids)
    if not ids:
        return {}
    if to is None:
        to = doc.trim_box if len(ids) == 1 else selection_box(doc, ids)
    assert to is not None
    out = {}
    for element_id in ids:
        box = element_box(doc, element_id)
        if box is None:
            continue
        dx = dy = 0.0
        if mode == "left":
            dx = to.x - box.x
        elif mode == "hcenter":
            dx = to.center[0] - box.center[0]
        elif mode == "right":
            dx = to.right - box.right
        elif mode == "top":
            dy = to.y - box.y
        elif mode == "vcenter":
            dy = to.center[1] - box.center[1]
        else:
            dy = to.bottom - box.bottom
        out.update(moved(doc, [element_id], dx, dy))
    return out


def distributed(doc: Document, ids: list[str], axis: Literal["x", "y"]) -> dict[str, Matrix]:
    """Equal gaps between the elements along ``axis``; the outermost two stay put."""
    boxes = [(i, element_box(doc, i)) for i in movable(doc, ids)]
    items = [(i, b) for i, b in boxes if b is not None]
    if len(items) < 3:
        return {}
    horizontal = axis == "x"
    items.sort(key=lambda p: p[1].x if horizontal else p[1].y)
    first, last = items[0][1], items[-1][1]
    span = (last.right - first.x) if horizontal else (last.bottom - first.y)
    sizes = sum(b.width if horizontal else b.height for _, b in items)
    gap = (span - sizes) / (len(items) - 1)
    pos = first.right + gap if horizontal else first.bottom + gap
    out = {}
    for element_id, box in items[1:-1]:
        delta = pos - (box.x if horizontal else box.y)
        out.update(moved(doc, [element_id], delta if horizontal else 0, 0 if horizontal else delta))
        pos += (box.width if horizontal else box.height) + gap
    return out


def restack(
    doc: Document, ids: list[str], where: Literal["raise", "lower", "top", "bottom"]
) -> bool:
    """Move each element one step or all the way up or down within its own list."""
    changed = False
    for element_id in ids:
        siblings = doc.parent_list(element_id)
        if siblings is None:
            continue
        index = next(i for i, e in enumerate(siblings) if e.id == element_id)
        target = {
            "raise": min(index + 1, len(siblings) - 1),
            "lower": max(index - 1, 0),
            "top": len(siblings) - 1,
            "bottom": 0,
        }[where]
        if target != index:
            siblings.insert(target, siblings.pop(index))
            changed = True
    return changed


def remove(doc: Document, ids: list[str]) -> list[str]:
    """Delete the unlocked elements; returns the ids removed."""
    removed = []
    for element_id in movable(doc, ids):
        siblings = doc.parent_list(element_id)
        if siblings is not None:
            siblings[:] = [e for e in siblings if e.id != element_id]
            removed.append(element_id)
    return removed


def fresh_copy(element: Element) -> Element:
    """A deep copy with new ids everywhere, unlocked and no longer a required element."""
    clone = copy.deepcopy(element)
    for node in walk_elements([clone]):
        node.id = new_id()
        node.required = None
        node.locked = False
    if clone.name:
        clone.name = _("{name} copy").format(name=clone.name)
    return clone


def duplicate(doc: Document, ids: list[str], offset: float = 5.0) -> list[str]:
    """Copies placed just above their originals, shifted by ``offset`` mm; their new ids."""
    new_ids = []
    for element_id in ids:
        siblings = doc.parent_list(element_id)
        element = doc.find(element_id)
        if siblings is None or element is None:
            continue
        clone = fresh_copy(element)
        clone.transform = multiply(translate(offset, offset), clone.transform)
        index = next(i for i, e in enumerate(siblings) if e.id == element_id)
        siblings.insert(index + 1, clone)
        new_ids.append(clone.id)
    return new_ids


def group(doc: Document, ids: list[str]) -> str | None:
    """Gather top-level unlocked elements, in their stacking order, into a new group that takes
    the topmost one's place; the group's id (``None`` with fewer than two elements)."""
    chosen = set(movable(doc, ids))
    members = [e for lay in doc.layers for e in lay.elements if e.id in chosen]
    if len(members) < 2:
        return None
    top = members[-1]
    layer = _top_layer(doc, top.id)
    assert layer is not None
    new = Group(children=members, name="Group")
    layer.elements[layer.elements.index(top)] = new
    for lay in doc.layers:
        lay.elements[:] = [e for e in lay.elements if e.id not in chosen]
    return new.id


def ungroup(doc: Document, group_id: str) -> list[str]:
    """Replace a group by its children (the group's transform and opacity folded into them)."""
    element = doc.find(group_id)
    siblings = doc.parent_list(group_id)
    if not isinstance(element, Group) or siblings is None or is_locked(doc, group_id):
        return []
    index = siblings.index(element)
    for child in element.children:
        child.transform = multiply(element.transform, child.transform)
        child.style.opacity *= element.style.opacity
    siblings[index : index + 1] = element.children
    return [c.id for c in element.children]


def move_to_layer(doc: Document, ids: list[str], layer_id: str, index: int | None = None) -> None:
    """Move elements (top of the target when ``index`` is None) keeping their order."""
    target = next(lay for lay in doc.layers if lay.id == layer_id)
    members = [e for e in doc.walk() if e.id in ids]
    for element_id in ids:
        siblings = doc.parent_list(element_id)
        if siblings is not None:
            siblings[:] = [e for e in siblings if e.id != element_id]
    position = len(target.elements) if index is None else max(0, min(index, len(target.elements)))
    target.elements[position:position] = members


def _top_layer(doc: Document, element_id: str) -> Layer | None:
    return next((lay for lay in doc.layers if any(e.id == element_id for e in lay.elements)), None)


@dataclass
class Snapshot:
    """The document's structure at one moment (layers, their elements, the guides)."""

    layers: list[Layer]
    guides: list[Guide]


def snapshot(doc: Document) -> Snapshot:
    return Snapshot(copy.deepcopy(doc.layers), copy.deepcopy(doc.guides))


def restore(doc: Document, snap: Snapshot) -> None:
    doc.layers = copy.deepcopy(snap.layers)
    doc.guides = copy.deepcopy(snap.guides)
