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
Hand a worker ``document_copy(document)``, made where nobody edits meanwhile: the same as a
deep copy for the session, in a tenth of the time.

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
from studio.checks.imagecrop import ImageCrops
from studio.checks.inkcount import ClusterMemo, Histogram, analyse, histogram
from studio.checks.model import Report
from studio.checks.svgtree import Leaf, TreeCache, local
from studio.design import Design, design_from_document
from studio.document.geometry import Box
from studio.document.model import Document, Element, Group, Image
from studio.document.namespaces import INKSCAPE, SVG, XLINK, motif, q

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

    def swap(self, new: dict[tuple[int, int], Histogram]) -> None:
        """Put in the new histograms of some tiles: their difference with the old ones is
        summed first, so the running sum is patched once (inserting colours copies it)."""
        parts: list[tuple[Histogram, int]] = []
        for key, hist in new.items():
            old = self.hists.get(key)
            if old is not None:
                parts.append((old, -1))
            parts.append((hist, 1))
            self.hists[key] = hist
        if parts:
            self._add(_signed_sum(parts), 1)

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
        """The sum (it may hold colours whose count fell to zero: no ink is made of those;
        they are dropped once they are a tenth of the colours)."""
        keep = self.counts > 0
        if len(keep) - np.count_nonzero(keep) > len(keep) // 10:
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
        self._pieces: dict[int, tuple[Leaf, str]] = {}
        self._ink_memo = ClusterMemo()
        self._top_boxes: dict[ET.Element, Box | None] = {}
        self._crops = ImageCrops()

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
        sigs = {key: (sig, box) for key, sig, box in self._signatures(ctx.tree.leaves)}
        frame = _frame_signature(ctx)
        if self._wants_inks(ctx):
            self._update_tiles(ctx, sigs, frame)
            assert self._tiles is not None
            ctx.extra["inks"] = analyse(
                self._tiles.total(),
                self._tiles.ppm,
                self.brief.inks.delta_e,
                memo=self._ink_memo,
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
        self._render_tiles(ctx, tiles, dirty)

    def _render_tiles(self, ctx: CheckContext, tiles: _Tiles, dirty: set[tuple[int, int]]) -> None:
        """Render the dirty tiles again and swap their histograms into the sum: in one crop
        render when they make (most of) a rectangle, as one edit's tiles do, else one by
        one."""
        if not dirty:
            return
        stack = _Stack(ctx, self._top_boxes, self._crops)
        self._top_boxes = stack.boxes
        xs, ys = [k[0] for k in dirty], [k[1] for k in dirty]
        span = (min(xs), min(ys), max(xs), max(ys))
        area = (span[2] - span[0] + 1) * (span[3] - span[1] + 1)
        regions = [span] if area <= 2 * len(dirty) else [(*k, *k) for k in sorted(dirty)]
        new = {}
        for tx0, ty0, tx1, ty1 in regions:
            x0, y0, _, _ = tiles.px_box((tx0, ty0))
            _, _, x1, y1 = tiles.px_box((tx1, ty1))
            rgba = stack.render(tiles.ppm, x0 - 1, y0 - 1, x1 + 1, y1 + 1)
            for key in sorted(dirty):
                if tx0 <= key[0] <= tx1 and ty0 <= key[1] <= ty1:
                    kx0, ky0, kx1, ky1 = tiles.px_box(key)
                    tile = rgba[ky0 - y0 : ky1 - y0 + 2, kx0 - x0 : kx1 - x0 + 2]
                    new[key] = histogram(tile, 0, apron=1)
        tiles.swap(new)
        self.stats.tiles_rendered += len(new)

    def _full_tiles(self, ctx: CheckContext, ppm: float, width: int, height: int) -> None:
        from studio.render.raster import render_rgba

        self.stats.full = True
        self._tiles = tiles = _Tiles(ppm, width, height)
        self._beneath.clear()
        svg = restore(ctx.design.svg, ctx.blobs)
        rgba = np.pad(render_rgba(svg, width, height), ((1, 1), (1, 1), (0, 0)))
        ctx.pixels_override = (rgba[1:-1, 1:-1], ppm)
        self._crops.prepare(ctx.tree.leaves)
        new = {}
        for ty in range((height + TILE_PX - 1) // TILE_PX):
            for tx in range((width + TILE_PX - 1) // TILE_PX):
                x0, y0, x1, y1 = tiles.px_box((tx, ty))
                tile = rgba[y0 : y1 + 2, x0 : x1 + 2]
                new[(tx, ty)] = histogram(tile, 0, apron=1)
        tiles.swap(new)
        self.stats.tiles_rendered += len(new)

    def _signatures(self, leaves: list[Leaf]) -> list[tuple[object, str, Box | None]]:
        """One signature per reporting element: what it draws and where. A leaf the tree
        cache reused is the same object as last time, so its part is not made again."""
        per: dict[object, list[str]] = {}
        boxes: dict[object, Box | None] = {}
        pieces: dict[int, tuple[Leaf, str]] = {}
        for i, leaf in enumerate(leaves):
            key: object = leaf.element or ("#", i)
            known = self._pieces.get(id(leaf))
            piece = known[1] if known is not None and known[0] is leaf else _piece(leaf)
            pieces[id(leaf)] = (leaf, piece)
            per.setdefault(key, []).append(piece)
            box = boxes.get(key, leaf.box)
            boxes[key] = box.union(leaf.box) if box is not None and leaf.box is not None else None
        self._pieces = pieces
        return [
            (k, hashlib.sha1("\n".join(v).encode()).hexdigest(), boxes[k]) for k, v in per.items()
        ]


def _piece(leaf: Leaf) -> str:
    attrs = tuple(
        sorted(
            (k, v if len(v) < 512 else f"{len(v)}:{hash(v)}") for k, v in leaf.node.attrib.items()
        )
    )
    return repr((leaf.tag, attrs, leaf.matrix, leaf.fill, leaf.stroke, leaf.opacity, leaf.text))


def document_copy(doc: Document) -> Document:
    """A copy of ``doc`` that later edits of ``doc`` do not reach, for checking elsewhere
    (the GUI's check worker). What the model can change in place (documents, layers,
    elements, styles, gradients, lists, dicts) is copied; what it cannot (numbers, strings,
    bytes, and the tuples of transforms and path commands) is shared. ``copy.deepcopy``
    visits every number of every path: 15-30 ms for the reference motif, this about 2."""
    copied = _copy(doc)
    assert isinstance(copied, Document)
    return copied


def _copy(value: object) -> object:
    kind = type(value)
    if kind in _SHARED:
        return value
    if kind is list:
        items: list[object] = value  # type: ignore[assignment]
        if all(type(v) is tuple for v in items):  # path commands: tuples of numbers
            return list(items)
        return [_copy(v) for v in items]
    if kind is dict:
        return {k: _copy(v) for k, v in value.items()}  # type: ignore[attr-defined]
    if not hasattr(kind, "__dataclass_fields__"):
        raise TypeError(f"document_copy cannot copy a {kind.__name__}")
    out = object.__new__(kind)
    out.__dict__.update({k: _copy(v) for k, v in vars(value).items()})
    return out


_SHARED = frozenset({str, int, float, bool, bytes, tuple, type(None)})


def _frame_signature(ctx: CheckContext) -> str:
    """Everything outside the elements that can change pixels: defs, styles, the root."""
    parts = [repr(sorted(ctx.root.attrib.items()))]
    for node in ctx.root.iter():
        if local(node.tag) in ("defs", "style", "linearGradient", "radialGradient", "pattern"):
            parts.append(ET.tostring(node, encoding="unicode"))
    return hashlib.sha1("".join(parts).encode()).hexdigest()


class _Stack:
    """The design's top-level drawn elements (children of plain layers and of the root) with
    their boxes, worked out once per update, for crop renders that leave out every element
    that cannot paint into the region. ``known`` holds the last update's boxes by node: a
    node the tree cache reused is the same object, with the same leaves."""

    def __init__(
        self, ctx: CheckContext, known: dict[ET.Element, Box | None], crops: ImageCrops
    ) -> None:
        self.ctx, self.crops = ctx, crops
        self.parents = parent_map(ctx.root)
        self.tops = _top_elements(ctx.root)
        used = _used_ids(ctx.root)
        self.kept: set[ET.Element] = set()  # referenced from elsewhere: always rendered
        if used:
            for top in self.tops:
                if any(n.get("id") in used for n in top.iter()):
                    self.kept.add(top)
        by_node: dict[ET.Element, list[Leaf]] = {}
        for leaf in ctx.tree.leaves:
            by_node.setdefault(leaf.node, []).append(leaf)
        self.boxes: dict[ET.Element, Box | None] = {}  # inflated by half a millimetre
        for top in self.tops:
            if top in known:
                self.boxes[top] = known[top]
                continue
            leaves = [leaf for n in top.iter() for leaf in by_node.get(n, ())]
            if leaves:
                box = _union_all([leaf.box for leaf in leaves])
                self.boxes[top] = box.inflate(0.5) if box is not None else None
            # a top without leaves draws nothing: never in the way

    def not_touching(self, box: Box) -> list[ET.Element]:
        out = []
        for top in self.tops:
            if top in self.kept:
                continue
            if top not in self.boxes:
                out.append(top)
                continue
            b = self.boxes[top]
            if b is not None and not b.intersects(box):
                out.append(top)
        return out

    def render(self, ppm: float, x0: int, y0: int, x1: int, y1: int) -> NDArray[np.uint8]:
        """Pixels ``x0..x1`` × ``y0..y1`` of the working-resolution canvas."""
        ctx = self.ctx
        box = Box(x0 / ppm, y0 / ppm, (x1 - x0) / ppm, (y1 - y0) / ppm)
        blobs = dict(ctx.blobs)
        with self.crops.cut(ctx.tree.leaves, box, blobs):
            return render_region(
                ctx.root,
                ctx.tree.root_matrix,
                box,
                x1 - x0,
                y1 - y0,
                self.not_touching(box),
                self.parents,
                blobs,
            )


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


def _signed_sum(parts: list[tuple[Histogram, int]]) -> Histogram:
    """``sum(sign * histogram)``, without the colours whose counts cancel out."""
    colors = np.concatenate([h.colors for h, _ in parts])
    uniq, inverse = np.unique(colors, return_inverse=True)

    def summed(values: list[NDArray[np.int64]]) -> NDArray[np.int64]:
        # float64 weights add integers exactly far beyond any pixel count
        weights = np.concatenate(values).astype(np.float64)
        return np.bincount(inverse, weights=weights, minlength=len(uniq)).astype(np.int64)

    counts = summed([sign * h.counts for h, sign in parts])
    inner = summed([sign * h.interior_counts for h, sign in parts])
    moved = (counts != 0) | (inner != 0)
    return Histogram(
        uniq[moved].astype(np.int64),
        counts[moved],
        inner[moved],
        sum(sign * h.artwork for h, sign in parts),
        sum(sign * h.partial_interior for h, sign in parts),
    )


def _used_ids(root: ET.Element) -> set[str]:
    ids = set()
    for node in root.iter(q(SVG, "use")):
        href = node.get("href") or node.get(q(XLINK, "href")) or ""
        ids.add(href.lstrip("#"))
    return ids


def _union_all(boxes: list[Box | None]) -> Box | None:
    """The union of ``boxes``; None (unbounded) if any is None."""
    out = boxes[0]
    for box in boxes[1:]:
        if out is None or box is None:
            return None
        out = out.union(box)
    return out


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
