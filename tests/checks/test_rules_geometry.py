"""Bounds, canvas, deadline, images, strokes and text rules: each passes and fails."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from studio.checks import run_checks
from studio.design import open_design
from tests.checks.helpers import brief, check, data_uri, noise_photo, rules_of, write_svg


def test_canvas_size_within_tolerance_passes_and_a_wrong_size_fails(tmp_path: Path) -> None:
    b = brief(tmp_path)
    assert "canvas.size" not in rules_of(check(tmp_path, "", b, w="100.05mm"))
    report = check(tmp_path, "", b, w="120mm", vb="0 0 120 100")
    assert rules_of(report) == ["canvas.size"]
    assert "100 mm × 100 mm" in report.findings[0].message


def test_pixel_canvas_compares_pixels(tmp_path: Path) -> None:
    b = brief(tmp_path, canvas={"width": "300px", "height": "250px", "dpi": 72})
    assert rules_of(check(tmp_path, "", b, w="300", h="250", vb="0 0 300 250")) == []
    bad = check(tmp_path, "", b, w="300px", h="260px", vb="0 0 300 260")
    assert rules_of(bad) == ["canvas.size"] and "300×260 px" in bad.findings[0].message


def test_deadline_passed_is_a_warning_only(tmp_path: Path) -> None:
    b = brief(tmp_path, deadline="2026-01-01T00:00:00Z")
    design = open_design(write_svg(tmp_path, ""))
    before = run_checks(design, b, now=datetime(2025, 12, 1, tzinfo=UTC))
    after = run_checks(design, b, now=datetime(2026, 2, 1, tzinfo=UTC))
    assert before.findings == []
    assert rules_of(after) == ["brief.deadline"] and after.passed


def test_print_area_and_safe_area(tmp_path: Path) -> None:
    b = brief(
        tmp_path,
        canvas={
            "width": "100mm",
            "height": "100mm",
            "dpi": 100,
            "bleed": "3mm",
            "safe_margin": "10mm",
        },
    )
    inside = '<rect id="ok" x="10" y="10" width="80" height="80"/>'
    ground = '<rect id="ground" x="-3" y="-3" width="106" height="106" fill="#eee"/>'
    assert rules_of(check(tmp_path, inside + ground, b)) == []
    crossing = check(tmp_path, '<circle id="c" cx="12" cy="50" r="5"/>', b)
    assert rules_of(crossing) == ["bounds.safe_area"]
    finding = crossing.findings[0]
    assert finding.element == "c" and finding.bbox == (7.0, 45.0, 10.0, 10.0)
    assert finding.fix is not None and finding.fix.kind == "move_inside"
    beyond = check(
        tmp_path,
        '<g transform="translate(50 0)"><rect id="r" x="50" y="40" width="10" height="10"/></g>',
        b,
    )
    assert rules_of(beyond) == ["bounds.print_area"]


def test_keep_out_zone(tmp_path: Path) -> None:
    b = brief(
        tmp_path,
        rules={
            "keep_out": [
                {"x": "0mm", "y": "0mm", "width": "20mm", "height": "20mm", "reason": "neck label"}
            ]
        },
    )
    assert rules_of(check(tmp_path, '<rect x="30" y="30" width="5" height="5"/>', b)) == []
    report = check(tmp_path, '<rect x="15" y="15" width="10" height="10"/>', b)
    assert rules_of(report) == ["bounds.keep_out"] and "neck label" in report.findings[0].message


def test_image_resolution_after_transforms(tmp_path: Path) -> None:
    b = brief(tmp_path, rules={"min_image_dpi": 200, "recommended_image_dpi": 300})
    href = data_uri(noise_photo(400, 400))
    # 400 px over 25.4 mm is 400 DPI; scaled 2x it is 200 DPI (warning), 4x is 100 (error).
    sharp = f'<image id="i" width="25.4" height="25.4" href="{href}"/>'
    soft = f'<image id="i" width="25.4" height="25.4" transform="scale(2)" href="{href}"/>'
    blurry = f'<image id="i" width="25.4" height="25.4" transform="scale(3.5)" href="{href}"/>'
    assert check(tmp_path, sharp, b).findings == []
    warn = check(tmp_path, soft, b)
    assert [(f.rule, f.severity) for f in warn.findings] == [("image.resolution", "warning")]
    err = check(tmp_path, blurry, b)
    assert [(f.rule, f.severity) for f in err.findings] == [("image.resolution", "error")]
    assert "114 DPI" in err.findings[0].message and "200" in err.findings[0].message


def test_raster_images_forbidden(tmp_path: Path) -> None:
    b = brief(tmp_path, rules={"raster_images": "forbid"})
    svg_image = (
        '<image width="10" height="10" href="data:image/svg+xml;base64,'
        'PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="/>'
    )
    assert check(tmp_path, svg_image, b).findings == []
    photo = f'<image id="p" width="10" height="10" href="{data_uri(noise_photo(50, 50))}"/>'
    assert rules_of(check(tmp_path, photo, b)) == ["image.forbidden"]


def test_stroke_width_after_scale(tmp_path: Path) -> None:
    b = brief(tmp_path, rules={"min_stroke_width": "0.5mm"})
    ok = '<line x1="10" y1="10" x2="50" y2="10" stroke="black" stroke-width="1"/>'
    assert check(tmp_path, ok, b).findings == []
    thin = (
        '<g transform="scale(0.25)"><line id="l" x1="10" y1="10" x2="50" y2="10" '
        'stroke="black" stroke-width="1"/></g>'
    )
    report = check(tmp_path, thin, b)
    assert rules_of(report) == ["stroke.width"] and "0.25 mm" in report.findings[0].message
    unstroked = '<rect width="5" height="5" stroke="none" stroke-width="0.1"/>'
    assert check(tmp_path, unstroked, b).findings == []


def test_text_size_measured_after_transforms(tmp_path: Path) -> None:
    b = brief(tmp_path, rules={"min_text_size": "10pt"})
    ok = '<text x="10" y="50" font-size="4mm">Big enough</text>'
    assert check(tmp_path, ok, b).findings == []
    small = '<g transform="scale(0.5)"><text id="t" x="10" y="50" font-size="6">Tiny</text></g>'
    report = check(tmp_path, small, b)
    assert rules_of(report) == ["text.size"] and "8.5 pt" in report.findings[0].message


def test_text_fonts_and_generic_families(tmp_path: Path) -> None:
    b = brief(tmp_path, rules={"fonts": ["Noto Sans"]})
    ok = "<text x='5' y='20' font-family=\"'Noto Sans', sans-serif\">Hello</text>"
    assert check(tmp_path, ok, b).findings == []
    css = "<style>text { font-family: Comic Sans MS }</style><text id='t' x='5' y='20'>Hi</text>"
    report = check(tmp_path, css, b)
    assert rules_of(report) == ["text.font"] and "Comic Sans MS" in report.findings[0].message
    assert report.findings[0].fix is not None and report.findings[0].fix.params["family"] == (
        "Noto Sans"
    )
    generic = "<text x='5' y='20' font-family='sans-serif'>Hi</text>"
    assert rules_of(check(tmp_path, generic, b)) == ["text.font"]


def test_text_coverage(tmp_path: Path) -> None:
    b = brief(tmp_path, rules={"max_text_coverage": 0.1})
    small = '<text x="10" y="20" font-size="5">Short</text>'
    assert check(tmp_path, small, b).findings == []
    big = (
        '<text x="0" y="40" font-size="20">WORDS WO</text>'
        '<text x="0" y="70" font-size="20">X</text>'
    )
    report = check(tmp_path, big, b)
    assert rules_of(report) == ["text.coverage"]


def test_text_contrast_against_what_is_rendered_beneath(tmp_path: Path) -> None:
    b = brief(tmp_path, rules={"min_text_contrast": 4.5})
    dark_on_light = (
        '<rect width="100" height="100" fill="#f4f1e6"/>'
        '<text x="5" y="50" font-size="10" fill="#0b3d2e">Readable</text>'
    )
    assert check(tmp_path, dark_on_light, b).findings == []
    grey_on_grey = (
        '<rect width="100" height="100" fill="#777777"/>'
        '<text id="t" x="5" y="50" font-size="10" fill="#999999">Faint</text>'
    )
    report = check(tmp_path, grey_on_grey, b)
    assert rules_of(report) == ["text.contrast"] and report.findings[0].element == "t"
