"""Rendering one region of a design, optionally without some elements.

The crop is made by rewriting the root ``viewBox`` to the region and rendering through the
shared renderer (``studio.render.raster``): the same drawing as a full render, up to the
renderer's clipping at the crop's edges (anti-aliased edges may differ by a level or two,
which is why the ink checks always count the same tiles: ``studio.checks.tiles``). Used for
text contrast (what lies *beneath* a text) and by the tiles.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from studio.checks.blobs import restore
from studio.document.geometry import Box, Matrix, invert

ROOT_ATTRS = ("viewBox", "width", "height", "preserveAspectRatio")


def parent_map(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def render_region(
    root: ET.Element,
    root_matrix: Matrix,
    box: Box,
    width_px: int,
    height_px: int,
    without: Iterable[ET.Element] = (),
    parents: dict[ET.Element, ET.Element] | None = None,
    blobs: dict[str, str] | None = None,
) -> NDArray[np.uint8]:
    """``box`` (mm) rendered to ``width_px`` × ``height_px``, leaving out ``without``."""
    from studio.checks.context import render_checked

    svg = region_svg(root, root_matrix, box, width_px, height_px, without, parents)
    return render_checked(restore(svg, blobs) if blobs else svg, width_px, height_px, "design")


def region_svg(
    root: ET.Element,
    root_matrix: Matrix,
    box: Box,
    width_px: int,
    height_px: int,
    without: Iterable[ET.Element] = (),
    parents: dict[ET.Element, ET.Element] | None = None,
) -> bytes:
    """The SVG of ``box`` (mm) at ``width_px`` × ``height_px``, without ``without`` (embedded
    images still as keys). ``root`` is modified while serialising and put back."""
    parents = parents if parents is not None else parent_map(root)
    skip = set(without)
    before: dict[ET.Element, list[ET.Element]] = {}  # each parent's children, to put back
    for node in skip:
        parent = parents.get(node)
        if parent is not None and parent not in before:
            before[parent] = list(parent)
    saved = {k: root.get(k) for k in ROOT_ATTRS}
    try:
        for parent, children in before.items():
            parent[:] = [child for child in children if child not in skip]
        user = box.transformed(invert(root_matrix))
        root.set("viewBox", f"{user.x!r} {user.y!r} {user.width!r} {user.height!r}")
        root.set("width", str(width_px))
        root.set("height", str(height_px))
        root.set("preserveAspectRatio", "none")
        svg: bytes = ET.tostring(root, encoding="utf-8")
    finally:
        for parent, children in before.items():
            parent[:] = children
        for key, value in saved.items():
            if value is None:
                root.attrib.pop(key, None)
            else:
                root.set(key, value)
    return svg
