"""Live re-checking for the editor's checks panel: only what an edit changed is redone.

Using it (the GUI owns the panel; this is all it needs)::

    session = CheckSession(brief)
    report = session.update(document)        # a Document, or any Design
    report.by_severity()                     # {"error": [Finding...], "warning": [...]}
    report.for_element(element_id)           # findings that name one element
    for finding in report.findings:
        finding.fix                          # None, or a Fix the panel can offer as a button
    edits = edits_for_fix(document, finding.fix)   # studio.checks.fixes: pure Edit objects;
                                                    # wrap each in one QUndoCommand

Call ``update`` after every committed edit (from a worker thread if you like: a session is
not thread-safe, so one worker owns it). ``session.stats`` tells what the last update redid.

How it stays fast:

- Geometry rules (bounds, required elements, text size/font/coverage, strokes, image DPI)
  re-run on the flattened SVG every time: for a few hundred elements that is milliseconds.
- Inks: the canvas is cut into tiles at the check's working resolution; each tile keeps the
  colour histogram of its pixels, and the session keeps the sum of all tiles in sorted sparse
  arrays (all opaque pixels, interior pixels), patched in place. Each element has a signature
  (its attributes, transform, computed paint, box); after an edit, only the tiles under the
  old or new box of a changed element are rendered again: a crop render of that region, from
  an SVG stripped of the elements that do not touch it, with a one-pixel apron so interior
  pixels at tile edges are judged as in a full render. Their histograms are swapped into the
  sum, and clustering runs on the summed histogram.
- Images: the session serialises a copy of the document whose images carry a content key
  instead of their base64 bytes; the key is mapped back to the bytes only for the renderer.
- Text contrast: what lies beneath a text is cached under a key made of the text's signature
  and the signatures of every element under it.
- Anything the signatures cannot see (``<defs>`` or ``<style>`` changed, another canvas
  size, a PNG/JPEG design) falls back to a full check.
"""

from __future__ import annotations

import base64
import hashlib
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from studio.brief.model import Brief
from studio.checks.blobs import restore
from studio.checks.context import MAX_WORKING_PIXELS, WORKING_DPI, CheckContext
from studio.checks.croprender import parent_map, render_region
from studio.checks.engine import run_context
from studio.checks.inkcount import Histogram, analyse, histogram
from studio.checks.model import Report
from studio.checks.svgtree import Leaf, TreeCache, local
from studio.design import Design, design_from_document
from studio.document.geometry import Box
from studio.document.model import Document, Element, Group, Image
from studio.document.namespaces import INKSCAPE, motif, q

TILE_PX = 256
INKSCAPE_MODE = q(INKSCAPE, "groupmode")


@dataclass
class SessionStats:
    """What the last :meth:`CheckSession.update` did."""

    full: bool = False
    changed_elements: int = 0
    tiles_rendered: int = 0
    seconds: float = 0.0


@dataclass
class _Tiles:
    """Per-tile histograms and their running sum, kept as sorted sparse arrays (an edit
    changes a few hundred colours; the sum is patched in place, never rebuilt)."""

    ppm: float
    width: int
    height: int
    hists: dict[tuple[int, int], Histogram] = field(default_factory=dict)
    colors: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    counts: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    inner: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    artwork: int = 0
    partial: int = 0

    def swap(self, key: tuple[int, int], new: Histogram) -> None:
        old = self.hists.get(key)
        if old is not None:
            self._add(old, -1)
        self._add(new, 1)
        self.hists[key] = new

    def _add(self, h: Histogram, sign: int) -> None:
        self.artwork += sign * h.artwork
        self.partial += sign * h.partial_interior
        if not h.colors.size:
            return
        idx = np.searchsorted(self.colors, h.colors)
        found = idx < len(self.colors)
        found[found] = self.colors[idx[found]] == h.colors[found]
        self.counts[idx[found]] += sign * h.counts[found]
        self.inner[idx[found]] += sign * h.interior_counts[found]
        missing = ~found
        if missing.any():
            at = idx[missing]
            self.colors = np.insert(self.colors, at, h.colors[missing])
            self.counts = np.insert(self.counts, at, sign * h.counts[missing])
            self.inner = np.insert(self.inner, at, sign * h.interior_counts[missing])

    def total(self) -> Histogram:
        keep = self.counts > 0
        if not keep.all():
            self.colors, self.counts, self.inner = (
                self.colors[keep],
                self.counts[keep],
                self.inner[keep],
            )
        return Histogram(self.colors, self.counts, self.inner, self.artwork, self.partial)

    def keys_in(self, box: Box) -> list[tuple[int, int]]:
        x0 = max(0, int(box.x * self.ppm) - 2) // TILE_PX
        y0 = max(0, int(box.y * self.ppm) - 2) // TILE_PX
        x1 = min(self.width - 1, int(box.right * self.ppm) + 2) // TILE_PX
        y1 = min(self.height - 1, int(box.bottom * self.ppm) + 2) // TILE_PX
        return [(tx, ty) for ty in range(y0, y1 + 1) for tx in range(x0, x1 + 1)]

    def px_box(self, key: tuple[int, int]) -> tuple[int, int, int, int]:
        tx, ty = key
        x0, y0 = tx * TILE_PX, ty * TILE_PX
        return x0, y0, min(self.width, x0 + TILE_PX), min(self.height, y0 + TILE_PX)


class CheckSession:
    """Holds the last results per element and per tile; see the module docstring."""

    def __init__(self, brief: Brief, *, now: datetime | None = None) -> None:
        self.brief = brief
        self.now = now
        self.report: Report | None = None
        self.stats = SessionStats()
        self._sigs: dict[object, tuple[str, Box | None]] = {}
        self._frame_sig = ""
        self._tiles: _Tiles | None = None
        self._beneath: dict[object, object] = {}
        self._image_keys: dict[int, tuple[bytes, str, str]] = {}
        self._tree_cache = TreeCache()

    def update(self, source: Document | Design) -> Report:
        """Re-check after an edit; returns the new report (also kept in ``self.report``)."""
        start = time.perf_counter()
        blobs: dict[str, str] = {}
        if isinstance(source, Document):
            stubbed, blobs = self._stub_images(source)
            design = design_from_document(stubbed)
        else:
            design = source
        ctx = CheckContext(
            design, self.brief, now=self.now, known_blobs=blobs, tree_cache=self._tree_cache
        )
        self.stats = SessionStats()
        if design.is_raster:
            self.stats.full = True
            self.report = run_context(ctx)
            self.stats.seconds = time.perf_counter() - start
            return self.report
        sigs = {key: (sig, box) for key, sig, box in _signatures(ctx.tree.leaves)}
        frame = _frame_signature(ctx)
        if self._wants_inks(ctx):
            self._update_tiles(ctx, sigs, frame)
            assert self._tiles is not None
            ctx.extra["inks"] = analyse(
                self._tiles.total(), self._tiles.ppm, self.brief.inks.delta_e
            )
        ctx.extra["beneath_cache"] = self._beneath
        ctx.extra["beneath_key"] = _beneath_key(sigs)
        if len(self._beneath) > 256:
            self._beneath.clear()
        self._sigs, self._frame_sig = sigs, frame
        self.report = run_context(ctx)
        self.stats.seconds = time.perf_counter() - start
        return self.report

    def _stub_images(self, doc: Document) -> tuple[Document, dict[str, str]]:
        """A copy of ``doc`` whose images carry a short key instead of their bytes, and the
        key -> data URI map: serialising and parsing megabytes of base64 on every edit would
        cost more than the whole re-check. The document itself is not touched."""
        blobs: dict[str, str] = {}
        keys = {}

        def swap(element: Element) -> Element:
            if isinstance(element, Image) and len(element.data) > 4096:
                cached = self._image_keys.get(id(element.data))
                if cached is None or cached[0] is not element.data:
                    digest = hashlib.sha1(element.data).hexdigest()
                    href = f"data:{element.mime};base64," + base64.b64encode(element.data).decode()
                    cached = (element.data, digest, href)
                    self._image_keys[id(element.data)] = cached
                mime = f"{element.mime};motif-blob={cached[1]}"
                blobs[f"data:{mime};base64,"] = cached[2]
                keys[id(element.data)] = cached
                return replace(element, data=b"", mime=mime)
            if isinstance(element, Group):
                return replace(element, children=[swap(c) for c in element.children])
            return element

        layers = [
            replace(layer, elements=[swap(e) for e in layer.elements]) for layer in doc.layers
        ]
        self._image_keys = keys
        return replace(doc, layers=layers), blobs

    def _wants_inks(self, ctx: CheckContext) -> bool:
        inks = self.brief.inks
        return inks.max_colors is not None or bool(inks.palette_only and inks.palette)

    def _update_tiles(
        self, ctx: CheckContext, sigs: dict[object, tuple[str, Box | None]], frame: str
    ) -> None:
        w_mm, h_mm = ctx.size_mm
        ppm = min(self.brief.dpi, WORKING_DPI) / 25.4
        if w_mm * h_mm * ppm * ppm > MAX_WORKING_PIXELS:
            ppm = (MAX_WORKING_PIXELS / (w_mm * h_mm)) ** 0.5
        width, height = max(1, round(w_mm * ppm)), max(1, round(h_mm * ppm))
        tiles = self._tiles
        if (
            tiles is None
            or frame != self._frame_sig
            or (tiles.width, tiles.height)
            != (
                width,
                height,
            )
        ):
            self._full_tiles(ctx, ppm, width, height)
            return
        changed = [k for k in set(sigs) | set(self._sigs) if sigs.get(k) != self._sigs.get(k)]
        self.stats.changed_elements = len(changed)
        dirty: set[tuple[int, int]] = set()
        for key in changed:
            for entry in (sigs.get(key), self._sigs.get(key)):
                if entry is None:
                    continue
                if entry[1] is None:
                    self._full_tiles(ctx, ppm, width, height)
                    return
                dirty.update(tiles.keys_in(entry[1]))
        parents = parent_map(ctx.root)
        for key in sorted(dirty):
            tiles.swap(key, self._render_tile(ctx, tiles, key, parents))
            self.stats.tiles_rendered += 1

    def _full_tiles(self, ctx: CheckContext, ppm: float, width: int, height: int) -> None:
        from studio.render.raster import render_rgba

        self.stats.full = True
        self._tiles = tiles = _Tiles(ppm, width, height)
        self._beneath.clear()
        svg = restore(ctx.design.svg, ctx.blobs)
        rgba = np.pad(render_rgba(svg, width, height), ((1, 1), (1, 1), (0, 0)))
        ctx.pixels_override = (rgba[1:-1, 1:-1], ppm)
        for ty in range((height + TILE_PX - 1) // TILE_PX):
            for tx in range((width + TILE_PX - 1) // TILE_PX):
                x0, y0, x1, y1 = tiles.px_box((tx, ty))
                tile = rgba[y0 : y1 + 2, x0 : x1 + 2]
                tiles.swap((tx, ty), histogram(tile, 0, apron=1))
                self.stats.tiles_rendered += 1

    def _render_tile(
        self,
        ctx: CheckContext,
        tiles: _Tiles,
        key: tuple[int, int],
        parents: dict[ET.Element, ET.Element],
    ) -> Histogram:
        x0, y0, x1, y1 = tiles.px_box(key)
        ppm = tiles.ppm
        box = Box((x0 - 1) / ppm, (y0 - 1) / ppm, (x1 - x0 + 2) / ppm, (y1 - y0 + 2) / ppm)
        rgba = render_region(
            ctx.root,
            ctx.tree.root_matrix,
            box,
            x1 - x0 + 2,
            y1 - y0 + 2,
            _not_touching(ctx, box),
            parents,
            ctx.blobs,
        )
        return histogram(rgba, 0, apron=1)


def _signatures(leaves: list[Leaf]) -> list[tuple[object, str, Box | None]]:
    """One signature per reporting element: what it draws and where."""
    per: dict[object, list[str]] = {}
    boxes: dict[object, Box | None] = {}
    for i, leaf in enumerate(leaves):
        key: object = leaf.element or ("#", i)
        attrs = tuple(
            sorted(
                (k, v if len(v) < 512 else f"{len(v)}:{hash(v)}")
                for k, v in leaf.node.attrib.items()
            )
        )
        per.setdefault(key, []).append(
            repr((leaf.tag, attrs, leaf.matrix, leaf.fill, leaf.stroke, leaf.opacity, leaf.text))
        )
        box = boxes.get(key, leaf.box)
        boxes[key] = box.union(leaf.box) if box is not None and leaf.box is not None else None
    return [(k, hashlib.sha1("\n".join(v).encode()).hexdigest(), boxes[k]) for k, v in per.items()]


def _frame_signature(ctx: CheckContext) -> str:
    """Everything outside the elements that can change pixels: defs, styles, the root."""
    parts = [repr(sorted(ctx.root.attrib.items()))]
    for node in ctx.root.iter():
        if local(node.tag) in ("defs", "style", "linearGradient", "radialGradient", "pattern"):
            parts.append(ET.tostring(node, encoding="unicode"))
    return hashlib.sha1("".join(parts).encode()).hexdigest()


def _not_touching(ctx: CheckContext, box: Box) -> list[ET.Element]:
    """Top-level drawn elements (children of layers and of the root) that cannot paint into
    ``box`` and that nothing references: left out of a tile's crop render."""
    referenced = {n.get("id") for n in ctx.root.iter() if n.get("id")} & _used_ids(ctx.root)
    boxes: dict[ET.Element, Box | None] = {}
    tops = _top_elements(ctx.root)
    owner_of: dict[ET.Element, ET.Element] = {}
    for top in tops:
        for node in top.iter():
            owner_of[node] = top
    for leaf in ctx.tree.leaves:
        owner = owner_of.get(leaf.node)
        if owner is None:
            continue
        current = boxes.get(owner, leaf.box)
        boxes[owner] = (
            current.union(leaf.box) if current is not None and leaf.box is not None else None
        )
    out = []
    for top in tops:
        if top.get("id") in referenced or any(n.get("id") in referenced for n in top.iter()):
            continue
        b = boxes.get(top, Box(-1e9, -1e9, 0, 0))
        if b is not None and not b.inflate(0.5).intersects(box):
            out.append(top)
    return out


def _top_elements(root: ET.Element) -> list[ET.Element]:
    out: list[ET.Element] = []
    for child in root:
        tag = local(child.tag)
        if tag == "g" and _is_plain_layer(child):
            out.extend(c for c in child if local(c.tag) not in ("defs", "style"))
        elif tag not in ("defs", "style", "title", "desc", "metadata", ""):
            out.append(child)
    return out


def _is_plain_layer(node: ET.Element) -> bool:
    """A layer group that only groups: no transform, opacity, clip, mask or filter."""
    layer = node.get(motif("kind")) == "layer" or node.get(INKSCAPE_MODE) == "layer"
    styled = any(node.get(k) for k in ("transform", "opacity", "clip-path", "mask", "filter"))
    return layer and not styled and "opacity" not in node.get("style", "")


def _used_ids(root: ET.Element) -> set[str]:
    ids = set()
    for node in root.iter():
        if local(node.tag) == "use":
            href = node.get("href") or node.get("{http://www.w3.org/1999/xlink}href") or ""
            ids.add(href.lstrip("#"))
    return ids


def _beneath_key(sigs: dict[object, tuple[str, Box | None]]) -> Callable[[Leaf], object]:
    def key(leaf: Leaf) -> object:
        own = sigs.get(leaf.element) if leaf.element else None
        if own is None or leaf.box is None:
            return None
        under = tuple(
            sorted(
                s
                for k, (s, b) in sigs.items()
                if k != leaf.element and (b is None or b.intersects(leaf.box))
            )
        )
        return (leaf.element, own[0], under)

    return key
