"""Colour separations: one film per ink of the brief's palette the design uses.

The design is rendered once at the output DPI; each distinct colour is assigned to an ink (or
split between two at anti-aliased edges and ink-to-ink gradients, see ``assign``); the strips of
the render then become 1-bit plates, solid (threshold at 50%) or halftoned when the brief
allows gradients. A white underbase for dark garments goes under every ink but the darkest,
choked so it never shows at the edges. Plates print light to dark, underbase first.

The print is worked in strips of a few dozen rows on every core (see ``strips``), in three passes
over the renderer's own premultiplied pixels: the colours present; how much each ink prints
(halftone: the plates themselves); then the plates, the underbase, the films and the proof
together. Solid plates share one byte per pixel, the plate printing there, so that last pass
writes each film and the proof straight from it, with no whole-print temporary per ink.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from studio.brief.model import Brief, Ink
from studio.design import Design
from studio.errors import InputError
from studio.i18n import _
from studio.l10n import format_number
from studio.production.assign import ColourSet, InkTables, Runs, build_tables, packed, solid_label
from studio.production.color import hex_to_rgb, lightness
from studio.production.film import (
    FilmLayout,
    ProofSheet,
    blank_page,
    label_lines,
    marks_template,
    paste_rows,
)
from studio.production.longwork import CancelFn, ProgressFn, Work
from studio.production.screen import choke_pixels, erode, halftone_threshold
from studio.production.strips import pool, run_strips
from studio.render.raster import render_premultiplied

STRIP_ROWS = 64
"""Rows per strip: a strip's working arrays stay within a core's cache (4500 px wide: 0.5 MB of
packed pixels), and a print of 5400 rows still splits into enough strips to share out."""
UNDERBASE = Ink("White underbase", "#ffffff", "")
DARK_GARMENT_L = 50.0


@dataclass(frozen=True)
class SeparationOptions:
    """``garment``: a garment colour name from the brief or ``#RRGGBB`` (default: the brief's
    first); ``underbase``: ``None`` means on for dark garments; ``halftone``: ``None`` means
    on when the brief allows gradients."""

    dpi: float | None = None
    garment: str | None = None
    underbase: bool | None = None
    choke_mm: float = 0.25
    halftone: bool | None = None
    lpi: float = 45.0
    angle: float = 22.5
    margin_mm: float = 15.0


class Plate:
    """One film: ``mask`` is the trim-size plate (True = ink), ``order`` its place in print
    order (1 first).

    Solid ink plates are given ``numbers`` instead: one byte per pixel shared by the job's
    plates, the order of the plate printing there. Films and proof are made from it directly,
    and a plate makes its own mask only when asked (24 MB per ink at 300 DPI that printing
    never needs)."""

    def __init__(
        self,
        ink: Ink,
        order: int,
        mask: NDArray[np.bool_] | None = None,
        underbase: bool = False,
        *,
        numbers: NDArray[np.uint8] | None = None,
    ) -> None:
        if (mask is None) == (numbers is None):
            raise ValueError("a plate is given either its mask or the plate numbers")
        self.ink, self.order, self.underbase = ink, order, underbase
        self._mask, self._numbers = mask, numbers

    @property
    def mask(self) -> NDArray[np.bool_]:
        if self._mask is None:
            assert self._numbers is not None
            self._mask = np.equal(self._numbers, self.order)
        return self._mask

    def clear_rows(self, rows: slice) -> NDArray[np.bool_]:
        """Where rows ``rows`` of the film stay clear (no ink)."""
        if self._numbers is not None:
            clear: NDArray[np.bool_] = np.not_equal(self._numbers[rows], self.order)
            return clear
        return np.logical_not(self.mask[rows])

    @property
    def label(self) -> str:
        # The underbase's ink name stays English in file names; people read it translated.
        name = _("White underbase") if self.underbase else self.ink.name
        return f"{name} ({self.ink.pantone})" if self.ink.pantone else name


@dataclass
class Separations:
    plates: list[Plate]
    layout: FilmLayout
    garment: tuple[str, str]
    brief_id: str
    halftone: bool
    choke_px: int
    lpi: float = 45.0
    angle: float = 22.5
    films: list[Image.Image] = field(default_factory=list)
    proof: Image.Image | None = None


def resolve_garment(brief: Brief, wanted: str | None) -> tuple[str, str]:
    """``(name, #hex)`` of the garment to print on."""
    if wanted:
        for g in brief.garment_colors:
            if g.name.lower() == wanted.lower():
                return g.name, g.color
        try:
            hex_to_rgb(wanted)
        except ValueError:
            names = ", ".join(g.name for g in brief.garment_colors) or _("none")
            problem = _("garment {garment} is neither a colour of the brief ({names}) nor #RRGGBB")
            raise InputError(None, problem.format(garment=repr(wanted), names=names)) from None
        return wanted, wanted
    if brief.garment_colors:
        return brief.garment_colors[0].name, brief.garment_colors[0].color
    return _("White"), "#ffffff"


def palette_of(brief: Brief) -> list[Ink]:
    if not brief.inks.palette:
        raise InputError(
            brief.source or None,
            _("the brief names no ink palette, so there is nothing to separate"),
        )
    return list(brief.inks.palette)


def separate(
    design: Design,
    brief: Brief,
    options: SeparationOptions = SeparationOptions(),
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Separations:
    """Plates, films (with marks and labels) and the composite proof for ``design``."""
    work = Work(progress, cancel)
    dpi = options.dpi or brief.dpi
    width = round(brief.width * dpi / 25.4)
    height = round(brief.height * dpi / 25.4)
    inks = palette_of(brief)
    garment = resolve_garment(brief, options.garment)
    halftone = (
        options.halftone if options.halftone is not None else brief.rules.gradients == "allow"
    )
    margin = max(0, round(options.margin_mm * dpi / 25.4))
    layout = FilmLayout(width, height, margin, dpi)
    work.step(0.0, _("rendering the design"))
    with pool() as executor:
        # The renderer draws on one core: the other cores meanwhile make the film template and
        # the proof page, fresh memory the system hands over page by page.
        template = executor.submit(marks_template, layout)
        page = executor.submit(blank_page, layout)
        pixels = packed(render_premultiplied(design.svg, width, height))
        colours = ColourSet()
        run_strips(
            executor,
            partial(_colours_of, colours, pixels),
            height,
            STRIP_ROWS,
            work.sub(0.3, 0.35),
            _("assigning colours to inks"),
        )
        candidates = np.array(
            [hex_to_rgb(i.color) for i in inks] + [hex_to_rgb(garment[1])], np.uint8
        )
        tables = build_tables(colours.keys(), candidates, knockout=len(inks))
        del colours
        inked: _Inked = (
            _Halftone(pixels.shape, tables, len(inks), dpi, options)
            if halftone
            else _Solid(pixels.shape, tables)
        )
        run_strips(executor, partial(inked.strip, pixels), height, STRIP_ROWS,
                   work.sub(0.35, 0.7), _("making plates"))  # fmt: skip
        min_pixels = max(9, int(width * height * 2e-6))
        used = [k for k in range(len(inks)) if inked.count(k) >= min_pixels]
        used.sort(key=lambda k: -lightness(inks[k].color))
        underbase_on = (
            options.underbase
            if options.underbase is not None
            else lightness(garment[1]) < DARK_GARMENT_L
        )
        under = used[:-1] if underbase_on and len(used) > 1 else []
        plates: list[Plate] = []
        if under:
            plates.append(Plate(UNDERBASE, 1, np.empty((height, width), bool), underbase=True))
        plates += inked.plates([inks[k] for k in used], used, len(plates) + 1, under)
        choke = choke_pixels(options.choke_mm, dpi)
        result = Separations(
            plates, layout, garment, brief.id, halftone, choke, options.lpi, options.angle
        )
        films = _Films(result, inked, executor, template.result(), page.result())
        message = _("choking the underbase") if under else _("making plates")
        run_strips(executor, partial(films.strip, pixels), height, STRIP_ROWS,
                   work.sub(0.7, 0.9), message)  # fmt: skip
        del pixels  # done with the render (97 MB at 300 DPI)
        films.finish(brief, work.sub(0.9, 1.0))
    return result


def _colours_of(colours: ColourSet, pixels: NDArray[np.uint32], rows: slice) -> None:
    colours.add(pixels[rows])


class _Inked(Protocol):
    """Which ink each pixel prints in, made strip by strip (``strip``, on any thread), then,
    once the plates are chosen, written out (``rows``, on any thread)."""

    def strip(self, pixels: NDArray[np.uint32], rows: slice) -> None: ...

    def count(self, k: int) -> int:
        """Pixels printing in ink ``k`` (after every strip is made)."""
        ...

    def plates(
        self, inks: list[Ink], indices: list[int], first: int, under: list[int]
    ) -> list[Plate]:
        """The plates of ``inks`` (palette ``indices``), in print order from ``first``;
        ``under`` are the indices of the inks the underbase goes under."""
        ...

    def rows(
        self, pixels: NDArray[np.uint32], rows: slice, halo: slice
    ) -> NDArray[np.bool_] | None:
        """Write the plates' rows ``rows``; return where the underbase's inks print solid
        over ``halo`` (``rows`` and those around them its choke looks at), if it has any."""
        ...

    def paint(
        self, proof: ProofSheet, plates: list[Plate], rows: slice, under: NDArray[np.bool_] | None
    ) -> None:
        """Paint rows ``rows`` of the proof (``under``: the underbase there)."""
        ...


class _Solid:
    """Solid plates: a pixel prints in at most one ink. The render is worked as runs of equal
    pixels (``Runs``): each run's ink is found once, counted by its length, and spread over its
    pixels, as the number of the plate printing there, only when the plates are written."""

    def __init__(self, shape: tuple[int, ...], tables: InkTables) -> None:
        self.tables = tables
        self.numbers = np.empty(shape, dtype=np.uint8)
        self._counts: dict[int, NDArray[np.int64]] = {}
        self._number_of = np.zeros(256, dtype=np.uint8)
        self._first, self._under = 0, 0

    def strip(self, pixels: NDArray[np.uint32], rows: slice) -> None:
        runs = Runs.of(pixels[rows])
        labels = self.tables.solid_labels(runs)
        counts = np.bincount(labels, weights=runs.lengths(), minlength=256)
        self._counts[rows.start] = counts.astype(np.int64)

    def count(self, k: int) -> int:
        return int(sum(c[k] for c in self._counts.values()))

    def plates(
        self, inks: list[Ink], indices: list[int], first: int, under: list[int]
    ) -> list[Plate]:
        # 0 = no plate; the underbase's inks are the lightest, so numbered first..first+under-1.
        self._number_of[indices] = np.arange(first, first + len(indices), dtype=np.uint8)
        self._first, self._under = first, len(under)
        return [Plate(ink, first + n, numbers=self.numbers) for n, ink in enumerate(inks)]

    def rows(
        self, pixels: NDArray[np.uint32], rows: slice, halo: slice
    ) -> NDArray[np.bool_] | None:
        runs = Runs.of(pixels[halo])
        numbers = runs.expand(self._number_of[self.tables.solid_labels(runs)])
        numbers = numbers.reshape(halo.stop - halo.start, pixels.shape[1])
        self.numbers[rows] = numbers[rows.start - halo.start : rows.stop - halo.start]
        if not self._under:
            return None
        # first..first+under-1 are the values below ``under`` once ``first`` is taken off
        # (bytes: 0 wraps round to 256 - first).
        found: NDArray[np.bool_] = np.subtract(numbers, self._first, dtype=np.uint8) < self._under
        return found

    def paint(
        self, proof: ProofSheet, plates: list[Plate], rows: slice, under: NDArray[np.bool_] | None
    ) -> None:
        proof.paint_numbers(rows.start, self.numbers[rows], under)


class _Halftone:
    """Halftoned plates: a pixel can print in two inks (dots of each), so each ink gets its
    plate, and its solid version (what the underbase goes under), as the strips are made."""

    def __init__(
        self,
        shape: tuple[int, ...],
        tables: InkTables,
        n_inks: int,
        dpi: float,
        options: SeparationOptions,
    ) -> None:
        self.tables = tables
        self.dpi, self.lpi, self.angle = dpi, options.lpi, options.angle
        self.active = [k for k in range(n_inks) if k in tables.inks]
        self.masks = {k: np.empty(shape, dtype=bool) for k in self.active}
        self.solid = {k: np.empty(shape, dtype=bool) for k in self.active}
        self._under: list[int] = []

    def strip(self, pixels: NDArray[np.uint32], rows: slice) -> None:
        ink1, cov1, ink2, cov2 = self.tables.pixel_coverage(pixels[rows])
        threshold = np.zeros(ink1.shape, dtype=np.uint8)
        partial = ((cov1 > 0) & (cov1 < 255)) | ((cov2 > 0) & (cov2 < 255))
        ys, xs = np.nonzero(partial)
        threshold[ys, xs] = halftone_threshold(ys + rows.start, xs, self.dpi, self.lpi, self.angle)
        solid = solid_label(ink1, cov1, ink2, cov2)
        for k in self.active:
            self.masks[k][rows] = ((ink1 == k) & (cov1 > threshold)) | (
                (ink2 == k) & (cov2 > threshold)
            )
            np.equal(solid, k, out=self.solid[k][rows])

    def count(self, k: int) -> int:
        return int(np.count_nonzero(self.masks[k])) if k in self.masks else 0

    def plates(
        self, inks: list[Ink], indices: list[int], first: int, under: list[int]
    ) -> list[Plate]:
        self._under = under
        return [
            Plate(ink, first + n, self.masks[k])
            for n, (ink, k) in enumerate(zip(inks, indices, strict=True))
        ]

    def rows(
        self, pixels: NDArray[np.uint32], rows: slice, halo: slice
    ) -> NDArray[np.bool_] | None:
        if not self._under:
            return None
        found = np.zeros((halo.stop - halo.start, pixels.shape[1]), dtype=bool)
        for k in self._under:
            found |= self.solid[k][halo]
        return found

    def paint(
        self, proof: ProofSheet, plates: list[Plate], rows: slice, under: NDArray[np.bool_] | None
    ) -> None:
        proof.paint(rows.start, [plate.mask[rows] for plate in plates])


class _Films:
    """The plates' films and the proof, strip by strip (:meth:`strip`, on any thread): the
    underbase is choked from the solid inks around each strip, and every plate's rows go into
    its film and onto the proof."""

    def __init__(
        self,
        result: Separations,
        inked: _Inked,
        executor: Executor,
        template: Image.Image,
        page: Image.Image,
    ) -> None:
        self.result, self.inked = result, inked
        # Each copy is fresh memory the system hands over page by page: on every core.
        copies = [executor.submit(template.copy) for _plate in result.plates]
        self.films = [copy.result() for copy in copies]
        self.proof = ProofSheet(
            result.layout,
            page,
            hex_to_rgb(result.garment[1]),
            [hex_to_rgb(p.ink.color) for p in result.plates],
        )
        plates = result.plates
        self.under = plates[0] if plates and plates[0].underbase else None

    def strip(self, pixels: NDArray[np.uint32], rows: slice) -> None:
        result, layout = self.result, self.result.layout
        choke = result.choke_px
        halo = rows
        if self.under is not None:
            halo = slice(max(0, rows.start - choke), min(layout.height, rows.stop + choke))
        source = self.inked.rows(pixels, rows, halo)
        under = None
        if self.under is not None and source is not None:
            top = rows.start - halo.start
            under = erode(source, choke)[top : top + rows.stop - rows.start]
            self.under.mask[rows] = under
        for plate, film in zip(result.plates, self.films, strict=True):
            paste_rows(layout, film, rows, plate.clear_rows(rows))
        self.inked.paint(self.proof, result.plates, rows, under)

    def finish(self, brief: Brief, work: Work) -> None:
        """The films' and the proof's labels."""
        result, layout = self.result, self.result.layout
        total = len(result.plates)
        name, color = result.garment
        self.proof.label(
            [
                _("COMPOSITE PROOF on {garment} ({colour})").format(garment=name, colour=color),
                "  ·  ".join(p.label for p in result.plates)
                + "  ·  "
                + _("brief {id} v{version}").format(id=brief.id, version=brief.version),
            ]
        )
        mode = (
            _("halftone {lpi} lpi {angle}°").format(
                lpi=format_number(result.lpi, 1), angle=format_number(result.angle, 1)
            )
            if result.halftone
            else _("solid")
        )
        for plate, film in zip(result.plates, self.films, strict=True):
            work.step(
                plate.order / (total + 1),
                _("film {number} of {total}").format(number=plate.order, total=total),
            )
            label_lines(
                layout,
                film,
                [
                    f"{plate.order}/{total}  {plate.label.upper()}  {plate.ink.color}",
                    _("print order {number} of {total}  ·  brief {id} v{version}").format(
                        number=plate.order, total=total, id=brief.id, version=brief.version
                    )
                    + f"  ·  {format_number(layout.dpi, 1)} dpi  ·  {mode}"
                    + (
                        "  ·  " + _("choke {pixels} px").format(pixels=result.choke_px)
                        if plate.underbase
                        else ""
                    ),
                ],
            )
            result.films.append(film)
        result.proof = self.proof.page
        work.step(1.0, _("films ready"))
