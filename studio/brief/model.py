"""The brief as typed values, lengths already in millimetres.

The raw JSON is kept (``Brief.raw``) so unknown fields survive a round trip, as the format
promises forward compatibility.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from studio.units import parse_length


@dataclass(frozen=True)
class Zone:
    """A rectangle in millimetres from the trim box's top-left corner."""

    x: float
    y: float
    width: float
    height: float
    reason: str = ""

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def as_list(self) -> list[float]:
        return [self.x, self.y, self.width, self.height]


@dataclass(frozen=True)
class Ink:
    """One ink of the palette."""

    name: str
    color: str
    pantone: str = ""


@dataclass(frozen=True)
class InkSpec:
    """Screen-printing ink constraints."""

    max_colors: int | None = None
    palette: tuple[Ink, ...] = ()
    palette_only: bool = False
    delta_e: float = 3.0


@dataclass(frozen=True)
class GarmentColor:
    name: str
    color: str


@dataclass(frozen=True)
class RequiredElement:
    """A brand element that must appear unaltered."""

    id: str
    asset: str
    min_width: float | None = None
    zone: Zone | None = None
    clear_space: float | None = None


@dataclass(frozen=True)
class OutputSpec:
    """One deliverable; ``width``/``height`` in mm (``None``: the canvas size)."""

    id: str
    format: str
    width: float | None = None
    height: float | None = None
    dpi: float | None = None
    max_bytes: int | None = None
    width_px: int | None = None
    height_px: int | None = None


@dataclass(frozen=True)
class Rules:
    """The checks the brief asks for; ``None`` means not checked."""

    min_image_dpi: float | None = None
    recommended_image_dpi: float | None = None
    min_text_size: float | None = None
    min_stroke_width: float | None = None
    transparency: str | None = None
    gradients: str | None = None
    raster_images: str | None = None
    max_text_coverage: float | None = None
    min_text_contrast: float | None = None
    fonts: tuple[str, ...] | None = None
    required: tuple[RequiredElement, ...] = ()
    keep_out: tuple[Zone, ...] = ()


@dataclass
class Brief:
    """A loaded brief. Lengths are millimetres; ``assets`` maps package paths to bytes."""

    id: str
    version: int
    title: str
    description: str
    kind: str
    brand_name: str
    width: float
    height: float
    dpi: float
    bleed: float
    safe_margin: float
    unit: str
    px_canvas: bool
    rules: Rules
    inks: InkSpec
    outputs: tuple[OutputSpec, ...]
    garment_colors: tuple[GarmentColor, ...] = ()
    mockup: str | None = None
    template: str | None = None
    deadline: datetime | None = None
    licence: dict[str, Any] = field(default_factory=dict)
    targets: tuple[dict[str, Any], ...] = ()
    raw: dict[str, Any] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    source: str = ""
    sha256: str = ""

    @property
    def width_px(self) -> int:
        """The canvas width in output pixels at the brief's DPI."""
        return round(self.width * self.dpi / 25.4)

    @property
    def height_px(self) -> int:
        return round(self.height * self.dpi / 25.4)

    @property
    def safe_box(self) -> Zone:
        m = self.safe_margin
        return Zone(m, m, self.width - 2 * m, self.height - 2 * m)

    def asset(self, path: str) -> bytes:
        """The bytes of an asset named in the brief; KeyError names the path."""
        try:
            return self.assets[path]
        except KeyError:
            raise KeyError(f"asset {path!r} is not in the brief package") from None


def canvas_unit(raw_canvas: dict[str, Any]) -> str:
    """The unit the brand wrote the canvas width in: the unit the app shows lengths in."""
    try:
        return parse_length(str(raw_canvas.get("width", "0mm")))[1]
    except ValueError:
        return "mm"
