"""Required brand elements: present, unaltered, large enough, in zone, with clear space."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.brief import Brief
from tests.checks.helpers import brief, check, rules_of

LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="20mm" viewBox="0 0 40 20">'
    b'<rect width="40" height="20" fill="#d62839"/><circle cx="10" cy="10" r="5" fill="#ffffff"/>'
    b"</svg>"
)
INNER = '<rect width="40" height="20" fill="#d62839"/><circle cx="10" cy="10" r="5" fill="{c}"/>'


@pytest.fixture
def logo_brief(tmp_path: Path) -> Brief:
    return brief(
        tmp_path,
        assets={"logo.svg": LOGO},
        rules={
            "required": [
                {
                    "id": "logo",
                    "asset": "logo.svg",
                    "min_width": "30mm",
                    "clear_space": "2mm",
                    "zone": {"x": "0mm", "y": "60mm", "width": "100mm", "height": "40mm"},
                }
            ]
        },
    )


def placed(transform: str = "translate(30 70)", color: str = "#ffffff", extra: str = "") -> str:
    return (
        f'<g id="brand" motif:required="logo" transform="{transform}">'
        f'<svg width="40" height="20" viewBox="0 0 40 20">{INNER.format(c=color)}</svg></g>' + extra
    )


def test_the_logo_as_supplied_passes(tmp_path: Path, logo_brief: Brief) -> None:
    assert check(tmp_path, placed(), logo_brief).findings == []


def test_a_logo_from_another_tool_without_nested_svg_passes(
    tmp_path: Path, logo_brief: Brief
) -> None:
    body = f'<g motif:required="logo" transform="translate(30 70)">{INNER.format(c="#fff")}</g>'
    assert check(tmp_path, body, logo_brief).findings == []


def test_missing(tmp_path: Path, logo_brief: Brief) -> None:
    assert rules_of(check(tmp_path, '<rect width="5" height="5"/>', logo_brief)) == [
        "required.missing"
    ]


def test_recoloured_is_modified(tmp_path: Path, logo_brief: Brief) -> None:
    report = check(tmp_path, placed(color="#000000"), logo_brief)
    assert rules_of(report) == ["required.modified"] and "colours" in report.findings[0].message


def test_stretched_or_skewed_is_modified(tmp_path: Path, logo_brief: Brief) -> None:
    stretched = check(tmp_path, placed("translate(30 70) scale(1.2 1)"), logo_brief)
    assert rules_of(stretched) == ["required.modified"]
    skewed = check(tmp_path, placed("translate(30 70) skewX(10)"), logo_brief)
    assert "required.modified" in rules_of(skewed)


def test_uniform_scale_and_rotation_are_not_modifications(
    tmp_path: Path, logo_brief: Brief
) -> None:
    assert check(tmp_path, placed("translate(20 65) scale(1.5)"), logo_brief).findings == []


def test_a_different_file_by_hash_is_modified(tmp_path: Path, logo_brief: Brief) -> None:
    body = placed().replace(
        'motif:required="logo"', 'motif:required="logo" motif:asset-sha256="' + "0" * 64 + '"'
    )
    assert rules_of(check(tmp_path, body, logo_brief)) == ["required.modified"]


def test_too_small_offers_to_scale_it_up(tmp_path: Path, logo_brief: Brief) -> None:
    report = check(tmp_path, placed("translate(30 70) scale(0.5)"), logo_brief)
    assert rules_of(report) == ["required.size"]
    assert report.findings[0].fix is not None and report.findings[0].fix.kind == "scale_required"


def test_outside_its_zone(tmp_path: Path, logo_brief: Brief) -> None:
    report = check(tmp_path, placed("translate(30 10)"), logo_brief)
    assert rules_of(report) == ["required.zone"]


def test_clear_space_but_not_the_ground_beneath(tmp_path: Path, logo_brief: Brief) -> None:
    ground = '<rect id="ground" width="100" height="100" fill="#f2b705"/>'
    assert check(tmp_path, ground + placed(), logo_brief).findings == []
    crowding = placed(extra='<circle id="dot" cx="71" cy="80" r="1.5"/>')
    report = check(tmp_path, crowding, logo_brief)
    assert rules_of(report) == ["required.clear_space"] and report.findings[0].element == "dot"
