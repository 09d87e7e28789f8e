"""Authoring round trips: ``brief new`` -> ``validate`` -> ``pack`` -> ``load_brief``."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import pytest

from studio.brands.authoring import pack_brief, parse_size
from studio.brief import load_brief
from studio.cli.main import main
from studio.errors import InputError


def _comparable(brief: object) -> dict[str, object]:
    fields = dataclasses.asdict(brief)  # type: ignore[call-overload]
    return {k: v for k, v in fields.items() if k not in ("source", "sha256")}


@pytest.mark.parametrize(
    ("kind", "size", "width_mm", "height_px"),
    [("tshirt", None, 304.8, 4800), ("ad", "1200x628px", 1200 / 72 * 25.4, 628)],
)
def test_new_validate_pack_load_gives_the_same_brief(
    tmp_path: Path, kind: str, size: str | None, width_mm: float, height_px: int
) -> None:
    source = tmp_path / "acme.brief.json"
    args = ["brief", "new", str(source), "--kind", kind, "--id", "acme.spring", "--title", "Spring"]
    assert main([*args, *(["--size", size] if size else [])]) == 0
    assert main(["brief", "validate", str(source)]) == 0
    package = tmp_path / "acme.brief"
    assert main(["brief", "pack", str(source), "-o", str(package)]) == 0
    from_json, from_package = load_brief(source), load_brief(package)
    assert _comparable(from_json) == _comparable(from_package)
    assert from_package.kind == kind and from_package.title == "Spring"
    assert from_package.width == pytest.approx(width_mm)
    assert from_package.height_px == height_px


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.brief.json"
    out.write_text("{}")
    assert main(["brief", "new", str(out), "--kind", "ad", "--id", "a", "--title", "A"]) == 2
    assert "exists already" in capsys.readouterr().err
    assert out.read_text() == "{}"


def test_pack_is_deterministic_and_carries_the_assets(brief_folder: Path, tmp_path: Path) -> None:
    source = brief_folder / "lafraise-tee.brief.json"
    first = pack_brief(source, tmp_path / "one.brief")
    (brief_folder / "unrelated.txt").write_text("not named by the brief")
    second = pack_brief(source, tmp_path / "two.brief")
    assert first == second
    with zipfile.ZipFile(tmp_path / "one.brief") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert names == ["assets/logo.svg", "assets/tee-mockup.svg", "brief.json"]
    brief = load_brief(tmp_path / "one.brief")
    assert brief.asset("assets/logo.svg") == (brief_folder / "assets/logo.svg").read_bytes()


@pytest.mark.parametrize("bad", ["../secret.svg", "/etc/passwd", "assets/../../x.svg"])
def test_pack_refuses_assets_outside_the_brief_folder(
    brief_folder: Path, tmp_path: Path, bad: str
) -> None:
    source = brief_folder / "lafraise-tee.brief.json"
    raw = json.loads(source.read_text())
    raw["rules"]["required"][0]["asset"] = bad
    source.write_text(json.dumps(raw))
    (tmp_path / "secret.svg").write_text("<svg/>")
    with pytest.raises(InputError, match=r"rules\.required\[0\]\.asset"):
        pack_brief(source, tmp_path / "out.brief")
    assert not (tmp_path / "out.brief").exists()


def test_pack_refuses_a_symlink_leading_outside(brief_folder: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.svg").write_text("<svg/>")
    logo = brief_folder / "assets" / "logo.svg"
    logo.unlink()
    logo.symlink_to(tmp_path / "secret.svg")
    with pytest.raises(InputError, match="outside"):
        pack_brief(brief_folder / "lafraise-tee.brief.json", tmp_path / "out.brief")


def test_pack_names_a_missing_asset(brief_folder: Path, tmp_path: Path) -> None:
    (brief_folder / "assets" / "logo.svg").unlink()
    with pytest.raises(InputError, match=r"rules\.required\[0\]\.asset: no such file"):
        pack_brief(brief_folder / "lafraise-tee.brief.json", tmp_path / "out.brief")


def test_size_flag_forms() -> None:
    assert parse_size("12x16in") == ("12in", "16in")
    assert parse_size("300mm x 400mm") == ("300mm", "400mm")
    with pytest.raises(InputError):
        parse_size("big")
