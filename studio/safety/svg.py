"""SVG from outside (briefs, packages, imported artwork) made safe to render.

Rendering must never read a file or the network on the document's behalf, nor let the file make
the renderer allocate without bound. So, before resvg or CairoSVG see anything:

* the XML is parsed under limits (see :mod:`studio.safety.xml`) and written back plain;
* every ``href``/``xlink:href``, ``url(...)`` and CSS ``@import`` that is not a same-document
  ``#fragment`` or a checked ``data:`` URI is removed and reported;
* embedded raster images have their pixel size read from their headers and are refused past the
  bounds of :mod:`studio.safety.images`; embedded SVG images are sanitized recursively, a few
  levels deep at most; the whole document's render cost, counting ``<use>`` fan-out and nested
  images, is bounded (an exponential ``<use>`` tree is a billion laughs for renderers);
* the root canvas size is bounded;
* what resvg would misdraw is rewritten into what it draws right (:mod:`studio.render.compat`:
  CSS units and colours it does not read, basic-shape clip paths, generic font families...),
  here, so the canvas, the checks and every export see the same rewritten document.

Local images (``href="photo.png"``) are only inlined when the caller says the user chose this
file from disk (``allow_local_images=True``), and only from under ``base_dir``; briefs and
packages from strangers never get that.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from studio.errors import InputError
from studio.i18n import _
from studio.render import compat
from studio.safety import images
from studio.safety.filters import bound_filters
from studio.safety.svg_size import root_size_px, view_box
from studio.safety.xml import (
    DEFAULT_XML_LIMITS,
    XLINK_NS,
    XmlLimits,
    parse_xml,
    serialize,
    split_tag,
)

Source = str | Path | None


@dataclass(frozen=True)
class SvgLimits:
    xml: XmlLimits = DEFAULT_XML_LIMITS
    #: Largest canvas side in CSS px: 40000 px is 10.6 m at 96 per inch.
    max_canvas_px: float = 40_000.0
    #: Embedded SVG inside embedded SVG... this many levels below the document.
    max_nesting: int = 3
    max_images: int = 2_000
    max_total_image_pixels: int = 300_000_000
    #: Rendered nodes after expanding ``<use>`` and nested images.
    max_render_weight: int = 2_000_000


DEFAULT_SVG_LIMITS = SvgLimits()
#: The largest local style sheet we inline.
MAX_CSS_BYTES = 1024 * 1024
#: The largest SVG file (our design files included) we read at all.
MAX_SVG_BYTES = DEFAULT_SVG_LIMITS.xml.max_bytes


@dataclass
class SanitizeResult:
    """The plain document, what was taken out of it (for the app to warn), and its canvas."""

    data: bytes
    removed: list[str]
    width_px: float
    height_px: float
    weight: int = 0


@dataclass
class _Budget:
    """Counts shared by a document and every image nested in it."""

    images: int = 0
    pixels: int = 0
    removed: list[str] = field(default_factory=list)


_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_IMPORT = re.compile(r"@import\b[^;]*;?", re.IGNORECASE)
_IMPORT_TARGET = re.compile(
    r"""@import\s+(?:url\(\s*(["']?)([^"'()\s;]+)\1\s*\)|(["'])([^"';]+)\3)\s*;?""",
    re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_IMAGE_ELEMENTS = ("image", "feImage")


def _gunzip(data: bytes, source: Source, limit: int) -> bytes:
    """Plain bytes of ``.svgz`` content, bounded; other data unchanged."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(source, _("broken gzip compression ({error})").format(error=exc)) from None
    if len(out) > limit:
        raise InputError(source, _("decompresses to more than {limit} bytes").format(limit=limit))
    return out


def _check_root(root: ET.Element, source: Source, limits: SvgLimits) -> tuple[float, float]:
    _ns, local = split_tag(root.tag)
    if local != "svg":
        message = _("not an SVG document: the root element is <{tag}>")
        raise InputError(source, message.format(tag=local))
    width, height = root_size_px(root)
    if width > limits.max_canvas_px or height > limits.max_canvas_px:
        message = _(
            "canvas of {width}x{height} px is larger than the {limit} px per side allowed"
        )
        raise InputError(source, message.format(
            width=format(width, ".0f"),
            height=format(height, ".0f"),
            limit=format(limits.max_canvas_px, ".0f"),
        ))
    return width, height


def parse_svg(data: bytes, source: Source) -> ET.Element:
    """The root ``<svg>`` element of ``data`` (plain or gzipped), parsed under limits."""
    limits = DEFAULT_SVG_LIMITS
    root, _info = parse_xml(_gunzip(data, source, limits.xml.max_bytes), source, limits.xml)
    _check_root(root, source, limits)
    return root


class _Sanitizer:
    def __init__(self, source: Source, *, base_dir: Path | None, doc_dir: Path | None,
                 allow_local: bool, limits: SvgLimits, budget: _Budget, depth: int,
                 chain: tuple[Path, ...] = ()) -> None:
        self.source, self.limits, self.budget, self.depth = source, limits, budget, depth
        self.chain = chain
        self.base_dir = base_dir.resolve() if base_dir is not None else None
        self.doc_dir = (doc_dir or base_dir or Path(".")).resolve()
        self.allow_local = allow_local and base_dir is not None
        self.extra_weight: dict[int, int] = {}
        self.pending_weight = 0  # render weight of the image last checked

    def fail(self, problem: str) -> InputError:
        return InputError(self.source, problem)

    def report(self, what: str) -> None:
        self.budget.removed.append(f"{what} (in an embedded image)" if self.depth else what)

    def run(self, data: bytes) -> SanitizeResult:
        data = _gunzip(data, self.source, self.limits.xml.max_bytes)
        root, stylesheets = parse_xml(data, self.source, self.limits.xml)
        width, height = _check_root(root, self.source, self.limits)
        for sheet in stylesheets:
            self.report(f"external stylesheet <?xml-stylesheet {sheet[:80]}?>")
        for parent in root.iter():
            for child in list(parent):
                if split_tag(child.tag)[1] == "script":
                    parent.remove(child)
                    self.report("<script> element")
        for el in root.iter():
            self.clean_element(el)
        compat.normalise(root, (width, height))
        vb = view_box(root)
        bound_filters(root, (vb[2], vb[3]) if vb else (width, height),
                      str(self.source) if self.source is not None else None)
        weight = self.render_weight(root)
        return SanitizeResult(serialize(root), self.budget.removed, width, height, weight)

    # -- links ---------------------------------------------------------------------------------

    def clean_element(self, el: ET.Element) -> None:
        local = split_tag(el.tag)[1]
        if local == "style" and el.text:
            el.text = self.clean_css(el.text)
        for key, value in list(el.attrib.items()):
            ns, name = split_tag(key)
            if name == "href" and ns in ("", XLINK_NS):
                self.clean_href(el, key, value.strip(), local)
            elif name == "style":
                el.set(key, self.clean_css(value))
            elif "url(" in value.lower() and not self.urls_ok(value):
                del el.attrib[key]
                self.report(f"{name}={value[:80]!r} on <{local}> (not a same-document link)")

    def clean_href(self, el: ET.Element, key: str, value: str, local: str) -> None:
        if value.startswith("#"):
            return
        replacement: str | None = None
        self.pending_weight = 0
        if value[:5].lower() == "data:":
            replacement = self.check_data_uri(value)
        elif self.allow_local and local in _IMAGE_ELEMENTS and not _SCHEME.match(value):
            replacement = self.inline_local(value)
        if replacement is None:
            del el.attrib[key]
            shown = value if len(value) < 80 else value[:77] + "..."
            self.report(f"<{local}> link to {shown}")
        else:
            el.set(key, replacement)
            self.extra_weight[id(el)] = self.pending_weight

    def urls_ok(self, text: str) -> bool:
        return all(m.group(2).strip().startswith("#") for m in _URL.finditer(text))

    def clean_css(self, css: str, folder: Path | None = None, depth: int = 0) -> str:
        """``css`` without links out; local ``@import`` sheets inlined where allowed."""

        def imported(match: re.Match[str]) -> str:
            sheet = self.inline_css(match.group(0), folder or self.doc_dir, depth)
            if sheet is None:
                self.report(f"CSS {match.group(0)[:80]}")
                return ""
            return sheet

        css = _IMPORT.sub(imported, css)

        def fix(match: re.Match[str]) -> str:
            target = match.group(2).strip()
            if target.startswith("#"):
                return match.group(0)
            if target[:5].lower() == "data:" and self.check_data_uri(target) is not None:
                return match.group(0)
            self.report(f"CSS url({target[:80]})")
            return "none"

        return _URL.sub(fix, css)

    def inline_css(self, rule: str, folder: Path, depth: int) -> str | None:
        """The cleaned text of a local sheet ``@import``-ed by ``rule``, or None to drop it.

        Like local images: only for a file the user chose, only from under ``base_dir``, a
        few levels deep and bounded in size; an import with media conditions is dropped."""
        match = _IMPORT_TARGET.fullmatch(rule.strip())
        if not self.allow_local or match is None or depth >= self.limits.max_nesting:
            return None
        href = match.group(2) or match.group(4)
        if _SCHEME.match(href):
            return None
        assert self.base_dir is not None
        path = (folder / urllib.parse.unquote(href)).resolve()
        if not path.is_relative_to(self.base_dir) or not path.is_file():
            return None
        if path.stat().st_size > MAX_CSS_BYTES:
            message = _("style sheet {name} is larger than {limit} bytes")
            raise self.fail(message.format(name=path.name, limit=MAX_CSS_BYTES))
        text = path.read_bytes().decode("utf-8", "replace")
        return self.clean_css(text, path.parent, depth + 1)

    # -- embedded and local images -------------------------------------------------------------

    def decode_data_uri(self, uri: str) -> bytes | None:
        header, sep, payload = uri[5:].partition(",")
        if not sep:
            return None
        if len(payload) > images.MAX_IMAGE_BYTES * 4 // 3 + 4:
            message = _("embedded data of {size} bytes is too large")
            raise self.fail(message.format(size=len(payload)))
        try:
            if header.lower().rstrip().endswith(";base64"):
                return base64.b64decode(re.sub(r"\s+", "", payload))
            return urllib.parse.unquote_to_bytes(payload)
        except (binascii.Error, ValueError):
            return None

    def check_data_uri(self, uri: str) -> str | None:
        """The URI to keep (possibly rewritten), or None to remove it."""
        data = self.decode_data_uri(uri)
        if data is None:
            return None
        checked = self.check_image_bytes(data, "embedded image", None, allow_local=False)
        if checked is None:
            return None
        return uri if checked[1] is None else checked[1]

    def inline_local(self, href: str) -> str | None:
        assert self.base_dir is not None
        path = (self.doc_dir / urllib.parse.unquote(href.split("#", 1)[0])).resolve()
        if not path.is_relative_to(self.base_dir) or not path.is_file():
            return None
        if path in self.chain:  # an image of itself: renderers skip it, so do we
            return None
        if path.stat().st_size > images.MAX_IMAGE_BYTES:
            message = _("image {name} is larger than {limit} bytes")
            raise self.fail(message.format(name=path.name, limit=images.MAX_IMAGE_BYTES))
        data = path.read_bytes()
        checked = self.check_image_bytes(data, path.name, path, allow_local=True)
        if checked is None:
            return None
        mime, rewritten = checked
        if rewritten is not None:
            return rewritten
        return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")

    def check_image_bytes(self, data: bytes, what: str, path: Path | None, *,
                          allow_local: bool) -> tuple[str, str | None] | None:
        """``(mime, rewritten data URI or None)`` for a usable image, None for unknown data."""
        self.budget.images += 1
        if self.budget.images > self.limits.max_images:
            message = _("more than {limit} embedded images")
            raise self.fail(message.format(limit=self.limits.max_images))
        fmt = images.sniff_format(data)
        if fmt is not None:
            _fmt, width, height = images.probe_image(data, self.source)
            self.budget.pixels += width * height
            if self.budget.pixels > self.limits.max_total_image_pixels:
                raise self.fail(_("embedded images add up to more pixels than allowed"))
            self.pending_weight = width * height // 10_000
            return images.MIME_TYPES[fmt], None
        looks_svg = data[:4096].lstrip().startswith(b"<") and b"<svg" in data[:65536]
        if not (data.startswith(b"\x1f\x8b") or looks_svg):
            return None
        if self.depth >= self.limits.max_nesting:
            message = _("SVG images nested more than {limit} levels deep")
            raise self.fail(message.format(limit=self.limits.max_nesting))
        inner = _Sanitizer(self.source, base_dir=self.base_dir,
                           doc_dir=path.parent if path else None, allow_local=allow_local,
                           limits=self.limits, budget=self.budget, depth=self.depth + 1,
                           chain=(*self.chain, path) if path else self.chain).run(data)
        self.pending_weight = inner.weight
        uri = "data:image/svg+xml;base64," + base64.b64encode(inner.data).decode("ascii")
        return "image/svg+xml", uri

    # -- render cost ---------------------------------------------------------------------------

    def render_weight(self, root: ET.Element) -> int:
        """Nodes a renderer will draw, with ``<use>`` expanded; InputError past the bound."""
        ids = {el.get("id"): el for el in root.iter() if el.get("id")}
        memo: dict[int, int] = {}
        active: set[int] = set()
        limit = self.limits.max_render_weight

        def weight(el: ET.Element) -> int:
            key = id(el)
            if key in memo:
                return memo[key]
            if key in active:  # a reference cycle: renderers skip it
                return 0
            active.add(key)
            total = 1 + self.extra_weight.get(key, 0) + sum(weight(child) for child in el)
            if split_tag(el.tag)[1] == "use":
                href = el.get("href") or el.get(f"{{{XLINK_NS}}}href") or ""
                target = ids.get(href[1:]) if href.startswith("#") else None
                if target is not None:
                    total += weight(target)
            active.discard(key)
            memo[key] = total
            if total > limit:
                message = _(
                    "the drawing expands to more than {limit} elements when its <use> references "
                    "are followed (a reference bomb?)"
                )
                raise self.fail(message.format(limit=limit))
            return total

        try:
            return weight(root)
        except RecursionError:
            raise self.fail(_("references are nested too deeply")) from None


def sanitize_svg_report(data: bytes, source: Source, *, base_dir: str | Path | None = None,
                        doc_dir: str | Path | None = None, allow_local_images: bool = False,
                        limits: SvgLimits = DEFAULT_SVG_LIMITS) -> SanitizeResult:
    """Sanitize ``data`` and say what was removed; see the module docstring for the rules.

    ``doc_dir`` is where relative links are resolved from (default ``base_dir``); local images
    are inlined only with ``allow_local_images`` and only from inside ``base_dir``.
    """
    sanitizer = _Sanitizer(source, base_dir=Path(base_dir) if base_dir else None,
                           doc_dir=Path(doc_dir) if doc_dir else None,
                           allow_local=allow_local_images, limits=limits, budget=_Budget(),
                           depth=0)
    return sanitizer.run(data)


def sanitize_svg(data: bytes, source: Source, *, base_dir: str | Path | None = None,
                 doc_dir: str | Path | None = None, allow_local_images: bool = False) -> bytes:
    """The plain, checked document (see :func:`sanitize_svg_report` for what was removed)."""
    return sanitize_svg_report(data, source, base_dir=base_dir, doc_dir=doc_dir,
                               allow_local_images=allow_local_images).data


__all__ = ["SanitizeResult", "SvgLimits", "parse_svg", "sanitize_svg",
           "sanitize_svg_report"]
