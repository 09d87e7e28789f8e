"""The plugin authors' conformance kit, run against every bundled connector and a real server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studio.connectors.api import Submission
from studio.connectors.testkit import ConnectorConformance, Target


def _injector(server: Any):  # type: ignore[no-untyped-def]
    def fail_next(status: int, headers: dict[str, str], body: bytes) -> None:
        server.faults.append((status, headers, body))

    return fail_next


class TestFolder(ConnectorConformance):
    @pytest.fixture
    def conformance_target(self, load, make_package, tmp_path: Path) -> Target:  # type: ignore[no-untyped-def]
        connector, manifest = load("folder")
        out = tmp_path / "out"
        out.mkdir()

        def arrivals(submission: Submission) -> int:
            return sum(1 for p in out.iterdir() if p.read_bytes() == submission.path.read_bytes())

        return Target(connector, manifest, {"folder": str(out)}, make_package, arrivals)


class TestWebDavChunked(ConnectorConformance):
    @pytest.fixture
    def conformance_target(self, load, make_package, nextcloud_server) -> Target:  # type: ignore[no-untyped-def]
        connector, manifest = load("webdav")
        settings = {
            "url": f"{nextcloud_server.dav}/files/alice/Briefs",
            "nextcloud_dav_root": nextcloud_server.dav,
            "chunk_bytes": 64 * 1024,
            "chunk_threshold": 1,
        }
        credentials = {"username": "alice", "password": "app-pass-123"}
        return Target(connector, manifest, settings, make_package,
                      lambda s: nextcloud_server.moves[s.file_name], credentials,
                      _injector(nextcloud_server))  # fmt: skip


class TestPrintify(ConnectorConformance):
    @pytest.fixture
    def conformance_target(self, load, make_package, printify_server) -> Target:  # type: ignore[no-untyped-def]
        connector, manifest = load("printify")

        def arrivals(submission: Submission) -> int:
            tag = submission.sha256[:12]
            return sum(n for name, n in printify_server.uploads.items() if tag in name)

        return Target(connector, manifest, {"base_url": printify_server.url}, make_package,
                      arrivals, {"token": printify_server.token},
                      _injector(printify_server))  # fmt: skip


class TestBriefPortal(ConnectorConformance):
    @pytest.fixture
    def conformance_target(self, load, make_package, tus_server) -> Target:  # type: ignore[no-untyped-def]
        connector, manifest = load("brief-portal")
        return Target(connector, manifest, {"endpoint": f"{tus_server.url}/files"},
                      make_package, lambda s: tus_server.completed[s.file_name],
                      fail_next=_injector(tus_server))  # fmt: skip
