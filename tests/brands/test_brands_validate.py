"""``brief validate``: every problem at once, each with its JSON path; exit 0/1/2."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studio.brands.validate import validate_brief_file
from studio.cli.main import main


def _edit(folder: Path, change: object) -> Path:
    path = folder / "lafraise-tee.brief.json"
    raw = json.loads(path.read_text())
    change(raw)  # type: ignore[operator]
    path.write_text(json.dumps(raw))
    return path


def _break_everything(raw: dict) -> None:  # type: ignore[type-arg]
    raw["version"] = 0  # schema
    raw["canvas"]["dpi"] = "lots"  # schema
    raw["rules"]["required"][0]["zone"]["x"] = "10in"  # 10 + 11 in > 12 in: off the canvas
    raw["rules"]["required"][0]["asset"] = "assets/gone.svg"
    raw["rules"]["keep_out"] = [{"x": "-1in", "y": "0in", "width": "2in", "height": "1in"}]
    raw["inks"]["max_colors"] = 6  # palette has 4, palette_only
    raw["deadline"] = "2020-01-01T00:00:00Z"
    raw["rules"]["recommended_image_dpi"] = 150  # min is 300
    raw["outputs"].append({"id": "print", "format": "jpg", "width": "10in", "height": "10in"})
    raw["targets"].append({"connector": "carrier-pigeon"})


def test_every_problem_is_listed_with_its_path(brief_folder: Path) -> None:
    path = _edit(brief_folder, _break_everything)
    found = {(p.path, p.severity) for p in validate_brief_file(path)}
    assert found == {
        ("version", "error"),
        ("canvas.dpi", "error"),
        ("rules.required[0].zone", "error"),
        ("rules.required[0].asset", "error"),
        ("rules.keep_out[0]", "error"),
        ("inks.palette", "error"),
        ("deadline", "warning"),
        ("rules.recommended_image_dpi", "error"),
        ("outputs[3].id", "error"),
        ("outputs[3]", "error"),
        ("targets[1].connector", "warning"),
    }


def test_messages_say_what_is_wrong(brief_folder: Path) -> None:
    path = _edit(brief_folder, _break_everything)
    messages = {p.path: p.message for p in validate_brief_file(path)}
    assert "outside the 304.8 × 406.4 mm canvas" in messages["rules.required[0].zone"]
    assert "'assets/gone.svg' is missing" in messages["rules.required[0].asset"]
    assert "4 inks, fewer than max_colors 6" in messages["inks.palette"]
    assert messages["outputs[3].id"] == "duplicate output id 'print' (also outputs[0])"
    assert "canvas proportions" in messages["outputs[3]"]
    assert "150 dpi is below the minimum 300 dpi" in messages["rules.recommended_image_dpi"]
    assert "carrier-pigeon" in messages["targets[1].connector"]


def test_cli_exit_1_and_one_line_per_problem(
    brief_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edit(brief_folder, _break_everything)
    assert main(["brief", "validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 11
    assert f"{path}: rules.required[0].zone: error: " in "\n".join(lines)


def test_warnings_alone_still_validate(
    brief_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edit(brief_folder, lambda raw: raw.update(deadline="2021-05-01T12:00:00+02:00"))
    assert main(["brief", "validate", str(path), "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["valid"] is True
    assert [(p["path"], p["severity"]) for p in body["problems"]] == [("deadline", "warning")]


def test_a_future_deadline_is_fine(brief_folder: Path) -> None:
    path = brief_folder / "lafraise-tee.brief.json"
    early = datetime(2026, 1, 1, tzinfo=UTC)
    assert validate_brief_file(path, now=early) == []
    late = datetime(2028, 1, 1, tzinfo=UTC)
    assert [p.path for p in validate_brief_file(path, now=late)] == ["deadline"]


def test_a_package_is_validated_against_its_own_entries(
    fraise_package: Path, tmp_path: Path
) -> None:
    assert validate_brief_file(fraise_package, now=datetime(2026, 1, 1, tzinfo=UTC)) == []


@pytest.mark.parametrize("content", [b"{not json", b"PK\x03\x04garbage", b"[1, 2]"])
def test_unreadable_brief_exits_2(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.brief.json"
    path.write_bytes(content)
    assert main(["brief", "validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and str(path) in captured.err


def test_a_schema_broken_brief_does_not_crash_the_sense_checks(tmp_path: Path) -> None:
    path = tmp_path / "odd.brief.json"
    odd = {
        "format": "motif-brief/1",
        "id": "x",
        "version": 1,
        "title": "t",
        "canvas": [],
        "rules": {"required": "logo", "keep_out": [7]},
        "inks": {"palette": 3},
        "outputs": {"id": 1},
        "targets": [None],
        "deadline": 5,
    }
    path.write_text(json.dumps(odd))
    problems = validate_brief_file(path)
    assert problems and all(p.severity == "error" for p in problems)
    assert {"canvas", "rules.required", "outputs"} <= {p.path for p in problems}
