"""Starting on a design: the first frame comes before the heavy work (the brief's search and
signature check, its Markdown, the checks engine), which then arrives and leaves the window as
it always looked; ``--screenshot`` waits for it and for the first check's result.

The speed itself is measured by ``bench/bench_startup.py``; these tests catch, without timing
anything, a change that brings a heavy module back before the first frame."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]

# Made lazy for the first frame; each costs tens of milliseconds to import.
HEAVY = (
    "jsonschema",  # brief validation
    "cryptography",  # brief signatures
    "markdown",  # the brief panel's text
    "babel.dates",  # the brief's deadline
    "studio.brands.locate",
    "studio.brands.opening",
    "studio.brands.cache",
    "studio.brands.diff",
    "studio.gui.brief_update",
    "studio.checks.live",  # the checks engine (numpy, the renderer)
    "numpy",
    "concurrent.futures",  # the checks' worker
    "studio.connectors.credentials",  # the outbox (keyring, QtNetwork)
    "studio.outbox.store",
    "studio.gui.export_dialog",
    "studio.gui.package_dialog",
    "uuid",  # imports platform
    "studio.thumbnails",  # the welcome page's content, which a design opened at start hides
    "studio.recent",
)

PROBE = """
import argparse, json, sys, threading
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

HEAVY = {heavy!r}
state = {{}}

def snapshot(window):
    return {{
        "heavy": [m for m in HEAVY if m in sys.modules],
        "threads": [t.name for t in threading.enumerate()],
        "brief_pending": window.ctrl.brief_pending,
        "has_brief": window.ctrl.brief is not None,
        "badge": window.checks_badge.text(),
        "panel": window.brief_panel.toPlainText(),
    }}

class FirstFrame(QObject):  # as in bench/bench_startup.py: the window's first UpdateRequest
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.UpdateRequest:
            obj.removeEventFilter(self)
            obj.event(event)
            state["first"] = snapshot(obj)
            return True
        return False

from studio.gui.app import application, make_window
app = application()
args = argparse.Namespace(design={design!r}, open_brief=None, screenshot="x")
window = make_window(args)
window.resize(1400, 880)
frame = FirstFrame()
window.installEventFilter(frame)
window.show()
loop = QEventLoop()
window.ctrl.brief_changed.connect(loop.quit)
QTimer.singleShot(60_000, loop.quit)  # bounds a failure; the brief comes in milliseconds
loop.exec()
state["later"] = snapshot(window)
window.checks_panel.shutdown()
window.ctrl.stack.setClean()
print("STATE", json.dumps(state))
"""


def _start(design: Path) -> dict:
    code = PROBE.format(heavy=HEAVY, design=str(design))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("STATE "))
    return json.loads(line.removeprefix("STATE "))


def test_the_first_frame_comes_before_the_heavy_modules_and_the_checks(
    fraise_design_path: Path,
) -> None:
    state = _start(fraise_design_path)
    first, later = state["first"], state["later"]
    assert first["heavy"] == []
    assert first["threads"] == ["MainThread"]  # no check competes with the first frame
    assert first["brief_pending"] and not first["has_brief"]
    assert first["badge"] == "Checking…"  # not "No brief": the brief is on its way
    assert "Looking for the brief" in first["panel"]
    # Then the deferred work brings the brief (and the probe does see those modules).
    assert later["has_brief"] and not later["brief_pending"]
    assert "Fraise Club summer tee contest" in later["panel"]
    assert {"jsonschema", "studio.brands.locate", "markdown"} <= set(later["heavy"])


def _start_in_process(design: Path):
    from studio.gui.app import application, make_window

    application()
    args = argparse.Namespace(design=str(design), open_brief=None, screenshot="x")
    window = make_window(args)
    window.resize(1200, 800)
    window.show()
    return window


def _close(window) -> None:
    window.ctrl.stack.setClean()
    window.ctrl.recovered = False
    assert window.close()
    window.deleteLater()


def test_the_brief_found_after_the_first_frame_looks_as_if_it_came_with_the_design(
    qtbot, fraise_design_path: Path
) -> None:
    window = _start_in_process(fraise_design_path)
    try:
        assert window.ctrl.brief_pending
        with qtbot.waitSignal(window.ctrl.brief_changed, timeout=60_000):
            pass
        brief = window.ctrl.brief
        assert brief is not None and brief.id == "fraise-club.summer-tee"
        assert "Fraise Club summer tee contest" in window.brief_panel.toPlainText()
        assert window.brief_panel.signature_text  # the signature line came with it
        assert window.garment_action.isVisible() and window.garment_box.count() > 0
        assert window.ctrl.fill == brief.inks.palette[0].color  # as a design opened with it
        assert window.checks_panel.runner.brief is brief  # the checks run against it
        # Finding the brief is not an edit: nothing to undo, nothing unsaved.
        assert window.ctrl.stack.count() == 0 and not window.ctrl.dirty
    finally:
        _close(window)


def test_opening_another_design_meanwhile_is_not_given_the_first_ones_brief(
    qtbot, fraise_design_path: Path, tmp_path: Path
) -> None:
    from studio.document.fileio import save_document
    from studio.document.model import Document, Layer
    from studio.gui import deferred

    lone = tmp_path / "lone.motif.svg"
    doc = Document(width=100, height=100)
    doc.layers.append(Layer("Artwork"))
    save_document(doc, lone)
    window = _start_in_process(fraise_design_path)
    try:
        assert window.open_path(lone)
        deferred.run_pending()  # the first design's search for its brief, scheduled at start
        QApplication.processEvents()
        assert window.ctrl.brief is None and not window.ctrl.brief_pending
        assert window.checks_badge.text() == "No brief"
        assert window.ctrl.path == lone
    finally:
        _close(window)


def test_the_screenshot_waits_for_the_first_check_result(
    fraise_design_path: Path, tmp_path: Path, qapp, monkeypatch
) -> None:
    from studio.gui.app import run
    from studio.gui.mainwindow import MainWindow

    seen: dict[str, str] = {}
    grab = QWidget.grab

    def grab_and_note(self, *args):
        seen["badge"] = self.checks_badge.text()
        seen["tone"] = self.checks_badge.property("tone")
        seen["panel"] = self.brief_panel.toPlainText()
        return grab(self, *args)

    monkeypatch.setattr(MainWindow, "grab", grab_and_note)
    out = tmp_path / "shot.png"
    args = argparse.Namespace(design=str(fraise_design_path), open_brief=None, screenshot=str(out))
    assert run(args) == 0 and out.is_file()
    assert seen["badge"] == "Ready to submit" and seen["tone"] == "ok"
    assert "Fraise Club summer tee contest" in seen["panel"]


def test_waiting_for_a_check_that_never_reports_ends_at_its_bound(
    qtbot, fraise_design_path: Path, monkeypatch
) -> None:
    from studio.gui import deferred
    from studio.gui.app import wait_for_first_check
    from studio.gui.checks_runner import CheckRunner

    monkeypatch.setattr(CheckRunner, "_start", lambda self: None)  # the check hangs
    window = _start_in_process(fraise_design_path)
    try:
        deferred.run_pending()
        qtbot.waitUntil(lambda: not window.ctrl.brief_pending, timeout=60_000)
        assert not wait_for_first_check(window, timeout_ms=0)
        assert window.checks_badge.text() == "Checking…"
    finally:
        _close(window)


def test_the_screenshot_of_the_welcome_page_waits_for_the_sample_pictures(
    tmp_path: Path, qapp, monkeypatch
) -> None:
    from studio.gui import welcome
    from studio.gui.app import run
    from studio.gui.mainwindow import MainWindow

    # More cards than the few turns of the event loop the screenshot takes anyway.
    paths = welcome.sample_paths() * 4
    monkeypatch.setattr(welcome, "sample_paths", lambda: paths)
    seen: dict[str, bool] = {}
    grab = QWidget.grab

    def grab_and_note(self, *args):
        seen["welcome"] = self.stack.currentWidget() is self.welcome
        seen["pictures"] = self.welcome.thumbnails_ready
        return grab(self, *args)

    monkeypatch.setattr(MainWindow, "grab", grab_and_note)
    args = argparse.Namespace(design=None, open_brief=None, screenshot=str(tmp_path / "w.png"))
    assert run(args) == 0
    assert seen == {"welcome": True, "pictures": True}
