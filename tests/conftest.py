"""Shared fixtures: a temporary home and fresh settings for every test (never the user's), the
connector conformance kit's plugin, and the loopback servers the connector tests talk to."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

pytest_plugins = ["studio.connectors.testkit"]


@pytest.fixture(autouse=True)
def temporary_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own home, settings and outbox; nothing touches the user's files."""
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
    monkeypatch.delenv("MOTIF_STUDIO_OUTBOX", raising=False)
    monkeypatch.delenv("MOTIF_STUDIO_PLUGINS", raising=False)
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


@pytest.fixture
def tus_server(tmp_path: Path) -> Iterator[object]:
    from servers.base import running
    from servers.tus import TusServer

    folder = tmp_path / "tus"
    folder.mkdir()
    with running(TusServer(folder)) as server:
        yield server


@pytest.fixture
def nextcloud_server(tmp_path: Path) -> Iterator[object]:
    from servers.base import running
    from servers.nextcloud import NextcloudServer

    folder = tmp_path / "nextcloud"
    (folder / "files" / "alice" / "Briefs").mkdir(parents=True)
    (folder / "uploads" / "alice").mkdir(parents=True)
    with running(NextcloudServer(folder)) as server:
        yield server


@pytest.fixture
def printify_server() -> Iterator[object]:
    from servers.base import running
    from servers.printify import PrintifyServer

    with running(PrintifyServer()) as server:
        yield server
