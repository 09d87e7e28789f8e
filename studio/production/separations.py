"""Colour separations: one film per ink of the brief's palette the design uses.

The design is rendered once at the output DPI; each distinct colour is assigned to an ink (or
split between two at anti-aliased edges and ink-to-ink gradients, see ``assign``); the strips of
the render then become 1-bit plates, solid (threshold at 50%) or halftoned when the brief
allows gradients. A white underbase for dark garments goes under every ink but the darkest,
choked so it never shows at the edges. Plates print light to dark, underbase first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from studio.brief.model import Brief, Ink
from studio.design import Design
from studio.errors import InputError
from studio.i18n import _
from studio.l10n import format_number
from studio.production.assign import InkTables, build_tables, packed
from studio.production.color import hex_to_rgb, lightness
from studio.production.film import FilmLayout, film_for, label_lines, marks_template, proof_image
from studio.production.longwork import CancelFn, ProgressFn, Work
from studio.production.screen import choke_pixels, erode, halftone_threshold
from studio.render.raster import render_rgba

STRIP_ROWS = 256
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


@dataclass
class Plate:
    """One film: ``mask`` is the trim-size plate (True = ink), ``order`` its place in print
    order (1 first)."""

    ink: Ink
    order: int
    mask: NDArray[np.bool_]
    underbase: bool = False

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
    work.step(0.0, _("rendering the design"))
    rgba = render_rgba(design.svg, width, height)
    pixels = packed(rgba)
    del rgba
    work.step(0.3, _("assigning colours to inks"))
    candidates = np.array([hex_to_rgb(i.color) for i in inks] + [hex_to_rgb(garment[1])], np.uint8)
    tables = build_tables(pixels, candidates, knockout=len(inks))
    masks, counts = _plates(pixels, tables, len(inks), halftone, dpi, options, work.sub(0.35, 0.8))
    del pixels
    min_pixels = max(9, int(width * height * 2e-6))
    used = [k for k in range(len(inks)) if counts[k] >= min_pixels]
    used.sort(key=lambda k: -lightness(inks[k].color))
    underbase_on = (
        options.underbase
        if options.underbase is not None
        else lightness(garment[1]) < DARK_GARMENT_L
    )
    plates: list[Plate] = []
    choke = choke_pixels(options.choke_mm, dpi)
    if underbase_on and len(used) > 1:
        work.step(0.82, _("choking the underbase"))
        source = np.zeros((height, width), dtype=bool)
        for k in used[:-1]:
            source |= masks[k] if not halftone else _solid(masks, k)
        plates.append(Plate(UNDERBASE, 1, erode(source, choke), underbase=True))
    for k in used:
        plates.append(Plate(inks[k], len(plates) + 1, masks[k]))
    margin = max(0, round(options.margin_mm * dpi / 25.4))
    layout = FilmLayout(width, height, margin, dpi)
    result = Separations(
        plates, layout, garment, brief.id, halftone, choke, options.lpi, options.angle
    )
    _films(result, brief, work.sub(0.85, 1.0))
    return result


def _solid(masks: dict[int | str, NDArray[np.bool_]], k: int) -> NDArray[np.bool_]:
    return masks[f"solid-{k}"]


def _plates(
    pixels: NDArray[np.uint32],
    tables: InkTables,
    n_inks: int,
    halftone: bool,
    dpi: float,
    options: SeparationOptions,
    work: Work,
) -> tuple[dict[int | str, NDArray[np.bool_]], NDArray[np.int64]]:
    height, width = pixels.shape
    active = [k for k in range(n_inks) if k in tables.inks]
    masks: dict[int | str, NDArray[np.bool_]] = {
        k: np.zeros((height, width), dtype=bool) for k in active
    }
    if halftone:
        for k in active:
            masks[f"solid-{k}"] = np.zeros((height, width), dtype=bool)
    counts = np.zeros(256, dtype=np.int64)
    for top in range(0, height, STRIP_ROWS):
        work.step(top / height, _("making plates"))
        rows = slice(top, min(height, top + STRIP_ROWS))
        ink1, cov1, ink2, cov2 = tables.coverage(pixels[rows])
        if halftone:
            threshold = np.zeros(ink1.shape, dtype=np.uint8)
            partial = ((cov1 > 0) & (cov1 < 255)) | ((cov2 > 0) & (cov2 < 255))
            ys, xs = np.nonzero(partial)
            threshold[ys, xs] = halftone_threshold(ys + top, xs, dpi, options.lpi, options.angle)
            for k in active:
                masks[k][rows] = ((ink1 == k) & (cov1 > threshold)) | (
                    (ink2 == k) & (cov2 > threshold)
                )
        # A pixel at least half covered goes, whole, to the ink that covers more of it: a seam
        # between two inks (50/50 there) is printed once, never left open nor printed twice.
        covered = cov1.astype(np.uint16) + cov2 >= 128
        first_wins = cov1 >= cov2
        for k in active:
            solid = covered & (((ink1 == k) & first_wins) | ((ink2 == k) & ~first_wins))
            masks[f"solid-{k}" if halftone else k][rows] = solid
    for k in active:
        counts[k] = int(np.count_nonzero(masks[k]))
    return masks, counts


def _films(result: Separations, brief: Brief, work: Work) -> None:
    layout = result.layout
    template = marks_template(layout)
    total = len(result.plates)
    mode = (
        _("halftone {lpi} lpi {angle}°").format(
            lpi=format_number(result.lpi, 1), angle=format_number(result.angle, 1)
        )
        if result.halftone
        else _("solid")
    )
    for plate in result.plates:
        work.step(
            plate.order / (total + 1),
            _("film {number} of {total}").format(number=plate.order, total=total),
        )
        film = film_for(template, layout, plate.mask)
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
    name, color = result.garment
    result.proof = proof_image(
        layout,
        hex_to_rgb(color),
        [(hex_to_rgb(p.ink.color), p.mask) for p in result.plates],
        [
            _("COMPOSITE PROOF on {garment} ({colour})").format(garment=name, colour=color),
            "  ·  ".join(p.label for p in result.plates)
            + "  ·  "
            + _("brief {id} v{version}").format(id=brief.id, version=brief.version),
        ],
    )
    work.step(1.0, _("films ready"))
