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
  Writing and flattening that SVG is incremental too: the writer reuses the nodes of the
  elements an edit left alone (``studio.document.svgwrite``), and the tree cache their walk
  (``studio.checks.svgtree.TreeCache``).
- Inks: the canvas is cut into tiles at the check's working resolution
  (``studio.checks.tiles``, which a full check uses too); each tile keeps the colour
  histogram of its pixels, and the session keeps the sum of all tiles in sorted sparse arrays
  (all opaque pixels, interior pixels), patched in place. The tree cache reuses the node of
  every top-level element an edit left alone, so the elements that changed (or moved in the
  stacking order) are the new nodes; only the tiles those can paint into, before or after,
  are rendered again. A tile is drawn from the same SVG a full check draws it from, so the
  summed histogram, and the clustering on it (memoised by ``ClusterMemo``), are the full
  check's.
- Images: the session serialises a copy of the document whose images carry a content key
  instead of their base64 bytes; the key is mapped back to the bytes only for the renderer.
- Text contrast: what lies beneath a text is cached under a key made of the text's signature
  and the signatures of every element under it.
- Anything the tiles cannot see (``<defs>`` or ``<style>`` changed, another canvas size)
  renders every tile again; a PNG/JPEG design, or one with filter effects, is checked
  whole every time.
"""

from __future__ import annotations

import base64
import hashlib
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from difflib import SequenceMatcher

import numpy as np
from numpy.typing import NDArray

from studio.brief.model import Brief
from studio.checks.blobs import restore
from studio.checks.context import CheckContext
from studio.checks.engine import run_context
from studio.checks.imagecrop import ImageCrops
from studio.checks.inkcount import ClusterMemo, Histogram, analyse, histogram
from studio.checks.model import Report
from studio.checks.svgtree import Leaf, TreeCache, local
from studio.checks.tiles import Tiler, Top, tileable, working_grid
from studio.design import Design, design_from_document
from studio.document.geometry import Box
from studio.document.model import Document, Element, Group, Image


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
    tileable: bool
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
        self._tops: list[ET.Element] = []
        self._known_tops: dict[ET.Element, Top] = {}
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
        self.stats.changed_elements = sum(
            1 for k in set(sigs) | set(self._sigs) if sigs.get(k) != self._sigs.get(k)
        )
        finish: Callable[[], None] | None = None
        if self._wants_inks(ctx):
            inks_ready = self._update_tiles(ctx, frame)

            def finish() -> None:
                inks_ready()
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
        try:
            self.report = run_context(ctx, finish)
        except BaseException:
            self._tiles = None  # tiles may be half swapped in: all drawn again next time
            raise
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

    def _update_tiles(self, ctx: CheckContext, frame: str) -> Callable[[], None]:
        """Start drawing the tiles the edits changed; the function returned swaps their
        histograms into the sum once drawn (the other rules run meanwhile)."""
        ppm, width, height = working_grid(ctx)
        if not tileable(ctx):
            self._whole(ctx, ppm, width, height)
            return lambda: None
        tiler = Tiler(ctx, self._crops, self._known_tops)
        tiles = self._tiles
        if (
            tiles is None
            or not tiles.tileable
            or frame != self._frame_sig
            or (tiles.width, tiles.height) != (width, height)
        ):
            self.stats.full = True
            self._beneath.clear()
            self._tiles = tiles = _Tiles(ppm, width, height, True)
            dirty = set(tiler.tile_keys())
        else:
            dirty = self._dirty(tiler)
        drawn = tiler.start(sorted(dirty))
        self.stats.tiles_rendered += len(dirty)
        self._top_boxes, self._tops = tiler.boxes, list(tiler.tops)
        self._known_tops = tiler.known
        return lambda: tiles.swap(drawn())

    def _dirty(self, tiler: Tiler) -> set[tuple[int, int]]:
        """The tiles whose SVG the edits changed: under the boxes of the top-level elements
        that are new (an edited one is a new node), gone, or moved in the stacking order."""
        now = set(tiler.tops)
        before = set(self._tops)
        changed = [top for top in tiler.tops if top not in before]
        changed += [top for top in self._tops if top not in now]
        # A top whose reach changed without itself changing: another now refers to it.
        changed += [
            top
            for top in tiler.tops
            if top in before
            and (top in tiler.boxes, tiler.boxes.get(top))
            != (top in self._top_boxes, self._top_boxes.get(top))
        ]
        kept_before = [top for top in self._tops if top in now]
        kept_now = [top for top in tiler.tops if top in before]
        if kept_before != kept_now:
            matcher = SequenceMatcher(None, kept_before, kept_now, autojunk=False)
            stable = {
                top
                for block in matcher.get_matching_blocks()
                for top in kept_before[block.a : block.a + block.size]
            }
            changed += [top for top in kept_now if top not in stable]
        dirty: set[tuple[int, int]] = set()
        for top in changed:
            for boxes in (tiler.boxes, self._top_boxes):
                if top in boxes:
                    dirty.update(tiler.keys_in(boxes[top]))
        return dirty

    def _whole(self, ctx: CheckContext, ppm: float, width: int, height: int) -> None:
        """A design the tiles cannot show: rendered whole, every time, as a full check does."""
        from studio.render.raster import render_rgba

        self.stats.full = True
        self._beneath.clear()
        rgba = render_rgba(restore(ctx.design.svg, ctx.blobs), width, height)
        ctx.pixels_override = (rgba, ppm)
        self._tiles = tiles = _Tiles(ppm, width, height, False)
        tiles.swap({(0, 0): histogram(rgba)})
        self.stats.tiles_rendered = 1

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
