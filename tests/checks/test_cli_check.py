"""``motif-studio check``: the contract of check-cli.md (JSON shape, exit codes, stderr)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from studio.cli.main import main
from tests.checks.helpers import write_brief, write_svg

SEVERITIES = {"error", "warning"}
RULE_IDS = {
    "brief.deadline",
    "canvas.size",
    "bounds.print_area",
    "bounds.safe_area",
    "bounds.keep_out",
    "image.resolution",
    "image.forbidden",
    "inks.count",
    "inks.palette",
    "inks.transparency",
    "inks.gradient",
    "text.size",
    "text.font",
    "text.coverage",
    "text.contrast",
    "stroke.width",
    "required.missing",
    "required.size",
    "required.zone",
    "required.clear_space",
    "required.modified",
    "output.max_bytes",
}


def assert_contract_shape(data: dict[str, Any], design: str) -> None:
    assert set(data) == {"brief", "design", "passed", "findings"}
    assert set(data["brief"]) == {"id", "version"}
    assert isinstance(data["brief"]["id"], str) and isinstance(data["brief"]["version"], int)
    assert data["design"] == design
    assert data["passed"] == (not any(f["severity"] == "error" for f in data["findings"]))
    for f in data["findings"]:
        assert (
            {"rule", "severity", "message"}
            <= set(f)
            <= {"rule", "severity", "message", "element", "bbox"}
        )
        assert f["rule"] in RULE_IDS and f["severity"] in SEVERITIES and f["message"]
        if "bbox" in f:
            assert len(f["bbox"]) == 4 and all(isinstance(v, int | float) for v in f["bbox"])
        if "element" in f:
            assert isinstance(f["element"], str) and f["element"]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", ["lafraise-tee", "dtg-tee", "display-ad"])
def test_bundled_samples_pass_their_briefs(
    name: str, samples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    design = str(samples_dir / name / "sample-design.motif.svg")
    brief = str(samples_dir / name / f"{name}.brief.json")
    code, out, err = run(["check", design, "--brief", brief, "--format", "json"], capsys)
    data = json.loads(out)
    assert_contract_shape(data, design)
    assert code == 0 and data["passed"], data["findings"]
    assert err == ""


def test_failing_design_exits_1_with_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = write_brief(tmp_path, rules={"min_stroke_width": "1mm"})
    design = write_svg(
        tmp_path, '<line id="l" x1="10" y1="10" x2="90" y2="10" stroke="black" stroke-width="0.2"/>'
    )
    code, out, _ = run(["check", str(design), "--brief", str(brief), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1 and not data["passed"]
    assert_contract_shape(data, str(design))
    assert [f["rule"] for f in data["findings"]] == ["stroke.width"]
    assert data["findings"][0]["element"] == "l"


def test_warnings_still_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brief = write_brief(tmp_path, deadline="2001-01-01T00:00:00Z")
    design = write_svg(tmp_path, "")
    code, out, _ = run(["check", str(design), "--brief", str(brief), "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["findings"][0]["severity"] == "warning"


def test_text_format_groups_by_severity_without_colour_when_piped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = write_brief(
        tmp_path, deadline="2001-01-01T00:00:00Z", rules={"min_stroke_width": "1mm"}
    )
    design = write_svg(
        tmp_path, '<line x1="1" y1="1" x2="9" y2="1" stroke="red" stroke-width="0.3"/>'
    )
    code, out, _ = run(["check", str(design), "--brief", str(brief)], capsys)
    assert code == 1
    assert out.index("Errors (1)") < out.index("Warnings (1)") < out.index("FAILED")
    assert "\033[" not in out


def _hostile_cases(tmp: Path) -> list[tuple[str, Path, Path]]:
    brief = write_brief(tmp)
    bomb = tmp / "bomb.svg"
    # Internal entities are legal (Illustrator writes them); a billion laughs is not.
    levels = ['<!ENTITY l0 "laugh">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    ]
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE s [' + "".join(levels) + "]>"
        '<svg xmlns="http://www.w3.org/2000/svg">&l9;</svg>'
    )
    broken = tmp / "broken.svg"
    broken.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect")
    not_svg = tmp / "page.svg"
    not_svg.write_text("<html/>")
    fake_png = tmp / "fake.png"
    fake_png.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    bad_brief = tmp / "bad.brief.json"
    bad_brief.write_text('{"format": "motif-brief/9", "id": "x", "version": 1, "title": "t"}')
    not_zip = tmp / "evil.brief"
    not_zip.write_bytes(b"PK\x03\x04garbage")
    escaping = tmp / "escape.brief"
    with zipfile.ZipFile(escaping, "w") as z:
        z.writestr("brief.json", "{}")
        z.writestr("../../etc/passwd", "x")
    deep = tmp / "deep.svg"
    deep.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="100mm">'
        + "<g>" * 5000
        + '<rect width="1" height="1"/>'
        + "</g>" * 5000
        + "</svg>"
    )
    good = write_svg(tmp, "")
    return [
        ("entity bomb", bomb, brief),
        ("malformed XML", broken, brief),
        ("not an SVG", not_svg, brief),
        ("fake PNG", fake_png, brief),
        ("deeply nested", deep, brief),
        ("missing design", tmp / "nope.svg", brief),
        ("unknown brief format", good, bad_brief),
        ("not a zip", good, not_zip),
        ("zip escaping", good, escaping),
        ("missing brief", good, tmp / "nope.brief.json"),
    ]


def test_hostile_or_unusable_inputs_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for label, design, brief in _hostile_cases(tmp_path):
        code, out, err = run(
            ["check", str(design), "--brief", str(brief), "--format", "json"], capsys
        )
        assert code == 2, label
        assert out == "", label
        lines = err.strip().splitlines()
        assert len(lines) == 1, (label, err)
        named = (
            design.name
            if label not in ("unknown brief format", "not a zip", "zip escaping", "missing brief")
            else brief.name
        )
        assert named in lines[0], (label, lines[0])


def test_output_dir_exports_the_deliverables_and_weighs_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = write_brief(
        tmp_path,
        outputs=[
            {"id": "print", "format": "png", "max_bytes": 100},
            {
                "id": "web",
                "format": "jpg",
                "width": "50mm",
                "height": "50mm",
                "max_bytes": 10_000_000,
            },
        ],
    )
    design = write_svg(tmp_path, '<circle cx="50" cy="50" r="30" fill="#d62839"/>')
    out_dir = tmp_path / "out"
    code, out, _ = run(
        [
            "check",
            str(design),
            "--brief",
            str(brief),
            "--format",
            "json",
            "--output-dir",
            str(out_dir),
        ],
        capsys,
    )
    data = json.loads(out)
    assert code == 1
    assert [f["rule"] for f in data["findings"]] == ["output.max_bytes"]
    assert "print" in data["findings"][0]["message"]
    assert (out_dir / "print.png").stat().st_size > 100
    assert (out_dir / "web.jpg").exists()
