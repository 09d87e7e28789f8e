"""Plates checked by their pixels: where each ink is, marks, underbase choke, halftone tone."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from production_helpers import RED, flat_doc, rect

from studio.brief import Brief
from studio.cli.main import main
from studio.design import Design, design_from_document
from studio.production.longwork import Cancelled
from studio.production.output import separations_pdf, write_separations
from studio.production.separations import Plate, SeparationOptions, separate

PX = 10  # pixels per mm at 254 DPI


def box_mask(shape: tuple[int, int], x: float, y: float, w: float, h: float) -> np.ndarray:
    """Pixels whose centre lies inside the box (mm)."""
    ys, xs = np.mgrid[0 : shape[0], 0 : shape[1]] + 0.5
    return (xs >= x * PX) & (xs < (x + w) * PX) & (ys >= y * PX) & (ys < (y + h) * PX)


def near_edge(mask: np.ndarray) -> np.ndarray:
    """Pixels with a 3×3 neighbour on the other side of the mask's edge."""
    padded = np.pad(mask, 1, mode="edge")
    h, w = mask.shape
    views = [padded[dy : dy + h, dx : dx + w] for dy in range(3) for dx in range(3)]
    return np.any(views, axis=0) & ~np.all(views, axis=0)


def assert_matches_within_a_pixel(plate: np.ndarray, expected: np.ndarray) -> None:
    wrong = plate ^ expected
    edge = near_edge(expected)
    assert not (wrong & ~edge).any(), f"{int((wrong & ~edge).sum())} pixels off the edges"
    assert wrong.sum() <= edge.sum()


def by_name(plates: list[Plate]) -> dict[str, Plate]:
    return {p.ink.name: p for p in plates}


def test_each_plate_holds_its_ink_where_the_design_has_it(three_inks: tuple[Brief, Design]) -> None:
    brief, design = three_inks
    result = separate(design, brief, SeparationOptions(garment="White"))
    plates = by_name(result.plates)
    assert set(plates) == {"Red", "Green", "Cream", "Black"}  # yellow is not used
    shape = plates["Red"].mask.shape
    assert shape == (300, 400)
    assert_matches_within_a_pixel(plates["Red"].mask, box_mask(shape, 5.05, 4.03, 15, 10))
    assert_matches_within_a_pixel(plates["Green"].mask, box_mask(shape, 20.05, 4.03, 10, 10))
    assert_matches_within_a_pixel(plates["Cream"].mask, box_mask(shape, 5.05, 18.07, 25, 6))
    assert_matches_within_a_pixel(plates["Black"].mask, box_mask(shape, 33, 20, 4, 4))
    # The red/green seam is never printed twice (nor left open: see the test below).
    seam = slice(41, 140), slice(195, 206)
    assert not (plates["Red"].mask[seam] & plates["Green"].mask[seam]).any()


def test_red_green_seam_is_not_left_open(three_inks: tuple[Brief, Design]) -> None:
    brief, design = three_inks
    plates = by_name(separate(design, brief, SeparationOptions(garment="White")).plates)
    seam = slice(41, 140), slice(195, 206)
    assert (plates["Red"].mask[seam] | plates["Green"].mask[seam]).all()


def test_print_order_is_underbase_then_light_to_dark(three_inks: tuple[Brief, Design]) -> None:
    brief, design = three_inks
    result = separate(design, brief, SeparationOptions(garment="Black"))
    names = [p.ink.name for p in result.plates]
    assert names == ["White underbase", "Cream", "Red", "Green", "Black"]
    assert [p.order for p in result.plates] == [1, 2, 3, 4, 5]
    white = separate(design, brief, SeparationOptions(garment="White"))
    assert not any(p.underbase for p in white.plates)  # no underbase on a light garment


def test_underbase_is_choked_by_the_requested_amount(three_inks: tuple[Brief, Design]) -> None:
    brief, design = three_inks
    result = separate(design, brief, SeparationOptions(garment="Black", choke_mm=0.3))
    plates = by_name(result.plates)
    under = plates["White underbase"].mask
    assert result.choke_px == 3
    row = 90  # through red and green
    red_cols = np.flatnonzero(plates["Red"].mask[row])
    under_cols = np.flatnonzero(under[row])
    assert under_cols[0] - red_cols[0] == 3  # choked 3 px inside the red's edge
    # Not under the darkest ink (black), under everything else.
    assert not under[plates["Black"].mask].any()
    col = 100
    red_rows = np.flatnonzero(plates["Red"].mask[:, col])
    under_rows = np.flatnonzero(under[:150, col])
    assert under_rows[0] - red_rows[0] == 3 and red_rows[-1] - under_rows[-1] == 3


@pytest.mark.parametrize("tone", [0.3, 0.7])
def test_halftone_coverage_matches_the_tone(make_brief: Callable[..., Brief], tone: float) -> None:
    brief = make_brief(rules={"gradients": "allow", "transparency": "allow"})
    design = design_from_document(flat_doc(brief, [rect(2, 2, 36, 26, RED, opacity=tone)]))
    result = separate(design, brief, SeparationOptions(garment="White"))
    (plate,) = result.plates
    area = plate.mask[40:260, 40:360]
    assert abs(area.mean() - tone) <= 0.03
    assert 0 < area[:, 0].sum() < area.shape[0]  # dots, not solid bands


def test_registration_marks_sit_at_the_same_pixels_on_every_film(
    three_inks: tuple[Brief, Design],
) -> None:
    brief, design = three_inks
    result = separate(design, brief, SeparationOptions(garment="Black"))
    films = [np.asarray(f.convert("L")) < 128 for f in result.films]
    r = result.layout.mark_radius + 5
    for cx, cy in result.layout.registration_centres():
        patches = [f[cy - r : cy + r, cx - r : cx + r] for f in films]
        assert patches[0][r, r], "the crosshair passes through the centre"
        assert patches[0].sum() > 0 and not patches[0].all()
        for patch in patches[1:]:
            assert np.array_equal(patch, patches[0])
    w, h = result.layout.size
    assert (w, h) == (400 + 2 * 150, 300 + 2 * 150)  # trim + 15 mm each side at 10 px/mm


def test_pdf_has_a_film_page_per_plate_and_the_proof(three_inks: tuple[Brief, Design]) -> None:
    brief, design = three_inks
    result = separate(design, brief, SeparationOptions(garment="Black"))
    pdf = separations_pdf(result)
    boxes = re.findall(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", pdf)
    assert len(boxes) == len(result.plates) + 1
    for w, h in boxes:  # points: 70 x 60 mm
        assert abs(float(w) * 25.4 / 72 - 70) < 0.1 and abs(float(h) * 25.4 / 72 - 60) < 0.1
    assert b"/CCITTFaxDecode" in pdf
    proof = np.asarray(result.proof)
    m = result.layout.margin
    assert tuple(proof[m + 5, m + 5]) == (0x1B, 0x1B, 0x1D)  # the garment
    assert tuple(proof[m + 90, m + 100]) == (0xD6, 0x28, 0x39)  # red printed on top


def test_cancel_stops_and_progress_is_reported(three_inks: tuple[Brief, Design]) -> None:
    brief, design = three_inks
    seen: list[float] = []
    separate(design, brief, progress=lambda f, m: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == 1.0
    with pytest.raises(Cancelled):
        separate(design, brief, cancel=lambda: len(seen) > 0)


def test_cli_writes_pdf_and_png_plates(tmp_path: Path, three_inks: tuple[Brief, Design]) -> None:
    from studio.document.fileio import save_document

    brief, design = three_inks
    assert design.document is not None
    save_document(design.document, tmp_path / "d.motif.svg")
    args = ["export", str(tmp_path / "d.motif.svg"), "--brief", brief.source]
    assert main([*args, "--format", "separations", "-o", str(tmp_path / "f.pdf")]) == 0
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    assert (
        main(
            [*args, "--format", "separations", "--garment", "White", "-o", str(tmp_path / "films")]
        )
        == 0
    )
    names = sorted(p.name for p in (tmp_path / "films").iterdir())
    assert names == [
        "plate-01-cream.png",
        "plate-02-red.png",
        "plate-03-green.png",
        "plate-04-black.png",
        "proof.png",
    ]
    assert main([*args, "--format", "separations", "--garment", "mauve", "-o", "x.pdf"]) == 2
    write_separations(separate(design, brief), tmp_path / "again.pdf")


def test_cli_separates_a_plain_svg_with_its_linked_image(
    tmp_path: Path, three_inks: tuple[Brief, Design]
) -> None:
    """A plain SVG of the user's own links a PNG beside it: its ink reaches the plates, as in
    every other export format (only from under the design's folder or --base-dir)."""
    from PIL import Image as PILImage

    brief, _ = three_inks
    PILImage.new("RGB", (40, 30), RED).save(tmp_path / "red.png")
    (tmp_path / "art.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="30mm" viewBox="0 0 40 30">'
        '<image href="red.png" x="0" y="0" width="40" height="30"/></svg>'
    )
    args = ["export", str(tmp_path / "art.svg"), "--brief", brief.source, "--format"]
    assert main([*args, "separations", "--garment", "White", "-o", str(tmp_path / "films")]) == 0
    films = sorted(p.name for p in (tmp_path / "films").iterdir())
    assert films == ["plate-01-red.png", "proof.png"]
    plate = np.asarray(PILImage.open(tmp_path / "films" / films[0]).convert("L"))
    assert (plate < 128).mean() > 0.25  # 40 × 30 mm of red ink on a 70 × 60 mm film
