"""The film around a plate: margin, registration bullseyes, trim marks and the plate's label.

Every plate of a job shares one set of marks drawn at the same pixel positions (the printer
lines the screens up on them), so the marks are drawn once on a template and each plate is
pasted into its copy. Black is ink (a film positive).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from studio.units import MM_PER_IN


@dataclass(frozen=True)
class FilmLayout:
    """Pixel geometry of a film: the trim box at ``(margin, margin)`` of size ``width×height``."""

    width: int
    height: int
    margin: int
    dpi: float

    @property
    def size(self) -> tuple[int, int]:
        return self.width + 2 * self.margin, self.height + 2 * self.margin

    def px(self, mm: float) -> int:
        return max(1, round(mm * self.dpi / MM_PER_IN))

    @property
    def mark_radius(self) -> int:
        return max(4, min(self.px(4.0), int(self.margin * 0.3)))

    def registration_centres(self) -> list[tuple[int, int]]:
        """Bullseye centres: the middle of each side, in the middle of the margin."""
        m, w, h = self.margin, self.width, self.height
        half = m // 2
        return [
            (m + w // 2, half),
            (m + w // 2, h + m + half),
            (half, m + h // 2),
            (w + m + half, m + h // 2),
        ]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # pragma: no cover - Pillow without FreeType
        return ImageFont.load_default()


def marks_template(layout: FilmLayout) -> Image.Image:
    """A white 1-bit film with the registration bullseyes and the trim corner marks."""
    film = Image.new("1", layout.size, 1)
    draw = ImageDraw.Draw(film)
    r = layout.mark_radius
    line = max(1, layout.px(0.15))
    for cx, cy in layout.registration_centres():
        for ring in (r, r * 0.55):
            draw.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=0, width=line)
        reach = int(r * 1.4)
        draw.line((cx - reach, cy, cx + reach, cy), fill=0, width=line)
        draw.line((cx, cy - reach, cx, cy + reach), fill=0, width=line)
    m, w, h = layout.margin, layout.width, layout.height
    gap, length = layout.px(1.5), max(2, min(layout.px(6.0), m - layout.px(1.5) - 1))
    for x in (m, m + w):
        for y0, y1 in ((m - gap - length, m - gap), (m + h + gap, m + h + gap + length)):
            draw.line((x, y0, x, y1), fill=0, width=line)
    for y in (m, m + h):
        for x0, x1 in ((m - gap - length, m - gap), (m + w + gap, m + w + gap + length)):
            draw.line((x0, y, x1, y), fill=0, width=line)
    return film


def label_lines(layout: FilmLayout, film: Image.Image, lines: list[str]) -> None:
    """Write ``lines`` in the top margin between the trim mark and the top bullseye, shrunk to
    fit and clipped to that box, so a label never touches a mark whatever the film size."""
    left = layout.margin + layout.px(3.0)
    right = layout.margin + layout.width // 2 - int(layout.mark_radius * 1.4) - layout.px(2.0)
    room_w, room_h = max(1, right - left), max(1, layout.margin - layout.px(3.0))
    probe = ImageDraw.Draw(film)
    size = max(8, min(layout.px(3.0), room_h // max(1, len(lines)) - 2))
    while size > 8 and not all(
        probe.textlength(text, font=_font(size)) <= room_w for text in lines
    ):
        size -= 1
    font = _font(size)
    box = Image.new("1", (room_w, room_h), 1)
    draw = ImageDraw.Draw(box)
    y = max(0, (room_h - len(lines) * (size + 2)) // 2)
    for text in lines:
        draw.text((0, y), text, fill=0, font=font)
        y += size + 2
    top = (layout.margin - room_h) // 2
    region = film.crop((left, top, left + room_w, top + room_h))
    film.paste(ImageChops.logical_and(region, box), (left, top))


def film_for(template: Image.Image, layout: FilmLayout, mask: NDArray[np.bool_]) -> Image.Image:
    """The template with the plate (``True`` = ink = black) pasted in the trim box."""
    film = template.copy()
    plate = Image.fromarray(np.logical_not(mask))
    film.paste(plate, (layout.margin, layout.margin))
    return film


def proof_image(
    layout: FilmLayout,
    garment: tuple[int, int, int],
    plates: list[tuple[tuple[int, int, int], NDArray[np.bool_]]],
    lines: list[str],
) -> Image.Image:
    """The plates recombined on the garment colour, in print order (later inks on top)."""
    # One byte per pixel (which plate is on top), then a palette: no per-plate RGB writes.
    top = np.zeros((layout.height, layout.width), dtype=np.uint8)
    for index, (_color, mask) in enumerate(plates, start=1):
        np.putmask(top, mask, index)
    palette = [*garment, *(c for color, _mask in plates for c in color)]
    indexed = Image.fromarray(top, "L").convert("P")
    indexed.putpalette(palette + [0] * (768 - len(palette)))
    trim = indexed.convert("RGB")
    page = Image.new("RGB", layout.size, (255, 255, 255))
    page.paste(trim, (layout.margin, layout.margin))
    strip = Image.new("1", (layout.size[0], max(1, layout.margin)), 1)
    label_lines(layout, strip, lines)
    page.paste((0, 0, 0), (0, 0, *strip.size), mask=ImageOps.invert(strip.convert("L")))
    return page
