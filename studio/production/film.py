"""The film around a plate: margin, registration bullseyes, trim marks and the plate's label.

Every plate of a job shares one set of marks drawn at the same pixel positions (the printer
lines the screens up on them), so the marks are drawn once on a template and each plate is
written into its copy. Black is ink (a film positive).
"""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Cached: the label shrinks one size at a time, and every film asks for the same sizes.
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


def paste_rows(
    layout: FilmLayout, film: Image.Image, rows: slice, clear: NDArray[np.bool_]
) -> None:
    """Paste rows ``rows`` of the trim box, ``clear`` where the film has no ink (elsewhere
    black, the ink).

    Strips of one film may be pasted from several threads at once: each writes only its rows,
    and Pillow copies them without the GIL."""
    height, width = clear.shape
    strip = Image.frombuffer("1", (width, height), np.ascontiguousarray(clear), "raw", "1;8", 0, 1)
    film.paste(strip, (layout.margin, layout.margin + rows.start))


class ProofSheet:
    """The plates recombined on the garment colour, in print order (later inks on top).

    Painted strip by strip, from any thread, as the plates are made: one byte per pixel says
    which plate is on top there, and a palette colours the strip onto the page (no per-plate
    RGB writes). The page is allocated first, while the design renders (:func:`blank_page`)."""

    def __init__(
        self,
        layout: FilmLayout,
        page: Image.Image,
        garment: tuple[int, int, int],
        inks: list[tuple[int, int, int]],
    ) -> None:
        if len(inks) + 1 > 256:
            raise ValueError(f"{len(inks)} plates do not fit a proof's palette")
        self.layout, self.page = layout, page
        palette = [*garment, *(c for color in inks for c in color)]
        self._palette = palette + [0] * (768 - len(palette))

    def paint(self, top: int, masks: list[NDArray[np.bool_]]) -> None:
        """Rows ``top``.. of the trim box, from each plate's rows there (in print order)."""
        if not masks:
            return
        index = np.zeros(masks[0].shape, dtype=np.uint8)
        for number, mask in enumerate(masks, start=1):
            np.copyto(index, np.uint8(number), where=mask)
        self._paste(top, index)

    def paint_numbers(
        self, top: int, numbers: NDArray[np.uint8], under: NDArray[np.bool_] | None
    ) -> None:
        """Rows ``top``.. of the trim box from solid plates: ``numbers``, the plate printing
        at each pixel (0 = none), over ``under``, the underbase (plate 1) if any."""
        # A plate on top, or the underbase, or 0.
        self._paste(top, numbers if under is None else np.maximum(numbers, under))

    def _paste(self, top: int, index: NDArray[np.uint8]) -> None:
        rows, width = index.shape
        strip = Image.frombuffer("P", (width, rows), np.ascontiguousarray(index), "raw", "P", 0, 1)
        strip.putpalette(self._palette)
        m = self.layout.margin
        self.page.paste(strip.convert("RGB"), (m, m + top))

    def label(self, lines: list[str]) -> None:
        """Write ``lines`` in the top margin (on the thread that writes the films' labels: the
        fonts are shared)."""
        strip = Image.new("1", (self.layout.size[0], max(1, self.layout.margin)), 1)
        label_lines(self.layout, strip, lines)
        self.page.paste((0, 0, 0), (0, 0, *strip.size), mask=ImageOps.invert(strip.convert("L")))


def blank_page(layout: FilmLayout) -> Image.Image:
    """A white RGB page the size of the films, for the proof."""
    return Image.new("RGB", layout.size, (255, 255, 255))
