"""Discovery never drops a connector silently; the CLI exits 2 with one line for bad input."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from studio.connectors import cli, registry
from studio.connectors.manifest import API_VERSION

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"


def _plugin(root: Path, package: str, **changes: object) -> Path:
    """A copy of the template plugin under ``root`` with manifest fields changed."""
    target = root / f"proj-{package}"
    shutil.copytree(PLUGINS / "motif-connector-template", target)
    inner = target / package
    (target / "motif_connector_template").rename(inner)
    manifest = json.loads((inner / "motif-connector.json").read_text())
    manifest.update(
        id=package.replace("_", "-"), python_name=f"{package}.connector:TemplateConnector"
    )
    manifest.update(changes)
    (inner / "motif-connector.json").write_text(json.dumps(manifest))
    return target


def test_bundled_connectors_are_found_from_a_checkout() -> None:
    found = {e.id: e for e in registry.discover(entry_points=False)}
    assert {"folder", "webdav", "printify", "brief-portal", "template"} <= set(found)
    assert all(not e.problem for e in found.values())


def test_broken_plugins_are_listed_with_their_reason(tmp_path: Path) -> None:
    _plugin(tmp_path, "future_one", api=">=2.0,<3")
    _plugin(tmp_path, "bad_code", python_name="bad_code.missing:Nothing")
    _plugin(tmp_path, "bad_manifest", auth="telepathy")
    entries = {e.name: e for e in registry.discover(tmp_path, entry_points=False)}
    assert f"this is {API_VERSION}" in entries["future_one"].problem
    assert "auth" in entries["bad_manifest"].problem
    with pytest.raises(Exception, match="cannot load"):
        registry.load(entries["bad_code"])
    assert "No module named" in entries["bad_code"].problem


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="motif-studio")
    sub = parser.add_subparsers(dest="command", required=True)
    cli.register(sub)
    return parser.parse_args(argv)


def test_validate_accepts_the_template(capsys: pytest.CaptureFixture[str]) -> None:
    args = _parse(["connectors", "validate", str(PLUGINS / "motif-connector-template")])
    assert args.func(args) == 0
    assert "template 0.1.0: ok" in capsys.readouterr().out


def test_validate_rejects_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _plugin(tmp_path, "old_api", api="<1.0")
    args = _parse(["connectors", "validate", str(project)])
    assert args.func(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "wants connector API" in err


def test_list_shows_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    _plugin(tmp_path, "future_two", api=">=9")
    monkeypatch.setenv("MOTIF_STUDIO_PLUGINS", str(tmp_path))
    args = _parse(["connectors", "list"])
    assert args.func(args) == 0
    assert "UNUSABLE: wants connector API >=9" in capsys.readouterr().out


def test_bundled_plugins_installed_editable_are_listed_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = _parse(["connectors", "list"])
    assert args.func(args) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    ids = [line.split("\t")[0] for line in lines]
    assert sorted(ids) == sorted(set(ids))
    assert not any("UNUSABLE" in line for line in lines)
