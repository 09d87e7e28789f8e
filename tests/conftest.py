"""Shared fixtures: every test gets a temporary home and fresh settings, never the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def temporary_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    # Tests read English messages whatever the developer's language; tests/i18n switch it.
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "en")
    return home


@pytest.fixture
def samples_dir() -> Path:
    return ROOT / "resources" / "briefs"


@pytest.fixture
def fraise_brief_path(samples_dir: Path) -> Path:
    return samples_dir / "lafraise-tee" / "lafraise-tee.brief.json"


@pytest.fixture
def fraise_design_path(samples_dir: Path) -> Path:
    return samples_dir / "lafraise-tee" / "sample-design.motif.svg"
