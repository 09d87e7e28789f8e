"""Everything the rules share for one check: the design, the brief, the flattened SVG, the
design's size in the brief's terms, and the rendered artwork (made once, on first use).

Working resolution: ink analysis renders at the brief's DPI capped at ``WORKING_DPI`` (150)
and ``MAX_WORKING_PIXELS``. Inks are areas: the smallest feature a brief lets through
(``min_stroke_width``, typically 0.5 mm) is still 3 pixels wide at 150 DPI, and anything
smaller than the speck threshold (1 mm²) is not an ink anyway; thin lines and small text are
measured from the SVG geometry, not pixels. Rendering at 150 rather than 300 DPI costs a
quarter of the time and memory, which is what lets a full check cost about one rasterisation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from studio.brief.model import Brief
from studio.checks.blobs import stash
from studio.checks.svgtree import SvgTree, TreeCache, build_tree
from studio.design import Design
from studio.document import namespaces as ns
from studio.document.geometry import Box, invert
from studio.errors import InputError
from studio.i18n import _
from studio.safety.svg import parse_svg

WORKING_DPI = 150.0
MAX_WORKING_PIXELS = 16_000_000
Pixels = NDArray[np.uint8]


@dataclass
class CheckContext:
    design: Design
    brief: Brief
    output_dir: Path | None = None
    now: datetime | None = None
    pixels_override: tuple[Pixels, float] | None = None
    extra: dict[str, object] = field(default_factory=dict)
    known_blobs: dict[str, str] = field(default_factory=dict)
    """Keys already standing for embedded images in ``design.svg`` (the live session)."""
    tree_cache: TreeCache | None = None
    """The last check's walk of the SVG, to reuse what an edit left alone (the live session)."""

    @cached_property
    def size_mm(self) -> tuple[float, float]:
        """The design's trim size in mm, as the brief sees it: for a pixel canvas, SVG pixels
        count one to one with the brief's pixels."""
        d = self.design
        if self.brief.px_canvas and d.pixel_size and d.document is None:
            w, h = d.pixel_size
            return w * 25.4 / self.brief.dpi, h * 25.4 / self.brief.dpi
        return d.width, d.height

    @cached_property
    def _parsed(self) -> tuple[ET.Element, dict[str, str]]:
        svg, blobs = stash(self.design.svg)
        return parse_svg(svg, self.design.path or "design"), {**self.known_blobs, **blobs}

    @property
    def root(self) -> ET.Element:
        """The parsed SVG, embedded images replaced by keys (see ``studio.checks.blobs``)."""
        return self._parsed[0]

    @property
    def blobs(self) -> dict[str, str]:
        return self._parsed[1]

    @cached_property
    def tree(self) -> SvgTree:
        w, h = self.size_mm
        return build_tree(self.root, w, h, self.blobs, self.tree_cache)

    @cached_property
    def labels(self) -> dict[str, str]:
        label = ns.q(ns.INKSCAPE, "label")
        return {n.get("id", ""): n.get(label, "") for n in self.root.iter() if n.get(label)}

    def name(self, element: str | None, fallback: str | None = None) -> str:
        """How a message names an element: its label in quotes, else ``fallback``."""
        if element and self.labels.get(element):
            # TRANSLATORS: how a check message quotes an element's label.
            return _("“{label}”").format(label=self.labels[element])
        return fallback if fallback is not None else _("An element")

    @property
    def trim(self) -> Box:
        w, h = self.size_mm
        return Box(0.0, 0.0, w, h)

    @cached_property
    def pixels(self) -> tuple[Pixels, float]:
        """The artwork on a transparent ground, ``(rgba, pixels per mm)``."""
        if self.pixels_override is not None:
            return self.pixels_override
        if self.design.raster is not None:
            return raster_pixels(self.design.raster, self.size_mm[0])
        w_mm, h_mm = self.size_mm
        dpi = min(self.brief.dpi, WORKING_DPI)
        ppm = dpi / 25.4
        if w_mm * h_mm * ppm * ppm > MAX_WORKING_PIXELS:
            ppm = (MAX_WORKING_PIXELS / (w_mm * h_mm)) ** 0.5
        width, height = max(1, round(w_mm * ppm)), max(1, round(h_mm * ppm))
        return render_checked(self.design.svg, width, height, self.design.path), ppm

    def user_box(self, box: Box) -> tuple[float, float, float, float]:
        """A box in mm as root user units (for crop renders through ``viewBox``)."""
        inv = invert(self.tree.root_matrix)
        b = box.transformed(inv)
        return b.x, b.y, b.width, b.height


def render_checked(svg: bytes, width: int, height: int, source: str) -> Pixels:
    """Render through the shared renderer; a file it cannot draw is an input error."""
    from studio.render.raster import render_rgba

    try:
        return render_rgba(svg, width, height)
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:
        raise InputError(
            source or "design", _("cannot be rendered ({error})").format(error=exc)
        ) from None


def raster_pixels(data: bytes, width_mm: float) -> tuple[Pixels, float]:
    """A PNG/JPEG design's own pixels (box-reduced when huge), and pixels per mm."""
    from studio.safety.images import open_image

    image = open_image(data, "design")
    factor = 1
    while image.width * image.height / factor**2 > MAX_WORKING_PIXELS:
        factor += 1
    rgba = image.convert("RGBA")
    if factor > 1:
        rgba = rgba.reduce(factor)
    return np.asarray(rgba), rgba.width / width_mm
