"""Inks counted as a screen printer counts them; gradients and transparency named as such."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from studio.brief import Brief
from studio.checks import run_checks
from studio.design import open_design
from tests.checks.helpers import brief, check, png_bytes, rules_of

PALETTE = [
    {"name": "Red", "color": "#d62839"},
    {"name": "Green", "color": "#2a7f3f"},
    {"name": "Cream", "color": "#f5ecd7"},
]
# Shapes with curved, anti-aliased edges where the inks meet.
THREE_INKS = (
    '<circle cx="50" cy="50" r="40" fill="#f5ecd7"/>'
    '<circle cx="40" cy="45" r="22" fill="#d62839"/>'
    '<path d="M55 60 q 10 -30 30 -10 t -20 30 z" fill="#2a7f3f"/>'
)


@pytest.fixture
def ink_brief(tmp_path: Path) -> Brief:
    return brief(
        tmp_path,
        inks={"max_colors": 3, "palette": PALETTE, "palette_only": True, "delta_e": 3.0},
        rules={"gradients": "forbid", "transparency": "forbid"},
    )


def test_three_flat_inks_with_anti_aliased_edges_pass(tmp_path: Path, ink_brief: Brief) -> None:
    assert check(tmp_path, THREE_INKS, ink_brief).findings == []


def test_a_fourth_ink_fails_the_count(tmp_path: Path, ink_brief: Brief) -> None:
    body = THREE_INKS + '<rect x="70" y="15" width="15" height="15" fill="#f2b705"/>'
    report = check(tmp_path, body, ink_brief)
    counts = [f for f in report.findings if f.rule == "inks.count"]
    assert len(counts) == 1 and counts[0].message.startswith("4 inks, the brief allows 3")


def test_colours_within_delta_e_are_one_ink(tmp_path: Path, ink_brief: Brief) -> None:
    body = THREE_INKS + '<rect x="20" y="70" width="20" height="10" fill="#d7293a"/>'
    assert check(tmp_path, body, ink_brief).findings == []


def test_off_palette_ink_names_the_element_and_offers_the_nearest_ink(
    tmp_path: Path, ink_brief: Brief
) -> None:
    body = THREE_INKS.replace("#2a7f3f", "#3a9f4f").replace("<path", '<path id="leaf"')
    report = check(tmp_path, body, ink_brief)
    assert rules_of(report) == ["inks.palette"]
    finding = report.findings[0]
    assert finding.element == "leaf" and "Green" in finding.message
    assert finding.fix is not None and finding.fix.kind == "snap_color"
    assert finding.fix.params["elements"] == ["leaf"]
    assert finding.fix.params["to"] == "#2a7f3f"


def test_hidden_elements_and_specks_are_not_inks(tmp_path: Path, ink_brief: Brief) -> None:
    body = (
        THREE_INKS
        + '<rect x="0" y="0" width="50" height="50" fill="#0000ff" display="none"/>'
        + '<circle cx="95" cy="95" r="0.2" fill="#ff00ff"/>'
    )
    assert check(tmp_path, body, ink_brief).findings == []


def test_a_gradient_is_reported_as_a_gradient_not_as_many_inks(
    tmp_path: Path, ink_brief: Brief
) -> None:
    body = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#d62839"/>'
        '<stop offset="1" stop-color="#2a7f3f"/></linearGradient></defs>'
        '<rect id="sky" x="5" y="5" width="90" height="40" fill="url(#g)"/>'
        '<rect x="5" y="60" width="40" height="30" fill="#f5ecd7"/>'
    )
    report = check(tmp_path, body, ink_brief)
    assert rules_of(report) == ["inks.gradient"] and report.findings[0].element == "sky"


def test_a_one_colour_gradient_is_a_flat_colour(tmp_path: Path, ink_brief: Brief) -> None:
    body = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#d62839"/>'
        '<stop offset="1" stop-color="#d62839"/></linearGradient></defs>'
        '<rect x="5" y="5" width="90" height="40" fill="url(#g)"/>'
    )
    assert check(tmp_path, body, ink_brief).findings == []


@pytest.mark.parametrize(
    "attrs",
    [
        'opacity="0.5"',
        'fill-opacity="0.6"',
        'fill="rgba(214, 40, 57, 0.5)"',
        'style="opacity: 40%"',
    ],
)
def test_partial_transparency_is_reported(tmp_path: Path, ink_brief: Brief, attrs: str) -> None:
    body = f'<rect id="glass" x="10" y="10" width="50" height="50" fill="#d62839" {attrs}/>'
    report = check(tmp_path, body.replace('fill="#d62839" fill=', "fill="), ink_brief)
    assert "inks.transparency" in rules_of(report)
    assert "inks.count" not in rules_of(report)


def _png_design(tmp_path: Path, pixels: np.ndarray, name: str = "art.png") -> Path:
    path = tmp_path / name
    path.write_bytes(png_bytes(pixels, dpi=100))
    return path


def _drawn(size: int = 394, scale: int = 4) -> np.ndarray:
    """Two inks drawn large and box-downsampled: soft fringes everywhere they meet."""
    big = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.ellipse([40 * scale, 40 * scale, 340 * scale, 340 * scale], fill=(214, 40, 57, 255))
    draw.ellipse([120 * scale, 120 * scale, 260 * scale, 260 * scale], fill=(245, 236, 215, 255))
    return np.asarray(big.resize((size, size), Image.Resampling.LANCZOS))


def test_png_design_counts_its_inks_not_its_resampling_fringes(
    tmp_path: Path, ink_brief: Brief
) -> None:
    report = run_checks(open_design(_png_design(tmp_path, _drawn())), ink_brief)
    assert report.findings == []


def test_jpeg_design_with_compression_noise(tmp_path: Path, ink_brief: Brief) -> None:
    art = Image.fromarray(_drawn())
    ground = Image.new("RGBA", art.size, (255, 255, 255, 255))
    ground.alpha_composite(art)
    out = io.BytesIO()
    ground.convert("RGB").save(out, "JPEG", quality=85, dpi=(100, 100))
    path = tmp_path / "art.jpg"
    path.write_bytes(out.getvalue())
    report = run_checks(open_design(path), ink_brief)
    # The white ground of a JPEG is an ink (it has no transparency), so: red, cream, white.
    assert [f.rule for f in report.findings] == ["inks.palette"]
    assert "#ffffff" in report.findings[0].message


def test_png_gradient_and_transparency_are_found_in_pixels(
    tmp_path: Path, ink_brief: Brief
) -> None:
    ramp = np.zeros((394, 394, 4), dtype=np.uint8)
    ramp[..., 0] = np.linspace(0, 255, 394)[None, :]
    ramp[..., 3] = 255
    report = run_checks(open_design(_png_design(tmp_path, ramp)), ink_brief)
    assert "inks.gradient" in rules_of(report) and "inks.count" not in rules_of(report)
    faded = np.zeros((394, 394, 4), dtype=np.uint8)
    faded[..., 0], faded[..., 3] = 214, 128
    report = run_checks(open_design(_png_design(tmp_path, faded, "faded.png")), ink_brief)
    assert "inks.transparency" in rules_of(report)
