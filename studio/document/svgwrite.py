"""The document as SVG: the design file itself, and the one input of every renderer.

The file is plain SVG 1.1 that browsers and Inkscape open (layers appear as Inkscape layers);
what SVG cannot say (a star's parameters, layer locks, the brief link) rides in ``motif:``
attributes, which renderers ignore. Numbers are written with ``repr`` so a file reads back to
the very same floats.
"""

from __future__ import annotations

import base64
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any

from studio.document import namespaces as ns
from studio.document.geometry import IDENTITY
from studio.document.model import (
    FORMAT_VERSION,
    Document,
    Element,
    Ellipse,
    Group,
    Image,
    LinearGradient,
    Paint,
    Path,
    Polygon,
    RadialGradient,
    Rect,
    Style,
    SvgArt,
    Text,
)
from studio.document.shapes import fmt, path_data, polygon_points


@dataclass(frozen=True)
class WriteOptions:
    """``bleed``: extend the page by the bleed on each side (for PDF); ``for_render``: leave
    out hidden layers and elements entirely (the renderers would skip them anyway)."""

    bleed: bool = False
    for_render: bool = False


@lru_cache(maxsize=8)
def data_uri(mime: str, data: bytes) -> str:
    """An embedded image's ``data:`` URI. Cached: the document is written again after every
    edit (the live checks), and the same photo's bytes object hashes in O(1) once hashed."""
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def document_to_svg(doc: Document, options: WriteOptions = WriteOptions()) -> bytes:
    """Serialise ``doc`` to SVG bytes (UTF-8, with XML declaration).

    The live checks write the document again after every edit, so each top-level element's
    nodes are kept (per thread) and reused while the element's content is unchanged: only
    the edited element is built again. The bytes are those of a fresh write."""
    fragments = _Fragments.for_thread()
    root = _document_element(doc, options, fragments)
    fragments.done()
    _indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def _indent(node: ET.Element, level: int = 0) -> None:
    """Indent the structure (layers, groups) for people reading the file, but never inside
    text (where white space would render) or imported artwork (kept byte for byte)."""
    if node.tag == ns.svg("text") or node.get(ns.motif("kind")) == "svg" or not len(node):
        return
    pad = "\n" + " " * (level + 1)
    node.text = pad
    for child in node:
        _indent(child, level + 1)
        child.tail = pad
    child.tail = "\n" + " " * level


def document_element(doc: Document, options: WriteOptions = WriteOptions()) -> ET.Element:
    """The document as a fresh element tree (the caller may change it)."""
    return _document_element(doc, options, None)


def _document_element(
    doc: Document, options: WriteOptions, fragments: _Fragments | None
) -> ET.Element:
    b = doc.bleed if options.bleed else 0.0
    width, height = doc.width + 2 * b, doc.height + 2 * b
    root = ET.Element(
        ns.svg("svg"),
        {
            "version": "1.1",
            "width": f"{fmt(width)}mm",
            "height": f"{fmt(height)}mm",
            "viewBox": f"{fmt(-b)} {fmt(-b)} {fmt(width)} {fmt(height)}",
            ns.motif("version"): str(FORMAT_VERSION),
            ns.motif("width"): fmt(doc.width),
            ns.motif("height"): fmt(doc.height),
            ns.motif("dpi"): fmt(doc.dpi),
            ns.motif("bleed"): fmt(doc.bleed),
            ns.motif("unit"): doc.unit,
        },
    )
    if doc.title:
        ET.SubElement(root, ns.svg("title")).text = doc.title
    if doc.brief is not None:
        root.set(ns.motif("brief-id"), doc.brief.id)
        root.set(ns.motif("brief-version"), str(doc.brief.version))
        if doc.brief.sha256:
            root.set(ns.motif("brief-sha256"), doc.brief.sha256)
    defs = ET.SubElement(root, ns.svg("defs"))
    if doc.guides:
        guides = ET.SubElement(root, ns.motif("guides"))
        for guide in doc.guides:
            ET.SubElement(
                guides,
                ns.motif("guide"),
                {"orientation": guide.orientation, "position": fmt(guide.position)},
            )
    if doc.variants and not options.for_render:
        _write_variants(root, doc)
    writer = _Writer(defs, options)
    for layer in doc.layers:
        if options.for_render and not layer.visible:
            continue
        g = ET.SubElement(
            root,
            ns.svg("g"),
            {
                "id": layer.id,
                ns.q(ns.INKSCAPE, "groupmode"): "layer",
                ns.q(ns.INKSCAPE, "label"): layer.name,
                ns.motif("kind"): "layer",
            },
        )
        if not layer.visible:
            g.set("display", "none")
        if layer.locked:
            g.set(ns.q(ns.SODIPODI, "insensitive"), "true")
        for element in layer.elements:
            if fragments is None:
                writer.write(g, element)
            else:
                fragments.write(writer, g, element)
    if not len(defs):
        root.remove(defs)
    return root


def _write_variants(root: ET.Element, doc: Document) -> None:
    for variant in doc.variants.values():
        node = ET.SubElement(
            root,
            ns.motif("variant"),
            {"output": variant.output, "width": fmt(variant.width), "height": fmt(variant.height)},
        )
        for element_id, override in variant.overrides.items():
            attrs = {"element": element_id}
            if override.transform is not None:
                attrs["transform"] = "matrix(" + " ".join(fmt(v) for v in override.transform) + ")"
            if override.visible is not None:
                attrs["visible"] = "true" if override.visible else "false"
            if override.content is not None:
                attrs["content"] = override.content
            ET.SubElement(node, ns.motif("override"), attrs)


_Entry = tuple[ET.Element | None, list[ET.Element]]


class _Fragments:
    """The nodes written for each top-level element (and the gradients it put in ``<defs>``),
    keyed by the element's content (:func:`content_key`) and the write options.

    Reused nodes belong to this thread's last document only: the tree around them is thrown
    away after serialising, and ``_indent`` sets every text and tail it relies on again.
    Entries not used by the last write are dropped, so the cache never outgrows a document.
    """

    _local = threading.local()

    def __init__(self) -> None:
        self.previous: dict[object, _Entry] = {}
        self.current: dict[object, _Entry] = {}

    @classmethod
    def for_thread(cls) -> _Fragments:
        fragments: _Fragments | None = getattr(cls._local, "fragments", None)
        if fragments is None:
            fragments = cls._local.fragments = cls()
        return fragments

    def write(self, writer: _Writer, parent: ET.Element, element: Element) -> None:
        try:
            key: object = (writer.options, content_key(element))
            hash(key)
        except TypeError:  # a value the key cannot hold: write it afresh
            writer.write(parent, element)
            return
        if key in self.current:  # the same content twice in one document: one node each
            writer.write(parent, element)
            return
        entry = self.previous.get(key)
        if entry is None:
            holder, defs = ET.Element("holder"), ET.Element("defs")
            _Writer(defs, writer.options).write(holder, element)
            entry = (holder[0] if len(holder) else None, list(defs))
        self.current[key] = entry
        node, gradients = entry
        if node is not None:
            parent.append(node)
        writer.defs.extend(gradients)

    def done(self) -> None:
        self.previous, self.current = self.current, {}


def content_key(value: object) -> object:
    """A hashable value equal for two elements exactly when they are written the same: every
    field, recursively, with the type of each field (``1`` and ``1.0`` are not written
    alike). Path commands and transforms are tuples already. Raises TypeError for a value
    that has no such key (then the element is simply written again)."""
    kind = type(value)
    getter = _GETTERS.get(kind)
    if getter is None:
        fields = list(getattr(kind, "__dataclass_fields__", ()))
        if not fields:
            raise TypeError(f"no content key for {kind.__name__}")
        # attrgetter gives a tuple for two names or more: ask for the first one twice.
        getter = _GETTERS[kind] = attrgetter(*fields, fields[0])
    values = getter(value)
    return (
        kind,
        tuple(map(type, values)),
        tuple([v if type(v) in _FLAT else _nested(v) for v in values]),
    )


def _nested(value: object) -> object:
    if type(value) is list:
        return tuple([v if type(v) is tuple else content_key(v) for v in value])
    return content_key(value)


_FLAT = frozenset({str, int, float, bool, bytes, tuple, type(None)})
_GETTERS: dict[type, attrgetter[Any]] = {}


class _Writer:
    def __init__(self, defs: ET.Element, options: WriteOptions) -> None:
        self.defs = defs
        self.options = options

    def write(self, parent: ET.Element, element: Element) -> None:
        if self.options.for_render and not element.visible:
            return
        node = self._shape(parent, element)
        node.set("id", element.id)
        if element.name:
            node.set(ns.q(ns.INKSCAPE, "label"), element.name)
        if element.transform != IDENTITY:
            node.set("transform", "matrix(" + " ".join(fmt(v) for v in element.transform) + ")")
        if not element.visible:
            node.set("display", "none")
        if element.locked:
            node.set(ns.q(ns.SODIPODI, "insensitive"), "true")
        if element.required:
            node.set(ns.motif("required"), element.required)
        self._style(node, element)

    def _shape(self, parent: ET.Element, e: Element) -> ET.Element:
        sub = ET.SubElement
        if isinstance(e, Rect):
            node = sub(
                parent,
                ns.svg("rect"),
                {"x": fmt(e.x), "y": fmt(e.y), "width": fmt(e.width), "height": fmt(e.height)},
            )
            if e.rx:
                node.set("rx", fmt(e.rx))
            return node
        if isinstance(e, Ellipse):
            return sub(
                parent,
                ns.svg("ellipse"),
                {"cx": fmt(e.cx), "cy": fmt(e.cy), "rx": fmt(e.rx), "ry": fmt(e.ry)},
            )
        if isinstance(e, Polygon):
            node = sub(
                parent,
                ns.svg("polygon"),
                {
                    "points": " ".join(f"{fmt(x)},{fmt(y)}" for x, y in polygon_points(e)),
                    ns.motif("kind"): "star" if e.inner_ratio is not None else "polygon",
                    ns.motif("cx"): fmt(e.cx),
                    ns.motif("cy"): fmt(e.cy),
                    ns.motif("radius"): fmt(e.radius),
                    ns.motif("sides"): str(e.sides),
                    ns.motif("rotation"): fmt(e.rotation),
                },
            )
            if e.inner_ratio is not None:
                node.set(ns.motif("inner-ratio"), fmt(e.inner_ratio))
            return node
        if isinstance(e, Path):
            return sub(parent, ns.svg("path"), {"d": path_data(e.commands)})
        if isinstance(e, Text):
            return self._text(parent, e)
        if isinstance(e, Image):
            href = data_uri(e.mime, e.data)
            return sub(
                parent,
                ns.svg("image"),
                {
                    "x": fmt(e.x),
                    "y": fmt(e.y),
                    "width": fmt(e.width),
                    "height": fmt(e.height),
                    "preserveAspectRatio": "none",
                    ns.q(ns.XLINK, "href"): href,
                    ns.motif("pixel-width"): str(e.pixel_width),
                    ns.motif("pixel-height"): str(e.pixel_height),
                },
            )
        if isinstance(e, SvgArt):
            return self._art(parent, e)
        if isinstance(e, Group):
            node = sub(parent, ns.svg("g"), {ns.motif("kind"): "group"})
            for child in e.children:
                self.write(node, child)
            return node
        raise TypeError(f"cannot write element kind {e.kind!r}")

    def _text(self, parent: ET.Element, e: Text) -> ET.Element:
        node = ET.SubElement(
            parent,
            ns.svg("text"),
            {
                "x": fmt(e.x),
                "y": fmt(e.y),
                "font-family": e.family,
                "font-size": fmt(e.size),
                "font-weight": str(e.weight),
                "font-style": "italic" if e.italic else "normal",
                "text-anchor": e.align,
                ns.motif("line-height"): fmt(e.line_height),
                "{http://www.w3.org/XML/1998/namespace}space": "preserve",
            },
        )
        if e.letter_spacing:
            node.set("letter-spacing", fmt(e.letter_spacing))
        for i, line in enumerate(e.content.split("\n")):
            tspan = ET.SubElement(node, ns.svg("tspan"), {"x": fmt(e.x)})
            tspan.set("y", fmt(e.y + i * e.size * e.line_height))
            tspan.text = line
        return node

    def _art(self, parent: ET.Element, e: SvgArt) -> ET.Element:
        node = ET.SubElement(parent, ns.svg("g"), {ns.motif("kind"): "svg"})
        if e.asset_sha256:
            node.set(ns.motif("asset-sha256"), e.asset_sha256)
        inner = ET.fromstring(e.markup) if e.markup else ET.Element(ns.svg("svg"))
        inner.set("x", fmt(e.x))
        inner.set("y", fmt(e.y))
        inner.set("width", fmt(e.width))
        inner.set("height", fmt(e.height))
        node.append(inner)
        return node

    def _style(self, node: ET.Element, e: Element) -> None:
        if isinstance(e, Image | SvgArt):
            if e.style.opacity != 1.0:
                node.set("opacity", fmt(e.style.opacity))
            return
        if isinstance(e, Group):
            if e.style.opacity != 1.0:
                node.set("opacity", fmt(e.style.opacity))
            return
        s: Style = e.style
        node.set("fill", self._paint(s.fill, e.id, "fill"))
        node.set("stroke", self._paint(s.stroke, e.id, "stroke"))
        if s.stroke is not None or s.stroke_width:
            node.set("stroke-width", fmt(s.stroke_width))
        if s.stroke_join != "miter":
            node.set("stroke-linejoin", s.stroke_join)
        if s.stroke_cap != "butt":
            node.set("stroke-linecap", s.stroke_cap)
        if s.opacity != 1.0:
            node.set("opacity", fmt(s.opacity))

    def _paint(self, paint: Paint, element_id: str, role: str) -> str:
        if paint is None:
            return "none"
        if isinstance(paint, str):
            return paint
        gid = f"{element_id}-{role}"
        if isinstance(paint, LinearGradient):
            grad = ET.SubElement(
                self.defs,
                ns.svg("linearGradient"),
                {
                    "id": gid,
                    "x1": fmt(paint.x1),
                    "y1": fmt(paint.y1),
                    "x2": fmt(paint.x2),
                    "y2": fmt(paint.y2),
                },
            )
        elif isinstance(paint, RadialGradient):
            grad = ET.SubElement(
                self.defs,
                ns.svg("radialGradient"),
                {"id": gid, "cx": fmt(paint.cx), "cy": fmt(paint.cy), "r": fmt(paint.r)},
            )
        else:  # pragma: no cover - Paint is closed
            raise TypeError(paint)
        for stop in paint.stops:
            node = ET.SubElement(
                grad, ns.svg("stop"), {"offset": fmt(stop.offset), "stop-color": stop.color}
            )
            if stop.opacity != 1.0:
                node.set("stop-opacity", fmt(stop.opacity))
        return f"url(#{gid})"
