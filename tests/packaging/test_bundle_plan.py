"""The spec's view of installed connectors: every entry point in the group, none tolerated."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bundle_plan(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(ROOT / "packaging"))
    module = importlib.import_module("bundle_plan")
    yield module
    sys.modules.pop("bundle_plan", None)


def _fake_distribution(site: Path, name: str, entry_points: str) -> None:
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)


def test_connectors_found_through_the_entry_point_group(
    bundle_plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_distribution(
        tmp_path,
        "motif-connector-fake",
        "[motif_studio.connectors]\nfake = fake_connector.upload:FakeConnector\n"
        "[console_scripts]\nnot-a-connector = fake_connector:main\n",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    found = [c for c in bundle_plan.connectors() if c.name == "fake"]
    assert found == [
        bundle_plan.Connector(
            "fake", "fake_connector.upload", "fake_connector", "motif-connector-fake"
        )
    ]
    assert all(c.name != "not-a-connector" for c in bundle_plan.connectors())


def test_no_connector_installed_is_fine(bundle_plan, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_plan.importlib.metadata, "entry_points", lambda group: [])
    assert bundle_plan.connectors() == []
