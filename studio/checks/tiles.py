"""The artwork's pixels for the ink checks, tile by tile: the same tiles in a full check and
in a live re-check, so that both see the same pixels.

Inks are counted at the working resolution (``studio.checks.context``). The canvas is cut
into tiles of ``TILE_PX`` pixels; each is rendered with a one-pixel apron, so its edge pixels
are judged interior from real neighbours, from an SVG that keeps only the top-level drawn
elements (children of the root, and of groups that only group) that can paint into it. A
crop render is not quite the matching part of a whole-canvas render (the renderer clips
paths to its canvas, which moves anti-aliased edges by a level or two), so a full check
renders these tiles too: a live re-check renders again only the tiles whose SVG changed,
and every tile is always drawn from the same SVG text, whichever check draws it — the
findings cannot differ.

Whether an element can paint into a tile is judged on a generous box: its leaves' boxes, and
more around text (the walker's text boxes are estimates), strokes (mitred corners reach past
half the stroke width) and anything with a filter or markers (never left out). Large photos
are pasted from one render of them at the working resolution (``studio.checks.imagecrop``).

Serialising a tile's SVG edits the tree in place (and puts it back), so it is done on the
calling thread; the drawing, which does not hold the GIL, runs on two threads shared by the
process.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from studio.checks.blobs import restore
from studio.checks.context import MAX_WORKING_PIXELS, WORKING_DPI, CheckContext, render_checked
from studio.checks.croprender import parent_map, region_svg
from studio.checks.imagecrop import ImageCrops
from studio.checks.inkcount import Histogram, histogram
from studio.checks.svgtree import Leaf, local
from studio.document.geometry import Box
from studio.document.namespaces import SVG, XLINK, q

TILE_PX = 256
Key = tuple[int, int]
MARGIN_MM = 0.5  # anti-aliasing, and rounding in the boxes
UNBOUNDED = ("filter", "marker-start", "marker-mid", "marker-end", "marker")


def working_grid(ctx: CheckContext) -> tuple[float, int, int]:
    """Pixels per mm and the canvas size in pixels at the working resolution."""
    w_mm, h_mm = ctx.size_mm
    ppm = min(ctx.brief.dpi, WORKING_DPI) / 25.4
    if w_mm * h_mm * ppm * ppm > MAX_WORKING_PIXELS:
        ppm = (MAX_WORKING_PIXELS / (w_mm * h_mm)) ** 0.5
    return ppm, max(1, round(w_mm * ppm)), max(1, round(h_mm * ppm))


def tileable(ctx: CheckContext) -> bool:
    """Tiles need a vector design without filter effects (a filter's region is the
    element's, and the renderer draws filter documents in a child process: one per tile
    would be slow). Other designs are rendered whole, in both checks."""
    svg = ctx.design.svg
    return not ctx.design.is_raster and b"<fe" not in svg and b":fe" not in svg


@dataclass(frozen=True)
class Top:
    """What a top-level element can paint: ``reach`` (None: anywhere), whether it draws at
    all, the ids inside it (another element may refer to one) and the ids it refers to."""

    reach: Box | None
    draws: bool
    ids: frozenset[str]
    refers: frozenset[str]


class Tiler:
    """The design's top-level drawn elements with the boxes they can paint in, for this
    check. ``known`` holds :class:`Top` by node from the last check (a node the tree cache
    reused is the same object, with the same leaves); ``self.known`` is this check's.

    ``boxes``: each top that draws, with where it can paint (None: anywhere; so is a top
    holding an id another element refers to — a clip, a gradient, a ``<use>`` target — for
    it paints wherever the referring element does)."""

    def __init__(
        self, ctx: CheckContext, crops: ImageCrops, known: dict[ET.Element, Top] | None = None
    ) -> None:
        self.ctx, self.crops = ctx, crops
        self.ppm, self.width, self.height = working_grid(ctx)
        self.parents = parent_map(ctx.root)
        self.tops = _top_elements(ctx.root)
        by_node: dict[ET.Element, list[Leaf]] = {}
        for leaf in ctx.tree.leaves:
            by_node.setdefault(leaf.node, []).append(leaf)
        known = known if known is not None else {}
        self.known: dict[ET.Element, Top] = {}
        self.boxes: dict[ET.Element, Box | None] = {}
        for top in self.tops:
            info = known.get(top)
            self.known[top] = info if info is not None else _top(top, by_node)
        # Who refers to each id: the tops, and whatever lies outside them (defs, groups).
        referrers: dict[str, set[ET.Element | None]] = {}
        for top, info in self.known.items():
            for ref in info.refers:
                referrers.setdefault(ref, set()).add(top)
        for ref in _references_outside(ctx.root, set(self.tops)):
            referrers.setdefault(ref, set()).add(None)
        # A style sheet may pick elements by their siblings (:nth-child, +, ~): leaving any
        # out could restyle the others, so then every tile keeps everything.
        styled = any((n.text or "").strip() for n in ctx.root.iter(q(SVG, "style")))
        for top, info in self.known.items():
            if styled or any(referrers.get(i, set()) - {top} for i in info.ids):
                self.boxes[top] = None
            elif info.draws:
                self.boxes[top] = info.reach
            # a top that draws nothing is left out of every tile
        self._extents: NDArray[np.float64] | None = None

    def tile_keys(self) -> list[Key]:
        return [
            (tx, ty)
            for ty in range((self.height + TILE_PX - 1) // TILE_PX)
            for tx in range((self.width + TILE_PX - 1) // TILE_PX)
        ]

    def keys_in(self, box: Box | None) -> list[Key]:
        """The tiles ``box`` (mm) reaches, apron included; all of them for None."""
        if box is None:
            return self.tile_keys()
        ppm = self.ppm
        x0 = max(0, int(box.x * ppm) - 2) // TILE_PX
        y0 = max(0, int(box.y * ppm) - 2) // TILE_PX
        x1 = min(self.width - 1, int(box.right * ppm) + 2) // TILE_PX
        y1 = min(self.height - 1, int(box.bottom * ppm) + 2) // TILE_PX
        return [(tx, ty) for ty in range(y0, y1 + 1) for tx in range(x0, x1 + 1)]

    def px_box(self, key: Key) -> tuple[int, int, int, int]:
        tx, ty = key
        x0, y0 = tx * TILE_PX, ty * TILE_PX
        return x0, y0, min(self.width, x0 + TILE_PX), min(self.height, y0 + TILE_PX)

    def not_touching(self, box: Box) -> list[ET.Element]:
        if self._extents is None:
            # x0, y0, x1, y1 per top: empty for a top that draws nothing, endless for None
            far, ever = (np.inf, np.inf, -np.inf, -np.inf), (-np.inf, -np.inf, np.inf, np.inf)
            self._extents = np.array(
                [
                    far
                    if top not in self.boxes
                    else ever
                    if (b := self.boxes[top]) is None
                    else (b.x, b.y, b.right, b.bottom)
                    for top in self.tops
                ],
                dtype=np.float64,
            ).reshape(-1, 4)
        e = self._extents
        touching = (e[:, 0] < box.right) & (box.x < e[:, 2]) & (e[:, 1] < box.bottom)
        touching &= box.y < e[:, 3]
        return [top for top, hit in zip(self.tops, touching.tolist(), strict=True) if not hit]

    def tile_box(self, key: Key) -> Box:
        """The tile in mm, apron included."""
        x0, y0, x1, y1 = self.px_box(key)
        ppm = self.ppm
        return Box((x0 - 1) / ppm, (y0 - 1) / ppm, (x1 - x0 + 2) / ppm, (y1 - y0 + 2) / ppm)

    def tile_svg(self, key: Key) -> tuple[bytes, int, int]:
        """The SVG a tile is drawn from (apron included), ready for the renderer."""
        x0, y0, x1, y1 = self.px_box(key)
        w, h = x1 - x0 + 2, y1 - y0 + 2
        box = self.tile_box(key)
        ctx = self.ctx
        blobs = dict(ctx.blobs)
        rect = (x0 - 1, y0 - 1, x1 + 1, y1 + 1)
        with self.crops.cut(ctx.tree.leaves, rect, self.ppm, ctx.tree.root_matrix, blobs):
            svg = region_svg(
                ctx.root, ctx.tree.root_matrix, box, w, h, self.not_touching(box), self.parents
            )
        return restore(svg, blobs), w, h

    def histograms(self, keys: list[Key]) -> dict[Key, Histogram]:
        """Each tile's histogram (its apron only as neighbours)."""
        return self.start(keys)()

    def start(self, keys: list[Key]) -> Callable[[], dict[Key, Histogram]]:
        """Make every tile's SVG now (here: it edits the tree in place, and puts it back)
        and draw them on the tile threads; the function returned waits for the histograms.
        Meanwhile this thread may do other work on the tree (the live session runs the
        other rules)."""
        work = _pool()
        futures = {key: work.submit(_tile_histogram, *self.tile_svg(key)) for key in keys}
        return lambda: {key: future.result() for key, future in futures.items()}


_POOL: list[ThreadPoolExecutor] = []
_POOL_LOCK = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    """The two threads tiles are drawn on, shared by every check of the process (the
    renderer does not hold the GIL, and the machines we run on have two cores)."""
    with _POOL_LOCK:
        if not _POOL:
            _POOL.append(ThreadPoolExecutor(2, "motif-tiles"))
        return _POOL[0]


def total(histograms: list[Histogram]) -> Histogram:
    """The whole canvas's histogram from its tiles'."""
    return Histogram.merge(histograms)


def _tile_histogram(svg: bytes, width: int, height: int) -> Histogram:
    return histogram(render_checked(svg, width, height, "design"), 0, apron=1)


def _top(top: ET.Element, by_node: dict[ET.Element, list[Leaf]]) -> Top:
    nodes = list(top.iter())
    ids = frozenset(i for n in nodes if (i := n.get("id")))
    refers = frozenset(ref for n in nodes for ref in _references(n))
    leaves = [leaf for n in nodes for leaf in by_node.get(n, ())]
    if not leaves:
        return Top(None, False, ids, refers)
    if any(_unbounded(n) for n in nodes):
        return Top(None, True, ids, refers)  # filters, markers: beyond its leaves' boxes
    return Top(_union_all([_reach(leaf) for leaf in leaves]), True, ids, refers)


def _reach(leaf: Leaf) -> Box | None:
    """Where a leaf may paint: its box, plus room for anti-aliasing; for text, what real
    glyphs may take past the walker's estimate (see :func:`_text_reach`); for strokes,
    mitred corners (four half-widths, SVG's default miter limit)."""
    box = leaf.box
    if box is None:
        return None
    if leaf.tag == "text":
        return _text_reach(leaf, box)
    if leaf.paints_stroke:
        return box.inflate(1.5 * leaf.stroke_width + MARGIN_MM)
    return box.inflate(MARGIN_MM)


def _text_reach(leaf: Leaf, box: Box) -> Box | None:
    """The walker gives a letter 0.55 em; the widest letters take under twice that, so a
    line may run 0.85 of its estimated width further, on the side its anchor leaves free
    (half on each side when centred); accents and descenders stand out of the estimated
    1 em high box by less than 0.6 em. Turned text, right-to-left text, or anchors set on
    parts of the text get the extra width on every side."""
    size, margin = leaf.font_size, MARGIN_MM
    for node in leaf.node.iter():
        if any(node.get(k) for k in _GLYPH_PLACING) or any(
            len((node.get(k) or "").replace(",", " ").split()) > 1 for k in ("x", "y")
        ):
            return None  # glyphs placed one by one: the estimate says nothing of where
    a, b, c, d = leaf.matrix[:4]
    anchor = leaf.style.get("text-anchor", "start")
    plain = (
        b == 0
        and c == 0
        and a > 0
        and d > 0
        and leaf.style.get("direction", "ltr") == "ltr"
        and "writing-mode" not in leaf.style
        and not any(
            n is not leaf.node and (n.get("text-anchor") or "text-anchor" in n.get("style", ""))
            for n in leaf.node.iter()
        )
    )
    if not plain:
        dx = 0.85 * box.width + 0.6 * size + margin
        dy = 0.85 * box.height + 0.6 * size + margin
        return Box(box.x - dx, box.y - dy, box.width + 2 * dx, box.height + 2 * dy)
    extra = 0.85 * box.width
    left, right = {"middle": (extra / 2, extra / 2), "end": (extra, 0.0)}.get(anchor, (0, extra))
    side, dy = 0.6 * size + margin, 0.6 * size + margin
    return Box(
        box.x - left - side,
        box.y - dy,
        box.width + left + right + 2 * side,
        box.height + 2 * dy,
    )


_GLYPH_PLACING = ("dx", "dy", "rotate", "textLength")


def _unbounded(node: ET.Element) -> bool:
    style = node.get("style", "")
    return any(node.get(k) or k in style for k in UNBOUNDED)


def _union_all(boxes: list[Box | None]) -> Box | None:
    """The union of ``boxes``; None (unbounded) if any is None."""
    out = boxes[0]
    for box in boxes[1:]:
        if out is None or box is None:
            return None
        out = out.union(box)
    return out


def _top_elements(root: ET.Element) -> list[ET.Element]:
    """The elements a tile keeps or leaves out: children of the root and, within groups
    that only group (layers, groups without opacity, clip, mask or filter), their children,
    so that artwork wrapped in one big group is still cut up."""
    out: list[ET.Element] = []

    def collect(parent: ET.Element) -> None:
        for child in parent:
            tag = local(child.tag)
            if tag in ("defs", "style", "title", "desc", "metadata", ""):
                continue
            if tag == "g" and _only_groups(child):
                collect(child)
            else:
                out.append(child)

    collect(root)
    return out


def _only_groups(node: ET.Element) -> bool:
    """A group whose children are drawn as if it were not there: no group opacity, clip,
    mask or filter, and shown (what it passes on by inheritance stays with the children)."""
    style = node.get("style", "").replace(" ", "")
    if node.get("display") == "none" or "display:none" in style:
        return False
    return not any(node.get(k) or f"{k}:" in style for k in _GROUP_EFFECTS)


_GROUP_EFFECTS = ("opacity", "clip-path", "mask", "filter")
_URL = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)")
_HREFS = ("href", q(XLINK, "href"))


def _references(node: ET.Element) -> list[str]:
    """The ids ``node`` refers to: ``url(#id)`` in any attribute, ``href="#id"``."""
    out: list[str] = []
    for name, value in node.attrib.items():
        if "#" not in value:
            continue
        if name in _HREFS and value.startswith("#"):
            out.append(value[1:])
        elif "url(" in value:
            out += _URL.findall(value)
    return out


def _references_outside(root: ET.Element, tops: set[ET.Element]) -> list[str]:
    out = _references(root)
    for child in root:
        if child not in tops:
            out += _references_outside(child, tops)
    return out
