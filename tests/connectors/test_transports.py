"""Each connector against a real loopback server: plain WebDAV PUT (wsgidav), tus resume,
Nextcloud chunking v2 resume, Printify 429/401 and server-error bodies."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studio.connectors.api import AuthRequired, Cancelled, RateLimited, UploadContext


@pytest.fixture
def wsgidav_server(tmp_path: Path) -> Iterator[str]:
    from cheroot import wsgi
    from wsgidav.wsgidav_app import WsgiDAVApp

    root = tmp_path / "dav"
    (root / "Briefs").mkdir(parents=True)
    app = WsgiDAVApp({
        "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": {"*": {"alice": {"password": "dav-pass-456"}}}},
        "http_authenticator": {"accept_basic": True, "accept_digest": False,
                               "default_to_digest": False},
        "verbose": 0, "logging": {"enable": False}, "lock_storage": True,
    })  # fmt: skip
    server = wsgi.Server(("127.0.0.1", 0), app)
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.bind_addr[1]}"
    finally:
        server.stop()
        thread.join(5)


def test_webdav_plain_put_to_wsgidav(load: Any, make_package: Any, wsgidav_server: str,
                                     tmp_path: Path) -> None:  # fmt: skip
    connector, _ = load("webdav")
    submission = make_package(300_000)
    context = UploadContext.simple(credentials={"username": "alice", "password": "dav-pass-456"})
    result = connector.upload(submission, {"url": f"{wsgidav_server}/Briefs"}, context)
    stored = tmp_path / "dav" / "Briefs" / submission.file_name
    assert stored.read_bytes() == submission.path.read_bytes()
    assert result.url.endswith(submission.file_name)


def test_webdav_wrong_password_is_auth_required(load: Any, make_package: Any,
                                                wsgidav_server: str) -> None:  # fmt: skip
    connector, _ = load("webdav")
    context = UploadContext.simple(credentials={"username": "alice", "password": "nope"})
    with pytest.raises(AuthRequired):
        connector.upload(make_package(2000), {"url": f"{wsgidav_server}/Briefs"}, context)


def test_tus_resumes_at_the_server_offset_after_an_interruption(
    load: Any, make_package: Any, tus_server: Any
) -> None:
    connector, _ = load("brief-portal")
    submission = make_package(1_000_000)
    settings = {"endpoint": f"{tus_server.url}/files", "chunk_bytes": 200_000}
    state: dict[str, Any] = {}
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 500_000:
            cancel.set()  # the "crash": stop mid-PATCH

    first = UploadContext.simple("k", resume_state=state, save_resume_state=state.update,
                                 progress=progress, cancel_event=cancel)  # fmt: skip
    with pytest.raises(Cancelled):
        connector.upload(submission, settings, first)
    assert "location" in state
    connector.upload(submission, settings, UploadContext.simple("k", resume_state=state))
    assert tus_server.completed[submission.file_name] == 1
    assert tus_server.received == submission.size  # nothing was sent twice
    upload = next(iter(tus_server.uploads.values()))
    assert Path(str(upload["path"])).read_bytes() == submission.path.read_bytes()


def test_nextcloud_chunking_resumes_without_resending_chunks(
    load: Any, make_package: Any, nextcloud_server: Any, tmp_path: Path
) -> None:
    connector, _ = load("webdav")
    submission = make_package(500_000)
    settings = {"url": f"{nextcloud_server.dav}/files/alice/Briefs",
                "nextcloud_dav_root": nextcloud_server.dav, "chunk_bytes": 100_000,
                "chunk_threshold": 1}  # fmt: skip
    credentials = {"username": "alice", "password": "app-pass-123"}
    state: dict[str, Any] = {}
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 250_000:
            cancel.set()

    first = UploadContext.simple("nc", credentials=credentials, resume_state=state,
                                 save_resume_state=state.update, progress=progress,
                                 cancel_event=cancel)  # fmt: skip
    with pytest.raises(Cancelled):
        connector.upload(submission, settings, first)
    assert state["chunks"] == 2
    connector.upload(submission, settings, UploadContext.simple(
        "nc", credentials=credentials, resume_state=state))  # fmt: skip
    # 2 finished + the remaining 3, plus the cancelled third if its PUT had started by the time
    # the cancel flag was seen (a race by nature); the 2 finished chunks are never sent again.
    assert nextcloud_server.chunk_puts in (5, 6)
    stored = tmp_path / "nextcloud" / "files" / "alice" / "Briefs" / submission.file_name
    assert stored.read_bytes() == submission.path.read_bytes()
    assert nextcloud_server.moves[submission.file_name] == 1


def test_printify_429_carries_retry_after_and_body_is_short_and_redacted(
    load: Any, make_package: Any, printify_server: Any
) -> None:
    connector, _ = load("printify")
    token = printify_server.token
    printify_server.faults.append((429, {"Retry-After": "30"}, b"slow down " * 100 + b"{auth}"))
    context = UploadContext.simple(credentials={"token": token})
    with pytest.raises(RateLimited) as caught:
        connector.upload(make_package(5000), {"base_url": printify_server.url}, context)
    assert caught.value.retry_after == 30
    assert token not in caught.value.message and len(caught.value.message) < 300


def test_printify_wrong_token_is_auth_required(load: Any, make_package: Any,
                                               printify_server: Any) -> None:  # fmt: skip
    connector, _ = load("printify")
    context = UploadContext.simple(credentials={"token": "wrong-token-value"})
    with pytest.raises(AuthRequired):
        connector.upload(make_package(5000), {"base_url": printify_server.url}, context)


def test_printify_body_is_valid_base64_json(load: Any, make_package: Any,
                                            printify_server: Any) -> None:  # fmt: skip
    connector, _ = load("printify")
    submission = make_package(70_001)
    context = UploadContext.simple(credentials={"token": printify_server.token})
    result = connector.upload(submission, {"base_url": printify_server.url}, context)
    image = printify_server.images[-1]
    assert result.remote_id == image["id"]
    assert image["size"] == 70_001 - 98 - 2 * len("print.png")
