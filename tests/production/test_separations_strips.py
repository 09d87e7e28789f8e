"""Separations worked in strips on several threads, from the renderer's premultiplied pixels:
the same plates, films and proof whatever the strips, and the colours every other output sees."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image
from production_helpers import GREEN, RED, flat_doc, rect

from studio.brief import Brief
from studio.design import Design, design_from_document
from studio.production import separations, strips
from studio.production.assign import Runs, packed, unpremultiply
from studio.production.longwork import Cancelled, Work
from studio.production.separations import SeparationOptions, Separations, separate
from studio.render.raster import render_premultiplied, render_rgba

EDGES_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40" viewBox="0 0 60 40">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#d62839"/>'
    b'<stop offset="1" stop-color="#3a86c8" stop-opacity="0.2"/></linearGradient></defs>'
    b'<circle cx="17.3" cy="19.1" r="13.7" fill="#2a7f3f" opacity="0.7"/>'
    b'<rect x="30.2" y="5.5" width="25" height="29" fill="url(#g)"/></svg>'
)


def test_straight_colours_are_those_of_the_straight_raster() -> None:
    """Plates un-premultiply the renderer's pixels themselves: exactly as ``render_rgba``."""
    premultiplied = packed(render_premultiplied(EDGES_SVG, 301, 203))
    straight = packed(render_rgba(EDGES_SVG, 301, 203))
    alpha = straight >> 24
    assert ((alpha > 0) & (alpha < 255)).sum() > 1000  # edges and see-through fills
    assert np.array_equal(unpremultiply(premultiplied), straight)


def test_unpremultiply_rounds_every_value_as_pillow_does() -> None:
    c, a = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
    rgba = np.stack([c, (c * 7) % 256, 255 - c, a], axis=-1).astype(np.uint8)
    pillow = Image.frombuffer("RGBa", (256, 256), rgba.tobytes(), "raw", "RGBa", 0, 1)
    expected = packed(np.asarray(pillow.convert("RGBA")))
    assert np.array_equal(unpremultiply(packed(rgba)), expected)


def test_runs_spread_back_over_their_pixels() -> None:
    rng = np.random.default_rng(3)
    block = np.repeat(rng.integers(0, 6, 900, dtype=np.uint32), rng.integers(1, 9, 900))
    block = block[: 40 * 50].reshape(40, 50) * np.uint32(0x01010101)
    runs = Runs.of(block)
    assert runs.lengths().sum() == block.size and len(runs.starts) < block.size // 2
    per_run = (runs.values & 255).astype(np.uint8)
    assert np.array_equal(runs.expand(per_run), (block.ravel() & 255).astype(np.uint8))


def same_result(a: Separations, b: Separations) -> None:
    assert [(p.ink.name, p.order) for p in a.plates] == [(p.ink.name, p.order) for p in b.plates]
    for pa, pb in zip(a.plates, b.plates, strict=True):
        assert np.array_equal(pa.mask, pb.mask)
    for fa, fb in zip(a.films, b.films, strict=True):
        assert fa.tobytes() == fb.tobytes()
    assert a.proof is not None and b.proof is not None
    assert a.proof.tobytes() == b.proof.tobytes()


@pytest.mark.parametrize("halftone", [False, True])
def test_strips_and_threads_do_not_change_the_result(
    monkeypatch: pytest.MonkeyPatch, three_inks: tuple[Brief, Design], halftone: bool
) -> None:
    brief, design = three_inks
    options = SeparationOptions(garment="Black", choke_mm=0.3, halftone=halftone)
    monkeypatch.setattr(separations, "STRIP_ROWS", 1000)
    monkeypatch.setattr(strips, "workers", lambda: 1)
    whole = separate(design, brief, options)
    # 7-row strips: edges and the underbase's choke (3 px) straddle many strip boundaries.
    monkeypatch.setattr(separations, "STRIP_ROWS", 7)
    monkeypatch.setattr(strips, "workers", lambda: 3)
    same_result(whole, separate(design, brief, options))


def test_each_film_carries_its_plate(three_inks: tuple[Brief, Design]) -> None:
    brief, design = three_inks
    result = separate(design, brief, SeparationOptions(garment="Black"))
    m, layout = result.layout.margin, result.layout
    for plate, film in zip(result.plates, result.films, strict=True):
        ink = np.asarray(film.convert("L"))[m : m + layout.height, m : m + layout.width] < 128
        assert np.array_equal(ink, plate.mask), plate.label


@pytest.mark.parametrize("halftone", [False, True])
def test_proof_shows_the_last_plate_printed_at_each_pixel(
    three_inks: tuple[Brief, Design], halftone: bool
) -> None:
    brief, design = three_inks
    result = separate(design, brief, SeparationOptions(garment="Black", halftone=halftone))
    expected = np.zeros((*result.plates[0].mask.shape, 3), dtype=np.uint8)
    expected[...] = (0x1B, 0x1B, 0x1D)
    for plate in result.plates:
        expected[plate.mask] = [int(plate.ink.color[i : i + 2], 16) for i in (1, 3, 5)]
    m, layout = result.layout.margin, result.layout
    proof = np.asarray(result.proof)[m : m + layout.height, m : m + layout.width]
    assert np.array_equal(proof, expected)


@pytest.mark.parametrize(("opacity", "prints"), [(0.6, True), (0.4, False)])
def test_a_see_through_ink_prints_solid_where_at_least_half_covers(
    make_brief: Callable[..., Brief], opacity: float, prints: bool
) -> None:
    brief = make_brief()
    shapes = [rect(2, 2, 16, 26, RED, opacity=opacity), rect(22, 2, 16, 26, GREEN)]
    result = separate(design_from_document(flat_doc(brief, shapes)), brief,
                      SeparationOptions(garment="White"))  # fmt: skip
    names = {p.ink.name: p for p in result.plates}
    assert names["Green"].mask[100:200, 250:350].all()
    if prints:
        assert names["Red"].mask[40:260, 40:160].all()
    else:
        assert "Red" not in names


def test_a_failing_strip_raises_once_no_strip_runs() -> None:
    running, lock = [0], threading.Lock()

    def work(rows: slice) -> None:
        with lock:
            running[0] += 1
        try:
            if rows.start == 30:
                raise ValueError("strip 3")
        finally:
            with lock:
                running[0] -= 1

    with strips.pool() as executor, pytest.raises(ValueError, match="strip 3"):
        strips.run_strips(executor, work, 500, 10, Work(), "working")
    assert running[0] == 0


def test_cancelling_stops_handing_out_strips() -> None:
    done: list[int] = []
    asked = [0]

    def cancel() -> bool:  # the user stops at the third progress report
        asked[0] += 1
        return asked[0] >= 3

    with strips.pool() as executor, pytest.raises(Cancelled):
        strips.run_strips(executor, lambda rows: done.append(rows.start), 1000, 1,
                          Work(cancel=cancel), "working")  # fmt: skip
    every = 1000 // 20
    assert asked[0] == 3 and len(done) <= 2 * every  # strips before the third report only
