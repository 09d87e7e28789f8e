"""Fixtures for the brands tests: a packed sample brief and a brand key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studio.brands.authoring import pack_brief
from studio.brands.keys import new_key


@pytest.fixture
def brief_folder(tmp_path: Path, samples_dir: Path) -> Path:
    """A copy of the Fraise Club brief folder (brief.json + assets) the test may edit."""
    folder = tmp_path / "fraise"
    shutil.copytree(samples_dir / "lafraise-tee", folder)
    return folder


@pytest.fixture
def fraise_package(brief_folder: Path, tmp_path: Path) -> Path:
    out = tmp_path / "fraise.brief"
    pack_brief(brief_folder / "lafraise-tee.brief.json", out)
    return out


@pytest.fixture
def brand_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """A key called ``fraise`` with passphrase ``s3cret`` (also in the environment)."""
    monkeypatch.setenv("MOTIF_STUDIO_KEY_PASSPHRASE", "s3cret")
    new_key("fraise", b"s3cret")
    return "fraise"
