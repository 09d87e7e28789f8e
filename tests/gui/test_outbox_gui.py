"""The outbox dock against a real loopback tus server: a queued job is shown, uploads in the
worker thread with a progress bar, ends done with a clickable link; cancel and retry work; the
thread stops cleanly."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QProgressBar
from pytestqt.qtbot import QtBot

from studio.connectors import registry
from studio.connectors.credentials import MemoryStore
from studio.connectors.testkit import make_zip
from studio.gui import outbox_panel
from studio.gui.outbox_panel import PROGRESS_COLUMN, OutboxPanel
from studio.gui.outbox_runner import OutboxRunner
from studio.outbox.jobs import State
from studio.outbox.store import Store
from studio.outbox.submit import submit
from studio.outbox.worker import OFFLINE_ERROR

WAIT_MS = 10_000


@pytest.fixture
def setup(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[Store, OutboxRunner, OutboxPanel]]:
    store = Store(tmp_path / "outbox.sqlite3")
    entries = registry.discover(entry_points=False)
    runner = OutboxRunner(store, MemoryStore(), entries, use_network_information=False)
    panel = OutboxPanel(store, runner)
    qtbot.addWidget(panel)
    panel.resize(1000, 300)
    yield store, runner, panel
    runner.stop()
    assert not runner.running()


def _queue(store: Store, tmp_path: Path, server: Any, size: int = 4_000_000, **extra: Any) -> int:
    package = make_zip(tmp_path / f"entry-{size}.zip", size)
    settings = {"endpoint": f"{server.url}/files", **extra}
    entries = registry.discover(entry_points=False)
    return submit(store, package, "brief-portal", settings, time.time(), entries=entries)[0].id


def _row(panel: OutboxPanel, job_id: int) -> Any:
    panel.refresh()
    return next(r for r in panel.rows() if r.id == job_id)


def _cell(panel: OutboxPanel, job_id: int) -> Any:
    index = next(i for i, r in enumerate(panel.rows()) if r.id == job_id)
    return panel.table.cellWidget(index, PROGRESS_COLUMN)


def test_a_queued_job_uploads_and_shows_its_link(
    setup: Any, tmp_path: Path, tus_server: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, runner, panel = setup
    job_id = _queue(store, tmp_path, tus_server, 200_000)
    panel.refresh()
    assert _row(panel, job_id).label == "Queued"
    assert panel.header.text() == "Online · 1 waiting"
    assert panel.table.item(0, 0).text() == "entry-200000.zip"
    runner.start()
    qtbot.waitUntil(lambda: _row(panel, job_id).state == State.DONE, timeout=WAIT_MS)
    assert panel.header.text() == "Online · 0 waiting"
    link = _cell(panel, job_id)
    assert isinstance(link, QLabel) and 'href="http://127.0.0.1' in link.text()
    opened: list[str] = []

    class Desktop:
        @staticmethod
        def openUrl(url: Any) -> bool:
            opened.append(url.toString())
            return True

    monkeypatch.setattr(outbox_panel, "QDesktopServices", Desktop)
    link.linkActivated.emit(link.property("link"))
    panel.select_job(job_id)
    assert panel.open_button.isEnabled() and not panel.retry_button.isEnabled()
    panel.open_button.click()
    assert opened == [_row(panel, job_id).link] * 2
    assert tus_server.completed  # it really arrived


def test_cancel_mid_upload_then_retry_delivers(
    setup: Any, tmp_path: Path, tus_server: Any, qtbot: QtBot
) -> None:
    store, runner, panel = setup
    tus_server.throttle = 0.05  # 64 KiB per 50 ms: the upload lasts seconds
    job_id = _queue(store, tmp_path, tus_server, chunk_bytes=131_072)
    runner.start()

    def uploading_with_progress() -> bool:
        bar = _cell(panel, _row(panel, job_id).id)
        return isinstance(bar, QProgressBar) and bar.value() > 0

    qtbot.waitUntil(uploading_with_progress, timeout=WAIT_MS)
    assert "%" in _cell(panel, job_id).text()
    panel.select_job(job_id)
    assert panel.cancel_button.isEnabled() and not panel.open_button.isEnabled()
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: _row(panel, job_id).state == State.CANCELLED, timeout=WAIT_MS)
    assert not tus_server.completed
    tus_server.throttle = 0.0
    panel.select_job(job_id)
    assert panel.retry_button.isEnabled()
    panel.retry_button.click()
    qtbot.waitUntil(lambda: _row(panel, job_id).state == State.DONE, timeout=WAIT_MS)
    assert sum(tus_server.completed.values()) == 1


def test_a_failure_shows_its_error_and_the_network_return_wakes_the_worker(
    setup: Any, tmp_path: Path, tus_server: Any, qtbot: QtBot
) -> None:
    store, runner, panel = setup
    job_id = _queue(store, tmp_path, tus_server, 200_000)
    store.claim(job_id)
    store.defer(job_id, OFFLINE_ERROR, time.time() + 3600)
    panel.refresh()
    assert panel.header.text() == "Offline · 1 waiting"  # no network backend: inferred
    assert _row(panel, job_id).error.startswith("offline")
    runner.start()
    runner.set_online(False)
    qtbot.waitUntil(lambda: panel.header.text().startswith("Offline"), timeout=WAIT_MS)
    runner.set_online(True)  # what QNetworkInformation reports when the network is back
    qtbot.waitUntil(lambda: _row(panel, job_id).state == State.DONE, timeout=WAIT_MS)
    assert panel.header.text() == "Online · 0 waiting"


def test_stop_at_exit_defers_the_upload_in_flight(
    setup: Any, tmp_path: Path, tus_server: Any, qtbot: QtBot
) -> None:
    store, runner, panel = setup
    tus_server.throttle = 0.05
    job_id = _queue(store, tmp_path, tus_server, chunk_bytes=131_072)
    runner.start()
    qtbot.waitUntil(lambda: _row(panel, job_id).state == State.UPLOADING, timeout=WAIT_MS)
    runner.stop()
    assert not runner.running()
    job = store.get(job_id)
    assert job is not None and job.state == State.FAILED_RETRYABLE
    assert job.last_error == "interrupted; resuming" and job.resume_state
