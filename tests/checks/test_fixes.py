"""Quick fixes: each edit, applied, makes the finding go away; its inverse restores."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image as PILImage

from studio.brief import Brief, load_brief
from studio.checks import Report, run_checks
from studio.checks.fixes import apply_edit, edits_for_fix, posterize_image
from studio.design import design_from_document
from studio.document.geometry import multiply, scale, translate
from studio.document.model import Document, Image, Layer, Rect, Style, Text
from studio.samples import build_sample
from tests.checks.helpers import brief, png_bytes


def check(doc: Document, the_brief: Brief) -> Report:
    return run_checks(design_from_document(doc), the_brief)


def fix_all(doc: Document, report: Report, rule: str) -> list[object]:
    inverses = []
    for finding in report.findings:
        if finding.rule == rule:
            assert finding.fix is not None, finding
            for edit in edits_for_fix(doc, finding.fix):
                inverses.append(apply_edit(doc, edit))
    return inverses


def sample(fraise_brief_path: Path) -> tuple[Document, Brief]:
    return build_sample("lafraise-tee"), load_brief(fraise_brief_path)


def test_snap_colour_to_the_palette(fraise_brief_path: Path) -> None:
    doc, b = sample(fraise_brief_path)
    berry = next(e for e in doc.walk() if e.name == "Strawberry")
    berry.style.fill = "#e83a4b"
    report = check(doc, b)
    # A fourth ink, and one off the palette.
    assert [f.rule for f in report.findings] == ["inks.count", "inks.palette"]
    assert report.findings[1].element == berry.id
    undo = fix_all(doc, report, "inks.palette")
    assert berry.style.fill == "#d62839"
    assert check(doc, b).passed
    apply_edit(doc, undo[0])  # type: ignore[arg-type]
    assert berry.style.fill == "#e83a4b"


def test_move_inside_the_safe_area_even_inside_a_moved_group(fraise_brief_path: Path) -> None:
    doc, b = sample(fraise_brief_path)
    seed = next(e for e in doc.walk() if e.name == "Seed 1")
    seed.transform = translate(-130, 0)
    report = check(doc, b)
    assert [f.rule for f in report.findings] == ["bounds.safe_area"]
    fix_all(doc, report, "bounds.safe_area")
    assert check(doc, b).passed


def test_scale_the_logo_up_to_its_minimum_width_in_its_zone(fraise_brief_path: Path) -> None:
    doc, b = sample(fraise_brief_path)
    logo = next(e for e in doc.walk() if e.required == "logo")
    logo.transform = multiply(translate(20, 360), scale(0.4))
    report = check(doc, b)
    assert [f.rule for f in report.findings] == ["required.size"]
    fix_all(doc, report, "required.size")
    after = check(doc, b)
    assert after.passed, after.findings
    a, b_, c, d, _, _ = logo.transform
    assert abs(a - d) < 1e-9 and b_ == c == 0  # uniform: never distorts the logo


def test_swap_font(fraise_brief_path: Path) -> None:
    doc, b = sample(fraise_brief_path)
    title = next(e for e in doc.walk() if isinstance(e, Text))
    title.family = "Comic Sans MS"
    report = check(doc, b)
    assert [f.rule for f in report.findings] == ["text.font"]
    fix_all(doc, report, "text.font")
    assert title.family == "Noto Sans" and check(doc, b).passed


def test_posterize_image_makes_new_bytes_and_keeps_the_original(tmp_path: Path) -> None:
    palette = ["#d62839", "#2a7f3f", "#f5ecd7"]
    b = brief(
        tmp_path,
        inks={
            "palette": [{"name": n, "color": c} for n, c in zip("RGC", palette, strict=True)],
            "palette_only": True,
        },
    )
    # Flat areas of off-palette colours (a scanned drawing), 240 px square.
    blocks = np.array([[[200, 50, 60], [50, 140, 70]], [[240, 230, 200], [10, 10, 200]]])
    pixels = blocks.astype(np.uint8).repeat(120, 0).repeat(120, 1)
    original = png_bytes(pixels)
    image = Image(
        x=10,
        y=10,
        width=60,
        height=60,
        data=original,
        pixel_width=240,
        pixel_height=240,
        style=Style(),
    )
    doc = Document(width=100, height=100, dpi=100, layers=[Layer("Art", elements=[image])])
    report = check(doc, b)
    palette_findings = [f for f in report.findings if f.rule == "inks.palette"]
    assert palette_findings and palette_findings[0].fix is not None
    assert palette_findings[0].fix.kind == "posterize_image"
    edit = posterize_image(doc, image.id, palette)
    undo = apply_edit(doc, edit)
    with PILImage.open(io.BytesIO(image.data)) as result:
        colours = {tuple(c) for c in np.asarray(result.convert("RGB")).reshape(-1, 3)}
    assert colours <= {(214, 40, 57), (42, 127, 63), (245, 236, 215)}
    assert undo.changes["data"] == original
    assert not [f for f in check(doc, b).findings if f.rule == "inks.palette"]


def test_fixes_are_pure(fraise_brief_path: Path) -> None:
    doc, _ = sample(fraise_brief_path)
    rect = Rect(x=0, y=0, width=5, height=5, style=Style(fill="#000001"))
    doc.layer("Artwork").elements.append(rect)
    from studio.checks.fixes import snap_color

    edit = snap_color(doc, rect.id, ["#d62839", "#111111"])
    assert edit is not None and edit.changes["style"].fill == "#111111"
    assert rect.style.fill == "#000001"
