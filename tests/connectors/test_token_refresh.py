"""The outbox keeps an OAuth 2 sign-in alive: expired tokens are refreshed before the upload, a
401 on a valid-looking token costs one refresh and a retry, a revoked refresh token asks the
user to sign in again, and no token reaches a log or the outbox database. A real loopback token
endpoint and upload endpoint; the clock is injected, nothing sleeps."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from servers.base import Handler, Server, running

from studio.connectors import registry, tokens
from studio.connectors.api import (
    Submission,
    UploadContext,
    UploadResult,
    network_errors,
    raise_for_status,
)
from studio.connectors.credentials import MemoryStore
from studio.connectors.manifest import parse_manifest
from studio.connectors.oauth import Tokens
from studio.connectors.testkit import make_zip
from studio.errors import InputError
from studio.outbox.backoff import FakeClock
from studio.outbox.jobs import State
from studio.outbox.store import Store
from studio.outbox.submit import submit
from studio.outbox.worker import Worker

OLD_ACCESS = "access-old-5f1c9e7d2b"
OLD_REFRESH = "refresh-old-8a3e6b0c4d"


class Platform(Server):
    """The platform: a token endpoint (refresh grant, rotating refresh tokens) and an upload
    endpoint that takes only a currently valid access token."""

    valid_access: set[str]
    valid_refresh: set[str]
    issued: list[str]
    refreshes: int
    uploads: list[str]


class PlatformHandler(Handler):
    server: Platform

    def do_POST(self) -> None:  # /token
        form = {k: v[0] for k, v in parse_qs(self.body().decode()).items()}
        platform = self.server
        assert self.path == "/token" and form["grant_type"] == "refresh_token"
        assert form["client_id"] == "motif-desktop"
        platform.refreshes += 1
        if form["refresh_token"] not in platform.valid_refresh:
            self.reply(400, b'{"error": "invalid_grant"}', {"Content-Type": "application/json"})
            return
        n = len(platform.issued) + 1
        access, refresh = f"access-new-{n}-0d9f8e7c6b", f"refresh-new-{n}-a1b2c3d4e5"
        platform.valid_refresh = {refresh}  # rotation: the old refresh token is spent
        platform.valid_access.add(access)
        platform.issued += [access, refresh]
        reply = {"access_token": access, "refresh_token": refresh, "expires_in": 3600}
        self.reply(200, json.dumps(reply).encode(), {"Content-Type": "application/json"})

    def do_PUT(self) -> None:  # /upload
        self.body()
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        self.server.uploads.append(token)
        if token not in self.server.valid_access:
            self.reply(401, b'{"error": "invalid_token"}')
            return
        self.reply(201, json.dumps({"id": f"r{len(self.server.uploads)}"}).encode())


@pytest.fixture
def platform() -> Iterator[Platform]:
    server = Platform(PlatformHandler)
    server.valid_access, server.valid_refresh = set(), {OLD_REFRESH}
    server.issued, server.refreshes, server.uploads = [], 0, []
    with running(server) as running_server:
        yield running_server


class BearerConnector:
    """A tiny OAuth connector: PUTs the package with the access token the host gives it."""

    def __init__(self, url: str) -> None:
        self.url = url

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Any]:
        return []

    def upload(self, submission: Submission, settings: dict[str, Any],
               context: UploadContext) -> UploadResult:  # fmt: skip
        token = context.credential("token")
        context.log.info("uploading with token %s", token)  # the context must redact this
        with network_errors():
            response = context.session.put(
                f"{self.url}/upload", data=b"zip", headers={"Authorization": f"Bearer {token}"}
            )
        raise_for_status(response, context.redactor)
        return UploadResult(response.json()["id"])


def _entry(platform: Platform) -> registry.Entry:
    manifest = parse_manifest({
        "id": "bearer", "name": "Tee Platform", "version": "1", "api": ">=1.0,<2",
        "python_name": "x:Y", "accepts": [{"format": "zip", "max_bytes": 10**9}],
        "auth": "oauth2", "settings": {"type": "object"},
        "oauth2": {"authorize_url": f"{platform.url}/authorize",
                   "token_url": f"{platform.url}/token", "client_id": "motif-desktop"},
    })  # fmt: skip
    return registry.Entry("bearer", "test", manifest, _loaded=BearerConnector(platform.url))


@pytest.fixture
def outbox(tmp_path: Path, platform: Platform) -> Any:
    """A worker on a fake clock with one queued job for the bearer connector."""
    clock = FakeClock()
    store = Store(tmp_path / "outbox.sqlite3")
    entries = [_entry(platform)]
    worker = Worker(store, clock=clock, credentials=MemoryStore(), entries=entries)
    job = submit(store, make_zip(tmp_path / "p.zip", 1000), "bearer", {}, clock.now(),
                 entries=entries)[0]  # fmt: skip

    def signed_in(expires_in: float) -> None:
        access = Tokens(OLD_ACCESS, OLD_REFRESH, clock.now() + expires_in)
        tokens.save_tokens(worker.credentials, "bearer", access)

    return worker, job.id, signed_in


@pytest.mark.parametrize("expires_in", [-10.0, 30.0])  # expired, and within a minute of it
def test_an_expiring_token_is_refreshed_before_the_upload(
    outbox: Any, platform: Platform, expires_in: float
) -> None:
    worker, job_id, signed_in = outbox
    signed_in(expires_in)
    worker.run_due()
    job = worker.store.get(job_id)
    assert job.state == State.DONE and job.attempts == 1
    assert platform.refreshes == 1 and platform.uploads == ["access-new-1-0d9f8e7c6b"]
    kept = tokens.load_tokens(worker.credentials, "bearer")
    assert kept == Tokens(
        "access-new-1-0d9f8e7c6b", "refresh-new-1-a1b2c3d4e5", worker.clock.now() + 3600
    )


def test_a_token_that_is_still_valid_is_used_without_refreshing(
    outbox: Any, platform: Platform
) -> None:
    worker, job_id, signed_in = outbox
    signed_in(3000)
    platform.valid_access.add(OLD_ACCESS)
    worker.run_due()
    assert worker.store.get(job_id).state == State.DONE
    assert platform.refreshes == 0 and platform.uploads == [OLD_ACCESS]


def test_a_refused_valid_looking_token_costs_one_refresh_and_a_retry(
    outbox: Any, platform: Platform, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    worker, job_id, signed_in = outbox
    signed_in(3000)  # looks valid for 50 minutes, but the platform revoked it
    with caplog.at_level(logging.DEBUG):
        worker.run_due()
    job = worker.store.get(job_id)
    assert job.state == State.DONE and job.attempts == 1 and job.remote_id == "r2"
    assert platform.refreshes == 1
    assert platform.uploads == [OLD_ACCESS, "access-new-1-0d9f8e7c6b"]
    assert "uploading with token ***" in caplog.text  # the log line is there, redacted
    secrets = [OLD_ACCESS, OLD_REFRESH, *platform.issued]
    _assert_nowhere(secrets, caplog.text, tmp_path)


def test_a_revoked_refresh_token_asks_to_sign_in_again_once(
    outbox: Any, platform: Platform, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    worker, job_id, signed_in = outbox
    signed_in(-10)
    platform.valid_refresh = set()  # the user revoked the app on the platform's site
    with caplog.at_level(logging.DEBUG):
        worker.run_due()
    job = worker.store.get(job_id)
    assert job.state == State.FAILED_PERMANENT
    assert job.last_error.startswith("AuthRequired: Sign in to Tee Platform again")
    assert "invalid_grant" in job.last_error
    assert platform.uploads == [] and platform.refreshes == 1
    worker.clock.advance(10 * 24 * 3600)
    assert worker.run_due() == 0 and platform.refreshes == 1  # not retried behind the user's back
    _assert_nowhere([OLD_ACCESS, OLD_REFRESH], caplog.text, tmp_path)


def test_a_401_after_a_refresh_is_refused_asks_to_sign_in_again(
    outbox: Any, platform: Platform
) -> None:
    worker, job_id, signed_in = outbox
    signed_in(3000)
    platform.valid_refresh = set()
    worker.run_due()
    job = worker.store.get(job_id)
    assert job.state == State.FAILED_PERMANENT and "Sign in to Tee Platform again" in (
        job.last_error
    )
    assert platform.uploads == [OLD_ACCESS] and platform.refreshes == 1


def test_not_signed_in_fails_without_a_request(outbox: Any, platform: Platform) -> None:
    worker, job_id, _ = outbox
    worker.run_due()
    job = worker.store.get(job_id)
    assert job.state == State.FAILED_PERMANENT and "Sign in to Tee Platform again" in (
        job.last_error
    )
    assert platform.requests == 0 and platform.uploads == []


def _assert_nowhere(secrets: list[str], log_text: str, root: Path) -> None:
    """No secret in the captured log nor in any of the outbox's SQLite files (db, -wal...)."""
    files = sorted(root.glob("outbox.sqlite3*"))
    assert files
    raw = b"".join(path.read_bytes() for path in files)
    for secret in secrets:
        assert secret not in log_text
        assert secret.encode() not in raw


def test_an_oauth2_manifest_must_say_where_its_token_endpoint_is() -> None:
    data = {
        "id": "nooauth", "name": "No OAuth", "version": "1", "api": ">=1.0,<2",
        "python_name": "x:Y", "accepts": [{"format": "zip", "max_bytes": 10}],
        "auth": "oauth2", "settings": {"type": "object"},
    }  # fmt: skip
    with pytest.raises(InputError, match="oauth2"):
        parse_manifest(data, "m.json")
