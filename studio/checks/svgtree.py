"""A flattened view of any SVG: every painted element with its place, size and paint in mm.

The checks must work on designs from any tool, so they never read our document model: they
walk the SVG itself. Each drawn element (shape, text, image) becomes a :class:`Leaf` carrying
its cumulative transform (to millimetres from the trim box's top-left), its computed style, its
tight box after transforms (outline points are transformed, not boxes) and what it paints.
``display="none"``, ``visibility="hidden"``, zero opacity and the contents of ``<defs>``,
``<clipPath>``, ``<mask>``, ``<symbol>`` are not artwork; ``<use>`` is followed (with a depth
limit, so reference loops end); nested ``<svg>`` maps its ``viewBox`` and clips to its viewport
(unless ``overflow: visible``). Clip paths (in user space or the element's own box) and hard
masks (opaque or white shapes, as Figma writes) clip boxes; a soft mask (gradients, grey or
translucent shapes, images) makes what it covers partly transparent.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace

from studio.checks import imageinfo
from studio.checks.paint import NONE, Paint, parse_paint
from studio.checks.svgpath import number_list
from studio.checks.svgshapes import SHAPES, intersect, shape_points, union
from studio.checks.svgstyle import (
    INITIAL,
    collect_stylesheet,
    compute_style,
    font_families,
    length_user,
    opacity_value,
)
from studio.checks.transform import parse_transform, parse_view_box, viewport_matrix
from studio.document import namespaces as ns
from studio.document.geometry import Box, Matrix, apply, axis_scales, bounds_of, multiply

SVG = ns.SVG
SKIP = {
    "defs",
    "clipPath",
    "mask",
    "symbol",
    "marker",
    "pattern",
    "linearGradient",
    "radialGradient",
    "style",
    "title",
    "desc",
    "metadata",
    "script",
    "filter",
    "foreignObject",
    "font",
    "font-face",
    "cursor",
    "view",
}
CONTAINERS = {"g", "a", "switch", "svg"}
MAX_USE_DEPTH = 12
MAX_LEAVES = 200_000
GLYPH_WIDTH_EM = 0.55


@dataclass
class Gradient:
    """A gradient paint server: its stops as ``(rgb, opacity)``."""

    id: str
    stops: list[tuple[tuple[int, int, int], float]]

    @property
    def is_flat(self) -> bool:
        """A "gradient" whose stops are all the same colour paints one flat colour."""
        return len({s for s in self.stops}) <= 1

    @property
    def has_transparency(self) -> bool:
        return any(o < 1.0 for _, o in self.stops)


@dataclass
class Leaf:
    """One drawn element. ``element`` is the reporting id (the element a user would select),
    ``box`` in mm (stroke included), lengths in mm after every transform."""

    node: ET.Element
    tag: str
    element: str | None
    matrix: Matrix
    style: dict[str, str]
    box: Box | None
    opacity: float
    fill: Paint = NONE
    stroke: Paint = NONE
    fill_opacity: float = 1.0
    stroke_opacity: float = 1.0
    stroke_width: float = 0.0
    font_size: float = 0.0
    families: list[str] = field(default_factory=list)
    text: str = ""
    image: imageinfo.ImageInfo | None = None
    image_size: tuple[float, float] = (0.0, 0.0)
    required: str | None = None
    masked: bool = False

    @property
    def paints_fill(self) -> bool:
        return (self.fill.rgb is not None or self.fill.ref is not None) and self.fill_opacity > 0

    @property
    def paints_stroke(self) -> bool:
        return (
            (self.stroke.rgb is not None or self.stroke.ref is not None)
            and self.stroke_opacity > 0
            and self.stroke_width > 0
        )


@dataclass
class RequiredGroup:
    """An element carrying ``motif:required``: its leaves, frame (the placed asset's box) and
    the transform of its content."""

    id: str
    element: str | None
    node: ET.Element
    matrix: Matrix
    leaves: list[Leaf] = field(default_factory=list)
    frame: Box | None = None
    asset_sha256: str | None = None

    @property
    def box(self) -> Box | None:
        boxes = [leaf.box for leaf in self.leaves if leaf.box is not None]
        return union(boxes) if boxes else self.frame


@dataclass
class SvgTree:
    root: ET.Element
    leaves: list[Leaf]
    gradients: dict[str, Gradient]
    required: dict[str, RequiredGroup]
    root_matrix: Matrix

    def gradient(self, paint: Paint) -> Gradient | None:
        return self.gradients.get(paint.ref) if paint.ref else None


@dataclass(frozen=True)
class Inherited:
    """What an element inherits from where it is drawn: the transform to mm, the computed
    style, the opacity, the element it reports as (``owner``), the required group it belongs
    to, the ``<use>`` depth, the viewport (for percentages), the clip box and whether a soft
    mask lies over it."""

    matrix: Matrix
    style: dict[str, str]
    opacity: float
    owner: str | None
    required: RequiredGroup | None
    depth: int
    viewport: tuple[float, float]
    clip: Box | None
    masked: bool = False
    """Under a mask that lets the artwork partly through (a soft mask)."""


@dataclass
class _Unit:
    """What walking one drawn subtree gave: its node, the leaves and required groups made
    inside it, and the units of its own children (kept when the whole subtree is reused)."""

    node: ET.Element
    leaves: list[Leaf]
    required: list[RequiredGroup]
    inner: list[tuple[object, _Unit]]


@dataclass
class TreeCache:
    """The subtrees the last :func:`build_tree` walked, for a build after an edit (the live
    session): a drawn element whose markup and inherited context are unchanged is not walked
    again; its node from the last tree takes the place of the new one and its leaves are
    reused. Only subtrees that refer to nothing else by id are kept (no ``<use>``, no
    ``clip-path``), and nothing is kept when the SVG has a ``<style>`` sheet (selectors may
    depend on siblings) or any ``<use>`` (its target may be in a reused subtree).
    ``reused`` counts the subtrees the last build reused."""

    units: dict[object, _Unit] = field(default_factory=dict)
    reused: int = 0


def build_tree(
    root: ET.Element,
    width_mm: float,
    height_mm: float,
    blobs: dict[str, str] | None = None,
    cache: TreeCache | None = None,
) -> SvgTree:
    """Flatten ``root`` given the design's trim size in mm (the root viewport); ``blobs``
    maps keys that stand for embedded images to their ``data:`` hrefs. With ``cache``,
    unchanged subtrees of the last build are reused (and put in place in ``root``)."""
    view = parse_view_box(root.get("viewBox"))
    if view is None:
        w = length_user(root.get("width")) or width_mm * 96 / 25.4
        h = length_user(root.get("height")) or height_mm * 96 / 25.4
        view = (0.0, 0.0, w, h)
    matrix = viewport_matrix(view, 0, 0, width_mm, height_mm, root.get("preserveAspectRatio"))
    walker = _Walker(root, blobs or {})
    if cache is not None and walker.sheet.matcher is None and next(root.iter(_USE), None) is None:
        walker.cache = cache
    style = compute_style(root, dict(INITIAL), walker.sheet)
    walker.children(root, Inherited(matrix, style, 1.0, None, None, 0, (view[2], view[3]), None))
    if cache is not None:
        cache.units = walker.units
        cache.reused = walker.reused
    return SvgTree(root, walker.leaves, walker.gradients, walker.required, matrix)


def local(tag: object) -> str:
    if not isinstance(tag, str) or not tag.startswith("{" + SVG + "}"):
        return ""
    return tag[len(SVG) + 2 :]


class _Walker:
    def __init__(self, root: ET.Element, blobs: dict[str, str]) -> None:
        self.blobs = blobs
        self.sheet = collect_stylesheet(root)
        self.ids = {n.get("id"): n for n in root.iter() if n.get("id")}
        self.leaves: list[Leaf] = []
        self.required: dict[str, RequiredGroup] = {}
        self.created: list[RequiredGroup] = []
        self.gradients = self._gradients()
        self.cache: TreeCache | None = None
        self.units: dict[object, _Unit] = {}
        self.kept: list[tuple[object, _Unit]] = []  # self.units in the order they came
        self.reused = 0

    def _gradients(self) -> dict[str, Gradient]:
        out = {}
        for gid, node in self.ids.items():
            if gid and local(node.tag) in ("linearGradient", "radialGradient"):
                out[gid] = Gradient(gid, self._stops(node, 0))
        return out

    def _stops(self, node: ET.Element, depth: int) -> list[tuple[tuple[int, int, int], float]]:
        stops = []
        for stop in node:
            if local(stop.tag) != "stop":
                continue
            style = compute_style(stop, {}, self.sheet)
            paint = parse_paint(style.get("stop-color", "black"))
            rgb = paint.rgb or (0, 0, 0)
            stops.append((rgb, opacity_value(style.get("stop-opacity")) * paint.alpha))
        href = node.get("href") or node.get(ns.q(ns.XLINK, "href")) or ""
        if not stops and href.startswith("#") and depth < 8:
            target = self.ids.get(href[1:])
            if target is not None:
                return self._stops(target, depth + 1)
        return stops

    def children(self, node: ET.Element, at: Inherited) -> None:
        if self.cache is not None and at.required is None and at.depth == 0:
            self._cached_children(node, at)
            return
        for child in node:
            self.visit(child, at)

    def _cached_children(self, node: ET.Element, at: Inherited) -> None:
        """``children``, reusing each child's walk from the last build when its markup and
        what it inherits are unchanged (see :class:`TreeCache`)."""
        assert self.cache is not None
        context = (
            at.matrix,
            tuple(at.style.items()),
            at.opacity,
            at.owner,
            at.viewport,
            at.clip,
            at.masked,
        )
        for index, child in enumerate(list(node)):
            tag = local(child.tag)
            markup = _markup(child) if tag and tag not in SKIP else None
            if markup is None:
                self.visit(child, at)
                continue
            key = (markup, context)
            unit = self.cache.units.get(key)
            if unit is not None and self._can_reuse(key, unit):
                unit.node.tail = child.tail
                node[index] = unit.node
                self.leaves += unit.leaves
                for group in unit.required:
                    self.required.setdefault(group.id, group)
                self.created += unit.required  # the enclosing subtree's, too
                self._keep(key, unit)
                for inner_key, inner_unit in unit.inner:
                    self._keep(inner_key, inner_unit)
                self.reused += 1
                continue
            first, made, kept = len(self.leaves), len(self.created), len(self.kept)
            self.visit(child, at)
            if key not in self.units and len(self.leaves) < MAX_LEAVES:
                inner = self.kept[kept:]
                self._keep(key, _Unit(child, self.leaves[first:], self.created[made:], inner))

    def _can_reuse(self, key: object, unit: _Unit) -> bool:
        """Not when that subtree (or one inside it) is already in this tree: two equal
        elements each need a node of their own."""
        if key in self.units or len(self.leaves) + len(unit.leaves) >= MAX_LEAVES:
            return False
        return not any(inner_key in self.units for inner_key, _ in unit.inner)

    def _keep(self, key: object, unit: _Unit) -> None:
        self.units[key] = unit
        self.kept.append((key, unit))

    def visit(self, node: ET.Element, parent: Inherited) -> None:
        tag = local(node.tag)
        if not tag or tag in SKIP or len(self.leaves) >= MAX_LEAVES:
            return
        style = compute_style(node, parent.style, self.sheet)
        if style.get("display", "").strip() == "none":
            return
        opacity = parent.opacity * opacity_value(style.get("opacity"))
        if opacity <= 0:
            return
        matrix = multiply(parent.matrix, parse_transform(node.get("transform")))
        owner, required, depth = parent.owner, parent.required, parent.depth
        viewport, clip, masked = parent.viewport, parent.clip, parent.masked
        own_id = node.get("id")
        if (
            own_id
            and node.get(ns.motif("kind")) != "layer"
            and (owner is None or not owner.startswith("\0"))
        ):
            owner = own_id
        if node.get(ns.motif("kind")) == "svg" and own_id:
            owner = "\0" + own_id  # artwork internals report as the artwork element
        req_id = node.get(ns.motif("required"))
        if req_id and required is None:
            required = RequiredGroup(
                req_id,
                _public(owner),
                node,
                matrix,
                asset_sha256=node.get(ns.motif("asset-sha256")),
            )
            self.required.setdefault(req_id, required)
            self.created.append(required)
        font = float(style.get("font-size", 16))
        if "clip-path" in style:
            clip = intersect(
                clip, self._clip_box(style["clip-path"], matrix, node, tag, viewport, font)
            )
        if style.get("mask", "none") != "none":
            soft, mask_box = self._mask(style["mask"], matrix)
            masked = masked or soft
            clip = intersect(clip, mask_box)
        if tag in CONTAINERS:
            if tag == "svg":
                matrix, viewport, frame = self._nested(node, matrix, viewport)
                if not _overflows(style):
                    clip = intersect(clip, frame)
                if required is not None and required.frame is None:
                    required.frame = frame
            self.children(
                node,
                Inherited(matrix, style, opacity, owner, required, depth, viewport, clip, masked),
            )
            return
        if tag == "use":
            self._use(
                node,
                Inherited(matrix, style, opacity, owner, required, depth, viewport, clip, masked),
            )
            return
        leaf = self._leaf(node, tag, matrix, style, opacity, _public(owner), viewport)
        if leaf is None or style.get("visibility", "visible") in ("hidden", "collapse"):
            return
        if leaf.box is not None and clip is not None:
            clipped = intersect(leaf.box, clip)
            if clipped is None or clipped.width <= 0 or clipped.height <= 0:
                return
            leaf.box = clipped
        leaf.masked = masked
        if required is not None:
            leaf.required = required.id
            required.leaves.append(leaf)
        self.leaves.append(leaf)

    def _use(self, node: ET.Element, at: Inherited) -> None:
        href = node.get("href") or node.get(ns.q(ns.XLINK, "href")) or ""
        target = self.ids.get(href[1:]) if href.startswith("#") else None
        if target is None or at.depth >= MAX_USE_DEPTH:
            return
        # Everything drawn through a <use> reports as the <use>: that is what a user selects.
        owner = "\0" + at.owner.lstrip("\0") if at.owner else None
        matrix, style, viewport, clip = at.matrix, at.style, at.viewport, at.clip
        font = float(style.get("font-size", 16))
        x = length_user(node.get("x"), font, viewport[0])
        y = length_user(node.get("y"), font, viewport[1])
        shifted = multiply(matrix, (1.0, 0.0, 0.0, 1.0, x, y))
        if local(target.tag) in ("symbol", "svg"):
            w = length_user(node.get("width") or "100%", font, viewport[0])
            h = length_user(node.get("height") or "100%", font, viewport[1])
            inner = viewport_matrix(
                parse_view_box(target.get("viewBox")),
                0,
                0,
                w,
                h,
                target.get("preserveAspectRatio"),
            )
            frame = Box(0, 0, w, h).transformed(shifted)
            inner_matrix = multiply(shifted, inner)
            target_style = compute_style(target, style, self.sheet)
            vb = parse_view_box(target.get("viewBox"))
            vp = (vb[2], vb[3]) if vb else (w, h)
            # ``overflow: visible`` on the symbol draws past its viewport (as resvg does).
            inside = replace(
                at,
                matrix=inner_matrix,
                style=target_style,
                owner=owner,
                depth=at.depth + 1,
                viewport=vp,
                clip=clip if _overflows(target_style) else intersect(clip, frame),
            )
            self.children(target, inside)
            return
        self.visit(target, replace(at, matrix=shifted, owner=owner, depth=at.depth + 1))

    def _nested(
        self, node: ET.Element, matrix: Matrix, viewport: tuple[float, float]
    ) -> tuple[Matrix, tuple[float, float], Box]:
        x = length_user(node.get("x"), percent_of=viewport[0])
        y = length_user(node.get("y"), percent_of=viewport[1])
        w = length_user(node.get("width") or "100%", percent_of=viewport[0])
        h = length_user(node.get("height") or "100%", percent_of=viewport[1])
        vb = parse_view_box(node.get("viewBox"))
        inner = viewport_matrix(vb, x, y, w, h, node.get("preserveAspectRatio"))
        frame = Box(x, y, w, h).transformed(matrix)
        return multiply(matrix, inner), ((vb[2], vb[3]) if vb else (w, h)), frame

    def _clip_box(
        self,
        value: str,
        matrix: Matrix,
        node: ET.Element,
        tag: str,
        viewport: tuple[float, float],
        font: float,
    ) -> Box | None:
        paint = parse_paint(value)
        target = self.ids.get(paint.ref or "")
        if target is None or local(target.tag) != "clipPath":
            return None
        m = matrix
        if target.get("clipPathUnits") == "objectBoundingBox":
            # The clip's unit square is the element's own box; for a group, whose box is
            # not worked out here, no clip box is better than a wrong one.
            own = _own_box(node, tag, viewport, font)
            if own is None or own.width <= 0 or own.height <= 0:
                return None
            m = multiply(m, (own.width, 0.0, 0.0, own.height, own.x, own.y))
        m = multiply(m, parse_transform(target.get("transform")))
        boxes = []
        for child in target:
            tag = local(child.tag)
            if tag in SHAPES:
                pts = shape_points(child, tag, (100.0, 100.0))
                cm = multiply(m, parse_transform(child.get("transform")))
                if pts:
                    boxes.append(bounds_of([apply(cm, *p) for p in pts]))
        return union(boxes) if boxes else None

    def _mask(self, value: str, matrix: Matrix) -> tuple[bool, Box | None]:
        """Whether the mask ``value`` refers to lets artwork partly through (soft), and the
        box outside which it hides everything (None: not worked out). Figma and others mask
        with opaque shapes (``mask-type: alpha``) or pure white ones: a hard mask is a clip,
        not transparency; gradients, images, filters, grey or translucent shapes are soft."""
        target = self.ids.get(parse_paint(value).ref or "")
        if target is None or local(target.tag) != "mask":
            return False, None
        own = compute_style(target, dict(INITIAL), self.sheet)
        alpha_mask = own.get("mask-type", "luminance").strip() == "alpha"
        content_user = target.get("maskContentUnits", "userSpaceOnUse") == "userSpaceOnUse"
        soft = False
        boxes: list[Box] = []
        exact = content_user
        stack = [(child, own, matrix) for child in target]
        while stack:
            node, parent, m = stack.pop()
            tag = local(node.tag)
            if not tag or tag in ("title", "desc", "metadata"):
                continue
            style = compute_style(node, parent, self.sheet)
            if style.get("display", "").strip() == "none":
                continue
            m = multiply(m, parse_transform(node.get("transform")))
            if tag == "g":
                if opacity_value(style.get("opacity")) < 0.999 or "filter" in style:
                    soft = True
                stack += [(child, style, m) for child in node]
                continue
            if tag not in SHAPES or "filter" in style:
                soft, exact = True, False
                continue
            if style.get("visibility", "visible") in ("hidden", "collapse"):
                continue
            fill = parse_paint(style.get("fill"), style.get("color"))
            stroke = parse_paint(style.get("stroke"), style.get("color"))
            if opacity_value(style.get("opacity")) < 0.999:
                soft = True
            for paint, opacity in (
                (fill, style.get("fill-opacity")),
                (stroke, style.get("stroke-opacity")),
            ):
                if paint.ref is not None or (
                    paint.rgb is not None
                    and (
                        paint.alpha * opacity_value(opacity) < 0.999
                        or (not alpha_mask and paint.rgb != (255, 255, 255))
                    )
                ):
                    soft = True
            if stroke.rgb is not None or stroke.ref is not None:
                exact = False  # a stroke's reach is not worked out here
            pts = shape_points(node, tag, (100.0, 100.0))
            if pts and (fill.rgb is not None or fill.ref is not None):
                boxes.append(bounds_of([apply(m, *p) for p in pts]))
        if not exact:
            return soft, None
        return soft, union(boxes) if boxes else Box(0.0, 0.0, 0.0, 0.0)

    def _leaf(
        self,
        node: ET.Element,
        tag: str,
        matrix: Matrix,
        style: dict[str, str],
        opacity: float,
        owner: str | None,
        viewport: tuple[float, float],
    ) -> Leaf | None:
        leaf = Leaf(node, tag, owner, matrix, style, None, opacity)
        current = style.get("color")
        leaf.fill = parse_paint(style.get("fill"), current)
        leaf.stroke = parse_paint(style.get("stroke"), current)
        leaf.fill_opacity = opacity_value(style.get("fill-opacity")) * leaf.fill.alpha
        leaf.stroke_opacity = opacity_value(style.get("stroke-opacity")) * leaf.stroke.alpha
        sx, sy = axis_scales(matrix)
        font = float(style.get("font-size", 16))
        width_user = length_user(style.get("stroke-width", "1"), font, viewport[0])
        if style.get("vector-effect") == "non-scaling-stroke":
            sx = sy = 25.4 / 96  # the stroke is sized in the viewport: CSS px
        leaf.stroke_width = width_user * min(sx, sy)
        if tag in SHAPES:
            if tag in ("line", "polyline"):
                leaf.fill = NONE if tag == "line" else leaf.fill
            pts = shape_points(node, tag, viewport, font)
            if not pts:
                return None
            leaf.box = bounds_of([apply(matrix, *p) for p in pts])
        elif tag == "text":
            leaf.box = self._text(node, leaf, matrix, font, viewport)
        elif tag == "image":
            self._image(node, leaf, matrix, font, viewport)
        else:
            return None
        if leaf.box is not None and leaf.paints_stroke:
            leaf.box = leaf.box.inflate(leaf.stroke_width / 2)
        return leaf

    def _text(
        self,
        node: ET.Element,
        leaf: Leaf,
        matrix: Matrix,
        font: float,
        viewport: tuple[float, float],
    ) -> Box | None:
        _, scale_y = axis_scales(matrix)
        leaf.font_size = font * scale_y
        leaf.families = font_families(leaf.style.get("font-family", "serif"))
        x = (number_list(node.get("x")) or [0.0])[0]
        y = (number_list(node.get("y")) or [0.0])[0]
        segments: list[tuple[float, float, str, float, str]] = []
        anchor = leaf.style.get("text-anchor", "start")
        spacing = length_user(leaf.style.get("letter-spacing", "0"), font)
        if node.text and node.text.strip():
            segments.append((x, y, node.text, font, anchor))
        for child in node:
            if local(child.tag) not in ("tspan", "textPath", "a"):
                continue
            child_style = compute_style(child, leaf.style, self.sheet)
            if child_style.get("display") == "none":
                continue
            x = (number_list(child.get("x")) or [x])[0]
            y = (number_list(child.get("y")) or [y])[0] + sum(number_list(child.get("dy")))
            content = "".join(child.itertext())
            size = float(child_style.get("font-size", font))
            segments.append((x, y, content, size, child_style.get("text-anchor", anchor)))
            if child.tail and child.tail.strip():
                segments.append((x, y + size, child.tail, size, anchor))
        leaf.text = "\n".join(s[2] for s in segments)
        boxes: list[Box] = []
        for sx, sy, content, size, anch in segments:
            if not content.strip():
                continue
            leaf.font_size = min(leaf.font_size, size * scale_y) if boxes else size * scale_y
            width = len(content) * (size * GLYPH_WIDTH_EM + spacing)
            left = sx - {"middle": width / 2, "end": width}.get(anch, 0.0)
            boxes.append(Box(left, sy - size * 0.8, width, size).transformed(matrix))
        return union(boxes) if boxes else None

    def _image(
        self,
        node: ET.Element,
        leaf: Leaf,
        matrix: Matrix,
        font: float,
        viewport: tuple[float, float],
    ) -> None:
        x = length_user(node.get("x"), font, viewport[0])
        y = length_user(node.get("y"), font, viewport[1])
        w = length_user(node.get("width") or "0", font, viewport[0])
        h = length_user(node.get("height") or "0", font, viewport[1])
        href = node.get(ns.q(ns.XLINK, "href")) or node.get("href") or ""
        info = imageinfo.probe_href(
            self.blobs.get(href, href), href if href in self.blobs else None
        )
        leaf.image = info
        leaf.fill = NONE
        leaf.stroke = NONE
        if info is not None and (w <= 0 or h <= 0):
            w, h = w or info.width * (h / info.height if h else 1), h or info.height
        if w <= 0 or h <= 0:
            return
        if info is not None and info.width and info.height:
            aspect = node.get("preserveAspectRatio", "xMidYMid meet")
            drawn = viewport_matrix((0, 0, info.width, info.height), x, y, w, h, aspect)
            dw, dh = info.width * drawn[0], info.height * drawn[3]
            if "slice" not in aspect:
                x, y, w, h = drawn[4], drawn[5], dw, dh
        sx, sy = axis_scales(matrix)
        leaf.image_size = (w * sx, h * sy)
        leaf.box = Box(x, y, w, h).transformed(matrix)


_CLIP = "clip-path"
_MASK = "mask"


def _overflows(style: dict[str, str]) -> bool:
    """``overflow: visible`` (or ``auto``): a nested viewport that does not clip."""
    return style.get("overflow", "hidden").strip().lower() in ("visible", "auto")


def _own_box(node: ET.Element, tag: str, viewport: tuple[float, float], font: float) -> Box | None:
    """An element's box in its own user space (shapes and images), for
    ``objectBoundingBox`` units."""
    if tag in SHAPES:
        pts = shape_points(node, tag, viewport, font)
        return bounds_of(pts) if pts else None
    if tag == "image":
        return Box(
            length_user(node.get("x"), font, viewport[0]),
            length_user(node.get("y"), font, viewport[1]),
            length_user(node.get("width"), font, viewport[0]),
            length_user(node.get("height"), font, viewport[1]),
        )
    return None


def _markup(node: ET.Element) -> tuple[object, ...] | None:
    """Everything the walk reads from a subtree (tags, attributes, texts; not the node's own
    tail), or None when the subtree refers to other elements by id (``<use>``, clip paths,
    masks):
    then what it draws depends on more than its markup."""
    parts: list[object] = []
    for n in node.iter():
        attrib = n.attrib
        style = attrib.get("style", "")
        if n.tag == _USE or _CLIP in attrib or _MASK in attrib or _CLIP in style or _MASK in style:
            return None
        parts += (n.tag, tuple(attrib.items()), n.text, n.tail if n is not node else None)
    return tuple(parts)


_USE = ns.svg("use")


def _public(owner: str | None) -> str | None:
    return owner[1:] if owner and owner.startswith("\0") else owner
