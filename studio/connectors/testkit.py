"""Conformance kit for connector authors, shipped as a pytest plugin.

Subclass :class:`ConnectorConformance` in your tests and provide a ``conformance_target``
fixture returning a :class:`Target` (your connector, settings, a real or fake server's
delivery count and a way to make its next reply fail). The inherited tests check what the
outbox relies on: a valid manifest, monotonic progress, cancel within 2 s *during* a file, an
idempotent re-run, 401/429/5xx mapped to the typed errors, and no secret in logs or messages.
The plugin also provides ``make_package``, a factory of zip packages of an exact size.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from studio.connectors.api import (
    AuthRequired,
    Cancelled,
    Connector,
    ConnectorError,
    RateLimited,
    ServerError,
    Submission,
    UploadContext,
    UploadResult,
)
from studio.connectors.manifest import Manifest, read_manifest

PNG_HEAD = b"\x89PNG\r\n\x1a\n"


def make_zip(path: Path, size: int, entry: str = "print.png", seed: bytes = b"") -> Path:
    """Write a zip of exactly ``size`` bytes: one stored entry of pseudo-random bytes."""
    overhead = 30 + 46 + 22 + 2 * len(entry.encode())
    payload = size - overhead
    if payload < len(PNG_HEAD):
        raise ValueError(f"a zip needs at least {overhead + len(PNG_HEAD)} bytes")
    info = zipfile.ZipInfo(entry, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w") as archive, archive.open(info, "w") as out:
        out.write(PNG_HEAD + seed[: payload - len(PNG_HEAD)])
        left = payload - len(PNG_HEAD) - len(seed[: payload - len(PNG_HEAD)])
        while left > 0:
            block = os.urandom(min(left, 1 << 20))
            out.write(block)
            left -= len(block)
    actual = path.stat().st_size
    if actual != size:
        raise AssertionError(f"make_zip wrote {actual} bytes, not {size}")
    return path


@pytest.fixture
def make_package(tmp_path: Path) -> Callable[..., Submission]:
    """``make_package(size, name="package.zip")`` -> a Submission of a fresh zip."""
    counter = iter(range(1_000_000))

    def make(size: int, name: str | None = None) -> Submission:
        path = tmp_path / (name or f"package-{next(counter)}.zip")
        make_zip(path, size)
        return Submission.from_package(path, "brief-1", "3")

    return make


@dataclass
class Target:
    """What the kit needs to drive one connector against one server."""

    connector: Connector
    manifest: Manifest
    settings: dict[str, Any]
    make_submission: Callable[[int], Submission]
    arrivals: Callable[[Submission], int]
    credentials: dict[str, str] = field(default_factory=dict)
    fail_next: Callable[[int, dict[str, str], bytes], None] | None = None
    """Make the server answer the next request with (status, headers, body); ``{auth}`` in the
    body is replaced by the request's Authorization header, to test redaction."""
    size: int = 256 * 1024
    cancel_size: int = 8 * 1024 * 1024


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))


def context_for(target: Target, key: str, **kwargs: Any) -> UploadContext:
    return UploadContext.simple(key, credentials=target.credentials, **kwargs)


class ConnectorConformance:
    """Inherit from this in a test module; define the ``conformance_target`` fixture."""

    def test_manifest_is_valid(self, conformance_target: Target) -> None:
        manifest = conformance_target.manifest
        if manifest.source:
            assert read_manifest(Path(manifest.source)) == manifest
        assert manifest.supports_api()
        assert manifest.settings_problems(conformance_target.settings) == []

    def test_precheck_accepts_a_small_package(self, conformance_target: Target) -> None:
        submission = conformance_target.make_submission(conformance_target.size)
        problems = conformance_target.connector.precheck(submission, conformance_target.settings)
        assert problems == []

    def test_progress_is_monotonic_and_complete(self, conformance_target: Target) -> None:
        submission = conformance_target.make_submission(conformance_target.size)
        recorder = Recorder()
        context = context_for(conformance_target, "progress", progress=recorder)
        result = conformance_target.connector.upload(
            submission, conformance_target.settings, context
        )
        assert isinstance(result, UploadResult) and result.remote_id
        done = [d for d, _ in recorder.calls]
        assert done == sorted(done), "progress went backwards"
        assert recorder.calls and recorder.calls[-1][0] == recorder.calls[-1][1]

    def test_cancel_is_honoured_within_2_seconds(self, conformance_target: Target) -> None:
        submission = conformance_target.make_submission(conformance_target.cancel_size)
        cancelled_at: list[float] = []
        cancel = threading.Event()

        def progress(done: int, total: int) -> None:
            if done > 0 and not cancel.is_set():
                cancel.set()
                cancelled_at.append(time.monotonic())

        context = context_for(conformance_target, "cancel", progress=progress, cancel_event=cancel)
        with pytest.raises(Cancelled):
            conformance_target.connector.upload(submission, conformance_target.settings, context)
        assert cancelled_at, "no progress was reported before the upload ended"
        assert time.monotonic() - cancelled_at[0] < 2.0
        assert conformance_target.arrivals(submission) == 0

    def test_rerun_is_idempotent(self, conformance_target: Target) -> None:
        submission = conformance_target.make_submission(conformance_target.size)
        state: dict[str, Any] = {}
        for _ in range(2):
            context = context_for(conformance_target, "rerun", resume_state=state,
                                  save_resume_state=state.update)  # fmt: skip
            conformance_target.connector.upload(submission, conformance_target.settings, context)
        assert conformance_target.arrivals(submission) == 1

    @pytest.mark.parametrize(
        ("status", "headers", "error"),
        [(401, {}, AuthRequired), (429, {"Retry-After": "7"}, RateLimited), (503, {}, ServerError)],
    )
    def test_http_errors_are_typed(
        self, conformance_target: Target, status: int, headers: dict[str, str],
        error: type[ConnectorError],
    ) -> None:  # fmt: skip
        if conformance_target.fail_next is None:
            pytest.skip("this connector makes no HTTP requests")
        submission = conformance_target.make_submission(conformance_target.size)
        conformance_target.fail_next(status, headers, b"error")
        with pytest.raises(error) as caught:
            conformance_target.connector.upload(
                submission, conformance_target.settings, context_for(conformance_target, "err")
            )
        if isinstance(caught.value, RateLimited):
            assert caught.value.retry_after == 7

    def test_no_secret_in_logs_or_errors(
        self, conformance_target: Target, caplog: pytest.LogCaptureFixture
    ) -> None:
        secrets = [s for k, s in conformance_target.credentials.items() if k != "username"]
        if conformance_target.fail_next is None or not secrets:
            pytest.skip("no secrets or no HTTP requests")
        caplog.set_level(logging.DEBUG)
        submission = conformance_target.make_submission(conformance_target.size)
        conformance_target.fail_next(401, {}, b"bad credentials: {auth}")
        context = context_for(conformance_target, "secret")
        with pytest.raises(ConnectorError) as caught:
            conformance_target.connector.upload(submission, conformance_target.settings, context)
        context.log.error("upload failed: %s", caught.value)
        shown = caplog.text + str(caught.value)
        for secret in secrets:
            assert secret not in shown
