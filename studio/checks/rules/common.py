"""Helpers the rule modules share: artwork leaves grouped by the element a user selects."""

from __future__ import annotations

from studio.checks.svgtree import Leaf
from studio.document.geometry import Box


def is_artwork(leaf: Leaf) -> bool:
    """Leaves that put something on the print: paint, text or an image."""
    if leaf.box is None:
        return False
    if leaf.tag == "image":
        return True
    return leaf.paints_fill or leaf.paints_stroke


def by_element(leaves: list[Leaf]) -> list[tuple[str | None, Box, list[Leaf]]]:
    """Artwork leaves grouped by reporting element, in paint order, with their union box."""
    groups: dict[object, tuple[str | None, Box, list[Leaf]]] = {}
    for i, leaf in enumerate(leaves):
        if not is_artwork(leaf) or leaf.box is None:
            continue
        key: object = leaf.element if leaf.element else i
        if key in groups:
            element, box, members = groups[key]
            members.append(leaf)
            groups[key] = (element, box.union(leaf.box), members)
        else:
            groups[key] = (leaf.element, leaf.box, [leaf])
    return list(groups.values())


def overflow(inner: Box, outer: Box) -> float:
    """How far ``inner`` reaches beyond ``outer`` (0 when inside), in mm."""
    return max(
        0.0,
        outer.x - inner.x,
        outer.y - inner.y,
        inner.right - outer.right,
        inner.bottom - outer.bottom,
    )


def covers(box: Box, other: Box) -> bool:
    return box.contains(other, tolerance=0.01)
