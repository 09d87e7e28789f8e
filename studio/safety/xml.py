"""A bounded XML reader and a plain writer for SVG from outside.

defusedxml refuses every entity declaration, but Illustrator writes internal entities
(``<!ENTITY ns_svg "http://www.w3.org/2000/svg">``) into ordinary exports, so we drive expat
ourselves: internal entities are allowed while the total text they can expand to stays small
(a billion-laughs file is refused at its declarations, before anything is expanded); external
entities, parameter entities and unparsed entities are refused; the external DTD is never read.
Element count and nesting depth are bounded while parsing, so a deep file never reaches the
renderer (a Rust stack overflow cannot be caught, it kills the process).

The writer emits the tree back without DTD, entities, comments or processing instructions, so
the renderer only ever sees the plain, already-checked document.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from studio.errors import InputError
from studio.i18n import _

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass(frozen=True)
class XmlLimits:
    max_bytes: int = 64 * 1024 * 1024
    max_elements: int = 500_000
    max_depth: int = 200
    #: Total characters that entity references may expand to in the whole document.
    max_entity_expansion: int = 1024 * 1024


DEFAULT_XML_LIMITS = XmlLimits()
_ENTITY_REF = re.compile(rb"&([A-Za-z_:][\w.:-]*);")
_ENTITY_REF_TEXT = re.compile(r"&([A-Za-z_:][\w.:-]*);")


class _Reader:
    """One parse: expat handlers feeding an ElementTree builder, with the limits checked."""

    def __init__(self, source: str | Path | None, data: bytes, limits: XmlLimits) -> None:
        self.source, self.limits = source, limits
        self.builder = ET.TreeBuilder()
        self.depth = self.elements = self.entity_total = 0
        self.expanded: dict[str, int] = {}
        self.stylesheets: list[str] = []
        self.uses = Counter(m.group(1).decode("ascii", "replace")
                            for m in _ENTITY_REF.finditer(data)) if b"<!ENTITY" in data else {}
        parser = expat.ParserCreate(namespace_separator="}")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.buffer_text = True
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.builder.data
        parser.EntityDeclHandler = self.entity_decl
        parser.UnparsedEntityDeclHandler = self.unparsed_entity
        parser.ExternalEntityRefHandler = self.external_ref
        parser.ProcessingInstructionHandler = self.processing_instruction
        self.parser = parser

    def fail(self, problem: str) -> InputError:
        return InputError(self.source, problem)

    @staticmethod
    def name(raw: str) -> str:
        return "{" + raw if "}" in raw else raw

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > self.limits.max_depth:
            message = _("elements nested more than {limit} deep")
            raise self.fail(message.format(limit=self.limits.max_depth))
        if self.elements > self.limits.max_elements:
            raise self.fail(_("more than {limit} elements").format(limit=self.limits.max_elements))
        self.builder.start(self.name(tag), {self.name(k): v for k, v in attrs.items()})

    def end(self, tag: str) -> None:
        self.depth -= 1
        self.builder.end(self.name(tag))

    def entity_decl(self, name: str, is_parameter: bool, value: str | None, base: str | None,
                    system_id: str | None, public_id: str | None, notation: str | None) -> None:
        if is_parameter:
            raise self.fail(_("parameter entity %{name}; is not allowed").format(name=name))
        if value is None:
            message = _("external entity &{name}; ({system_id}) is not allowed")
            raise self.fail(message.format(name=name, system_id=system_id))
        size = len(value)
        for ref in _ENTITY_REF_TEXT.findall(value):
            size += self.expanded.get(ref, 0)
        self.expanded[name] = size
        self.entity_total += size * max(1, self.uses.get(name, 0))
        if size > self.limits.max_entity_expansion or (
            self.entity_total > self.limits.max_entity_expansion
        ):
            message = _(
                "entities expand to too much text (an entity bomb such as 'billion laughs'?)"
            )
            raise self.fail(message)

    def unparsed_entity(self, name: str, *_args: object) -> None:
        raise self.fail(_("unparsed external entity &{name}; is not allowed").format(name=name))

    def external_ref(self, *_args: object) -> int:
        raise self.fail(_("reference to an external entity is not allowed"))

    def processing_instruction(self, target: str, data: str) -> None:
        if target == "xml-stylesheet":
            self.stylesheets.append(data)

    def parse(self, data: bytes) -> ET.Element:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            problem = expat.ErrorString(exc.code) if exc.code else str(exc)
            message = _("malformed XML at line {line}, column {column}: {problem}")
            raise self.fail(message.format(
                line=exc.lineno,
                column=exc.offset,
                problem=problem,
            )) from None
        except RecursionError:
            raise self.fail(_("entities nested too deeply")) from None
        root: ET.Element = self.builder.close()
        return root


def parse_xml(data: bytes, source: str | Path | None,
              limits: XmlLimits = DEFAULT_XML_LIMITS) -> tuple[ET.Element, list[str]]:
    """The root element and the ``xml-stylesheet`` instructions that were dropped."""
    if len(data) > limits.max_bytes:
        message = _("file is {size} bytes, more than {limit}")
        raise InputError(source, message.format(size=len(data), limit=limits.max_bytes))
    reader = _Reader(source, data, limits)
    root = reader.parse(data)
    return root, reader.stylesheets


def split_tag(tag: str) -> tuple[str, str]:
    """``"{ns}local"`` → ``("ns", "local")``; no namespace → ``("", tag)``."""
    if tag.startswith("{"):
        ns, _sep, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _escape(text: str, attribute: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = (text.replace('"', "&quot;").replace("\n", "&#10;")
                .replace("\r", "&#13;").replace("\t", "&#9;"))
    return text


def serialize(root: ET.Element) -> bytes:
    """UTF-8 XML for ``root``: SVG as the default namespace, ``xlink:`` for XLink."""
    prefixes = {SVG_NS: "", XLINK_NS: "xlink", XML_NS: "xml"}
    svg_attr_prefix = False
    for el in root.iter():
        for name in (el.tag, *el.attrib):
            ns, _local = split_tag(name)
            if ns and ns not in prefixes:
                prefixes[ns] = f"ns{len(prefixes)}"
        if any(k.startswith("{" + SVG_NS + "}") for k in el.attrib):
            svg_attr_prefix = True
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']

    def qname(name: str, attribute: bool) -> str:
        ns, local = split_tag(name)
        if not ns or (ns == SVG_NS and not attribute):
            return local
        if ns == SVG_NS:  # a namespaced attribute in the default namespace needs a prefix
            return f"svgns:{local}"
        return f"{prefixes[ns]}:{local}"

    def write(el: ET.Element, default_ns: str, top: bool) -> None:
        ns, _local = split_tag(el.tag)
        attrs = [f'{qname(k, True)}="{_escape(v, True)}"' for k, v in el.attrib.items()]
        decl = []
        element_ns = ns if ns == SVG_NS or not ns else default_ns
        if top:
            decl = [f'xmlns{":" + p if p else ""}="{_escape(u, True)}"'
                    for u, p in prefixes.items() if u != XML_NS]
            if svg_attr_prefix:
                decl.append(f'xmlns:svgns="{SVG_NS}"')
            if not ns:
                decl = [d for d in decl if not d.startswith("xmlns=")]
        elif element_ns != default_ns:
            decl = [f'xmlns="{element_ns}"']
        tag = qname(el.tag, False)
        out.append("<" + " ".join([tag, *decl, *attrs]))
        children = list(el)
        if not children and not el.text:
            out.append("/>")
        else:
            out.append(">")
            if el.text:
                out.append(_escape(el.text, False))
            for child in children:
                write(child, element_ns, False)
            out.append(f"</{tag}>")
        if el.tail and not top:
            out.append(_escape(el.tail, False))

    write(root, SVG_NS if split_tag(root.tag)[0] == SVG_NS else "", True)
    return "".join(out).encode("utf-8")
