"""The design document: an artboard, layers and elements, in millimetres.

Pure data (dataclasses, no Qt). The GUI edits it through undoable commands; the SVG writer turns
it into the one SVG that every renderer, check and export sees. Element ids are stable: they are
how findings, undo commands and the brief's required elements refer to an element.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from studio.document.geometry import IDENTITY, Box, Matrix
from studio.i18n import _

FORMAT_VERSION = 1


def new_id(prefix: str = "el") -> str:
    """A short, unique, XML-safe element id: 40 random bits, as the first ten hex digits of
    a uuid4 were (``uuid`` itself is not imported: it imports ``platform``, slow at start)."""
    return f"{prefix}-{os.urandom(5).hex()}"


@dataclass
class GradientStop:
    offset: float
    color: str
    opacity: float = 1.0


@dataclass
class LinearGradient:
    """A linear gradient in the element's own bounding-box fractions (0..1)."""

    stops: list[GradientStop]
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 1.0
    y2: float = 0.0


@dataclass
class RadialGradient:
    """A radial gradient in bounding-box fractions."""

    stops: list[GradientStop]
    cx: float = 0.5
    cy: float = 0.5
    r: float = 0.5


Paint: TypeAlias = str | LinearGradient | RadialGradient | None
"""``"#rrggbb"``, a gradient, or ``None`` for no paint."""

LineJoin = Literal["miter", "round", "bevel"]
LineCap = Literal["butt", "round", "square"]


@dataclass
class Style:
    fill: Paint = "#000000"
    stroke: Paint = None
    stroke_width: float = 0.0
    stroke_join: LineJoin = "miter"
    stroke_cap: LineCap = "butt"
    opacity: float = 1.0


@dataclass(kw_only=True)
class Element:
    """What every element has. ``transform`` maps its own coordinates to its parent's."""

    id: str = field(default_factory=new_id)
    name: str = ""
    style: Style = field(default_factory=Style)
    transform: Matrix = IDENTITY
    visible: bool = True
    locked: bool = False
    required: str | None = None
    """The id of the brief's required element this is, kept as ``motif:required``."""

    kind = "element"


@dataclass(kw_only=True)
class Rect(Element):
    x: float = 0.0
    y: float = 0.0
    width: float = 10.0
    height: float = 10.0
    rx: float = 0.0

    kind = "rect"


@dataclass(kw_only=True)
class Ellipse(Element):
    cx: float = 0.0
    cy: float = 0.0
    rx: float = 5.0
    ry: float = 5.0

    kind = "ellipse"


@dataclass(kw_only=True)
class Polygon(Element):
    """A regular polygon, or a star when ``inner_ratio`` is set (inner radius / outer)."""

    cx: float = 0.0
    cy: float = 0.0
    radius: float = 10.0
    sides: int = 5
    inner_ratio: float | None = None
    rotation: float = 0.0

    kind = "polygon"


PathCommand: TypeAlias = tuple[str, tuple[float, ...]]
"""``("M", (x, y))``, ``("L", (x, y))``, ``("C", (x1, y1, x2, y2, x, y))`` or ``("Z", ())``."""


@dataclass(kw_only=True)
class Path(Element):
    commands: list[PathCommand] = field(default_factory=list)

    kind = "path"


TextAlign = Literal["start", "middle", "end"]


@dataclass(kw_only=True)
class Text(Element):
    """Text anchored at ``(x, y)``: the baseline of the first line. Lines split on newlines."""

    x: float = 0.0
    y: float = 0.0
    content: str = ""
    family: str = "Noto Sans"
    size: float = 10.0
    weight: int = 400
    italic: bool = False
    align: TextAlign = "start"
    letter_spacing: float = 0.0
    line_height: float = 1.2

    kind = "text"


@dataclass(kw_only=True)
class Image(Element):
    """A raster image kept at its own resolution: ``data`` is the original file, never
    resampled; ``width``/``height`` is its placed size in mm."""

    x: float = 0.0
    y: float = 0.0
    width: float = 10.0
    height: float = 10.0
    data: bytes = b""
    mime: str = "image/png"
    pixel_width: int = 0
    pixel_height: int = 0

    kind = "image"

    @property
    def effective_dpi(self) -> float:
        """Pixels per inch at the placed size (before the element's transform)."""
        if self.width <= 0 or self.height <= 0:
            return 0.0
        return min(self.pixel_width / (self.width / 25.4), self.pixel_height / (self.height / 25.4))


@dataclass(kw_only=True)
class SvgArt(Element):
    """Imported SVG artwork, kept as sanitised SVG markup (an ``<svg>`` element, ids prefixed so
    two imports never collide), placed in the box ``x, y, width, height``."""

    x: float = 0.0
    y: float = 0.0
    width: float = 10.0
    height: float = 10.0
    markup: str = ""
    asset_sha256: str = ""
    """SHA-256 of the source file, so a required logo can be proven unaltered."""

    kind = "svg"


@dataclass(kw_only=True)
class Group(Element):
    children: list[Element] = field(default_factory=list)

    kind = "group"


@dataclass
class Layer:
    name: str
    id: str = field(default_factory=lambda: new_id("layer"))
    visible: bool = True
    locked: bool = False
    elements: list[Element] = field(default_factory=list)


@dataclass
class Guide:
    orientation: Literal["horizontal", "vertical"]
    position: float


@dataclass
class BriefLink:
    """Which brief (and which exact file) the design answers."""

    id: str
    version: int
    sha256: str = ""


@dataclass
class Override:
    """What a variant changes on one element; ``None`` keeps the main design's value."""

    transform: Matrix | None = None
    visible: bool | None = None
    content: str | None = None
    """A text's lines for this size (re-wrapped to fit a narrower output)."""


@dataclass
class Variant:
    """The layout of the design for one output of an ad brief (another size): the elements are
    shared with the main design, only their placement and visibility differ. ``width`` and
    ``height`` are the variant's artboard in mm."""

    output: str
    width: float
    height: float
    overrides: dict[str, Override] = field(default_factory=dict)


@dataclass
class Document:
    """The whole design. ``width``/``height`` are the trim size in mm."""

    width: float
    height: float
    dpi: float = 300.0
    bleed: float = 0.0
    unit: str = "mm"
    layers: list[Layer] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    brief: BriefLink | None = None
    title: str = ""
    variants: dict[str, Variant] = field(default_factory=dict)
    """Per output id of an ad brief: that size's layout (optional; see :class:`Variant`)."""

    @property
    def trim_box(self) -> Box:
        return Box(0.0, 0.0, self.width, self.height)

    @property
    def width_px(self) -> int:
        return round(self.width * self.dpi / 25.4)

    @property
    def height_px(self) -> int:
        return round(self.height * self.dpi / 25.4)

    def layer(self, name: str) -> Layer:
        """The layer called ``name``, created on top if absent."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        layer = Layer(name)
        self.layers.append(layer)
        return layer

    def walk(self) -> Iterator[Element]:
        """Every element, depth first, bottom to top."""
        for layer in self.layers:
            yield from walk_elements(layer.elements)

    def find(self, element_id: str) -> Element | None:
        return next((e for e in self.walk() if e.id == element_id), None)

    def parent_list(self, element_id: str) -> list[Element] | None:
        """The list that holds the element (a layer's or a group's children)."""
        for layer in self.layers:
            found = _parent_list(layer.elements, element_id)
            if found is not None:
                return found
        return None

    def layer_of(self, element_id: str) -> Layer | None:
        for layer in self.layers:
            if any(e.id == element_id for e in walk_elements(layer.elements)):
                return layer
        return None


def walk_elements(elements: list[Element]) -> Iterator[Element]:
    for element in elements:
        yield element
        if isinstance(element, Group):
            yield from walk_elements(element.children)


def _parent_list(elements: list[Element], element_id: str) -> list[Element] | None:
    for element in elements:
        if element.id == element_id:
            return elements
        if isinstance(element, Group):
            found = _parent_list(element.children, element_id)
            if found is not None:
                return found
    return None


_counter = itertools.count(1)


def default_name(element: Element) -> str:
    """``Rectangle 3``: a readable default for the layers panel."""
    label = {
        "rect": _("Rectangle {number}"),
        "ellipse": _("Ellipse {number}"),
        "polygon": _("Polygon {number}"),
        "path": _("Path {number}"),
        "text": _("Text {number}"),
        "image": _("Image {number}"),
        "svg": _("Artwork {number}"),
        "group": _("Group {number}"),
    }
    return label.get(element.kind, _("Element {number}")).format(number=next(_counter))
