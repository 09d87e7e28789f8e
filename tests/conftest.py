"""Shared fixtures: the conformance kit's plugin, loopback servers, and a temporary home."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

pytest_plugins = ["studio.connectors.testkit"]


@pytest.fixture(autouse=True)
def temporary_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own home and outbox; nothing touches the user's files."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("MOTIF_STUDIO_OUTBOX", raising=False)
    monkeypatch.delenv("MOTIF_STUDIO_PLUGINS", raising=False)


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
