"""Briefs as the format says: valid samples load, broken ones are refused naming the field."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from studio.brief import load_brief
from studio.errors import BriefError, InputError

SAMPLES = [
    "lafraise-tee/lafraise-tee.brief.json",
    "dtg-tee/dtg-tee.brief.json",
    "display-ad/display-ad.brief.json",
]


@pytest.mark.parametrize("name", SAMPLES)
def test_bundled_samples_load(samples_dir: Path, name: str) -> None:
    brief = load_brief(samples_dir / name)
    assert brief.id and brief.version == 1
    for req in brief.rules.required:
        assert brief.asset(req.asset)


def test_sample_tee_geometry(fraise_brief_path: Path) -> None:
    brief = load_brief(fraise_brief_path)
    assert (brief.width, brief.height) == (304.8, 406.4)
    assert (brief.width_px, brief.height_px) == (3600, 4800)
    assert brief.inks.max_colors == 3 and len(brief.inks.palette) == 4
    assert brief.rules.required[0].zone is not None
    assert brief.rules.min_text_size == pytest.approx(10 * 25.4 / 72)


def test_ad_outputs_are_exact_pixel_sizes(samples_dir: Path) -> None:
    brief = load_brief(samples_dir / SAMPLES[2])
    sizes = {o.id: (o.width_px, o.height_px, o.max_bytes) for o in brief.outputs}
    assert sizes["medium-rectangle"] == (300, 250, 150000)
    assert sizes["leaderboard"] == (728, 90, 150000)
    assert sizes["skyscraper"] == (160, 600, 150000)
    assert brief.px_canvas and brief.width_px == 1080


def _write(tmp_path: Path, raw: dict) -> Path:
    path = tmp_path / "x.brief.json"
    path.write_text(json.dumps(raw))
    return path


def _base() -> dict:
    return {
        "format": "motif-brief/1",
        "id": "acme.tee",
        "version": 1,
        "title": "T",
        "canvas": {"width": "10in", "height": "12in", "dpi": 300},
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda b: b.update(version=0), "version"),
        (lambda b: b.update(id="Bad Id"), "id"),
        (lambda b: b["canvas"].update(width="ten inches"), "canvas.width"),
        (lambda b: b["canvas"].update(width="10furlongs"), "canvas.width"),
        (
            lambda b: b.update(inks={"palette": [{"name": "red", "color": "red"}]}),
            "inks.palette[0].color",
        ),
        (lambda b: b.update(rules={"required": [{"id": "logo"}]}), "rules.required[0]"),
        (lambda b: b.update(outputs=[{"id": "a", "format": "gif"}]), "outputs[0].format"),
        (lambda b: b.pop("title"), "(root)"),
        (lambda b: b.update(deadline="tomorrow"), "deadline"),
        (lambda b: b["canvas"].update(safe_margin="6in"), "canvas.safe_margin"),
    ],
)
def test_broken_briefs_name_the_field(tmp_path: Path, change, field: str) -> None:
    raw = _base()
    change(raw)
    with pytest.raises(BriefError) as info:
        load_brief(_write(tmp_path, raw))
    assert info.value.field == field
    assert str(tmp_path / "x.brief.json") in info.value.one_line()


def test_unknown_format_is_refused_clearly(tmp_path: Path) -> None:
    raw = _base() | {"format": "motif-brief/9"}
    with pytest.raises(BriefError, match="unknown brief format 'motif-brief/9'"):
        load_brief(_write(tmp_path, raw))


def test_unknown_fields_are_kept(tmp_path: Path) -> None:
    raw = _base() | {"x-future": {"a": 1}}
    assert load_brief(_write(tmp_path, raw)).raw["x-future"] == {"a": 1}


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "x.brief.json"
    path.write_text("{nope")
    with pytest.raises(BriefError, match="not valid JSON"):
        load_brief(path)


def _pack(tmp_path: Path, entries: dict[str, bytes]) -> Path:
    path = tmp_path / "x.brief"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


def test_package_with_assets(tmp_path: Path) -> None:
    raw = _base() | {"rules": {"required": [{"id": "logo", "asset": "assets/logo.svg"}]}}
    brief = load_brief(
        _pack(tmp_path, {"brief.json": json.dumps(raw).encode(), "assets/logo.svg": b"<svg/>"})
    )
    assert brief.asset("assets/logo.svg") == b"<svg/>"


def test_package_missing_asset(tmp_path: Path) -> None:
    raw = _base() | {"rules": {"required": [{"id": "logo", "asset": "assets/logo.svg"}]}}
    with pytest.raises(BriefError, match="missing from the brief package"):
        load_brief(_pack(tmp_path, {"brief.json": json.dumps(raw).encode(), "assets/x": b"1"}))


@pytest.mark.parametrize("name", ["../evil.svg", "/etc/passwd", "assets/../../x", "a\\b"])
def test_package_refuses_escaping_paths(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError, match=r"outside the package|not a plain relative path"):
        load_brief(_pack(tmp_path, {"brief.json": json.dumps(_base()).encode(), name: b"x"}))


def test_package_refuses_zip_bomb(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="zip bomb"):
        load_brief(
            _pack(
                tmp_path,
                {"brief.json": json.dumps(_base()).encode(), "assets/big": b"\0" * 20_000_000},
            )
        )


def test_package_without_brief_json(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match=r"no brief\.json"):
        load_brief(_pack(tmp_path, {"other.json": b"{}"}))


def test_not_a_zip_nor_json(tmp_path: Path) -> None:
    path = tmp_path / "x.brief"
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(InputError, match="not a readable zip"):
        load_brief(path)


def test_bare_brief_with_a_missing_asset_names_it(tmp_path: Path) -> None:
    raw = _base() | {"garment": {"colors": [], "mockup": "assets/tee.svg"}}
    with pytest.raises(BriefError, match=r"assets/tee\.svg") as info:
        load_brief(_write(tmp_path, raw))
    assert info.value.field == "garment.mockup"
