"""Reading the design file back into a :class:`Document`: the inverse of ``svgwrite``.

Only files with ``motif:version`` are design files; any other SVG is artwork to import
(``studio.document.importer``) or a plain design to check as it is.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from typing import Any, cast

from studio.document import namespaces as ns
from studio.document.geometry import IDENTITY, Matrix
from studio.document.model import (
    FORMAT_VERSION,
    BriefLink,
    Document,
    Element,
    Ellipse,
    GradientStop,
    Group,
    Guide,
    Image,
    Layer,
    LinearGradient,
    Override,
    Paint,
    Path,
    Polygon,
    RadialGradient,
    Rect,
    Style,
    SvgArt,
    Text,
    Variant,
)
from studio.document.shapes import parse_path_data
from studio.errors import InputError
from studio.i18n import _

_URL = re.compile(r"^url\(#([^)]+)\)$")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def is_design(root: ET.Element) -> bool:
    """True when ``root`` is a Motif Studio design file (not just any SVG)."""
    return root.tag == ns.svg("svg") and root.get(ns.motif("version")) is not None


def document_from_svg(root: ET.Element, source: str = "") -> Document:
    """Rebuild the document; InputError names what is wrong."""
    try:
        return _Reader(root).document()
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise InputError(
            source, _("not a valid Motif Studio design ({error})").format(error=exc)
        ) from None


class _Reader:
    def __init__(self, root: ET.Element) -> None:
        self.root = root
        self.gradients = {
            g.get("id"): g
            for g in root.iter()
            if g.tag in (ns.svg("linearGradient"), ns.svg("radialGradient"))
        }

    def document(self) -> Document:
        r = self.root
        version = int(r.get(ns.motif("version"), "0"))
        if version > FORMAT_VERSION:
            raise ValueError(
                _(
                    "made by a newer Motif Studio (format {version}); this one reads up to "
                    "{supported}"
                ).format(version=version, supported=FORMAT_VERSION)
            )
        doc = Document(
            width=float(r.get(ns.motif("width"), "0")),
            height=float(r.get(ns.motif("height"), "0")),
            dpi=float(r.get(ns.motif("dpi"), "300")),
            bleed=float(r.get(ns.motif("bleed"), "0")),
            unit=r.get(ns.motif("unit"), "mm"),
        )
        title = r.find(ns.svg("title"))
        if title is not None:
            doc.title = title.text or ""
        if r.get(ns.motif("brief-id")):
            doc.brief = BriefLink(
                r.get(ns.motif("brief-id"), ""),
                int(r.get(ns.motif("brief-version"), "1")),
                r.get(ns.motif("brief-sha256"), ""),
            )
        for guide in r.iter(ns.motif("guide")):
            orientation = guide.get("orientation")
            if orientation not in ("horizontal", "vertical"):
                raise ValueError(f"guide orientation {orientation!r}")
            doc.guides.append(Guide(cast(Any, orientation), float(guide.get("position", "0"))))
        for node in r.findall(ns.motif("variant")):
            variant = Variant(
                node.get("output", ""),
                float(node.get("width", "0")),
                float(node.get("height", "0")),
            )
            for o in node.findall(ns.motif("override")):
                visible = o.get("visible")
                variant.overrides[o.get("element", "")] = Override(
                    _matrix(o.get("transform")) if o.get("transform") else None,
                    None if visible is None else visible == "true",
                    o.get("content"),
                )
            doc.variants[variant.output] = variant
        for child in r:
            if child.tag == ns.svg("g") and child.get(ns.motif("kind")) == "layer":
                layer = Layer(
                    name=child.get(ns.q(ns.INKSCAPE, "label"), ""),
                    id=child.get("id", ""),
                    visible=child.get("display") != "none",
                    locked=child.get(ns.q(ns.SODIPODI, "insensitive")) == "true",
                )
                layer.elements = [self.element(c) for c in child]
                doc.layers.append(layer)
        return doc

    def element(self, node: ET.Element) -> Element:
        element = self._shape(node)
        element.id = node.get("id", element.id)
        element.name = node.get(ns.q(ns.INKSCAPE, "label"), "")
        element.transform = _matrix(node.get("transform"))
        element.visible = node.get("display") != "none"
        element.locked = node.get(ns.q(ns.SODIPODI, "insensitive")) == "true"
        element.required = node.get(ns.motif("required"))
        element.style = self._style(node, element)
        return element

    def _shape(self, n: ET.Element) -> Element:
        tag, kind = n.tag, n.get(ns.motif("kind"))
        f = _floats(n)
        if tag == ns.svg("rect"):
            return Rect(x=f("x"), y=f("y"), width=f("width"), height=f("height"), rx=f("rx"))
        if tag == ns.svg("ellipse"):
            return Ellipse(cx=f("cx"), cy=f("cy"), rx=f("rx"), ry=f("ry"))
        if tag == ns.svg("polygon"):
            m = _floats(n, ns.MOTIF)
            inner = n.get(ns.motif("inner-ratio"))
            return Polygon(
                cx=m("cx"),
                cy=m("cy"),
                radius=m("radius"),
                sides=int(n.get(ns.motif("sides"), "5")),
                inner_ratio=float(inner) if inner is not None else None,
                rotation=m("rotation"),
            )
        if tag == ns.svg("path"):
            return Path(commands=parse_path_data(n.get("d", "")))
        if tag == ns.svg("text"):
            lines = [t.text or "" for t in n.findall(ns.svg("tspan"))]
            return Text(
                x=f("x"),
                y=f("y"),
                content="\n".join(lines),
                family=n.get("font-family", "Noto Sans"),
                size=f("font-size"),
                weight=int(n.get("font-weight", "400")),
                italic=n.get("font-style") == "italic",
                align=cast(Any, n.get("text-anchor", "start")),
                letter_spacing=f("letter-spacing"),
                line_height=float(n.get(ns.motif("line-height"), "1.2")),
            )
        if tag == ns.svg("image"):
            href = n.get(ns.q(ns.XLINK, "href")) or n.get("href") or ""
            mime, data = _data_uri(href)
            return Image(
                x=f("x"),
                y=f("y"),
                width=f("width"),
                height=f("height"),
                data=data,
                mime=mime,
                pixel_width=int(n.get(ns.motif("pixel-width"), "0")),
                pixel_height=int(n.get(ns.motif("pixel-height"), "0")),
            )
        if tag == ns.svg("g") and kind == "svg":
            art = n.find(ns.svg("svg"))
            if art is None:
                raise ValueError(_("artwork group without its <svg>"))
            g = _floats(art)
            box = dict(x=g("x"), y=g("y"), width=g("width"), height=g("height"))
            for key in ("x", "y", "width", "height"):
                art.attrib.pop(key, None)
            markup = canonical_markup(art)
            return SvgArt(**box, markup=markup, asset_sha256=n.get(ns.motif("asset-sha256"), ""))
        if tag == ns.svg("g"):
            return Group(children=[self.element(c) for c in n])
        raise ValueError(_("unexpected element <{tag}>").format(tag=tag.split("}")[-1]))

    def _style(self, n: ET.Element, element: Element) -> Style:
        opacity = float(n.get("opacity", "1"))
        if isinstance(element, Image | SvgArt | Group):
            return Style(opacity=opacity)
        return Style(
            fill=self._paint(n.get("fill", "#000000")),
            stroke=self._paint(n.get("stroke", "none")),
            stroke_width=float(n.get("stroke-width", "0")),
            stroke_join=cast(Any, n.get("stroke-linejoin", "miter")),
            stroke_cap=cast(Any, n.get("stroke-linecap", "butt")),
            opacity=opacity,
        )

    def _paint(self, value: str) -> Paint:
        if value == "none":
            return None
        match = _URL.match(value)
        if not match:
            return value
        grad = self.gradients.get(match.group(1))
        if grad is None:
            raise ValueError(
                _("paint refers to missing gradient {id}").format(id=repr(match.group(1)))
            )
        stops = [
            GradientStop(
                float(s.get("offset", "0")),
                s.get("stop-color", "#000000"),
                float(s.get("stop-opacity", "1")),
            )
            for s in grad.findall(ns.svg("stop"))
        ]
        f = _floats(grad)
        if grad.tag == ns.svg("linearGradient"):
            return LinearGradient(stops, f("x1"), f("y1"), f("x2", 1.0), f("y2"))
        return RadialGradient(stops, f("cx", 0.5), f("cy", 0.5), f("r", 0.5))


def canonical_markup(svg_element: ET.Element) -> str:
    """The one serialisation of imported artwork the document stores."""
    tail, svg_element.tail = svg_element.tail, None
    try:
        return ET.tostring(svg_element, encoding="unicode")
    finally:
        svg_element.tail = tail


def _floats(node: ET.Element, namespace: str | None = None) -> Any:
    def get(name: str, default: float = 0.0) -> float:
        key = ns.q(namespace, name) if namespace else name
        value = node.get(key)
        return float(value) if value is not None else default

    return get


def _matrix(value: str | None) -> Matrix:
    if not value:
        return IDENTITY
    match = re.fullmatch(r"\s*matrix\(([^)]*)\)\s*", value)
    if not match:
        raise ValueError(_("transform {value} is not a matrix()").format(value=repr(value)))
    parts = [float(p) for p in match.group(1).replace(",", " ").split()]
    if len(parts) != 6:
        raise ValueError(_("transform {value} needs six numbers").format(value=repr(value)))
    return cast(Matrix, tuple(parts))


def _data_uri(href: str) -> tuple[str, bytes]:
    match = re.fullmatch(r"data:([\w/+.-]+);base64,(.*)", href, re.S)
    if not match:
        raise ValueError(_("an image must be embedded as a base64 data URI"))
    return match.group(1), base64.b64decode(match.group(2), validate=False)
