"""Never losing work, for real: a second process of the app edits a design, autosaves, and is
killed (SIGKILL: no clean-up runs); the next start offers its work back, while a session that
is still running keeps its own."""

from __future__ import annotations

import selectors
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from studio.document.model import Rect
from studio.gui import recovery

CHILD = r"""
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from studio.document.model import Rect, Style
from studio.gui.app import application
from studio.gui.mainwindow import MainWindow

app = application()
QCoreApplication.setOrganizationName(sys.argv[2])  # the test's, so the same recovery folder
QCoreApplication.setApplicationName(sys.argv[3])
window = MainWindow()
window.show()
window.open_path(sys.argv[1])
window.autosaver.idle.setInterval(10)
window.ctrl.add([Rect(x=10, y=10, width=42, height=17, style=Style(fill="#d62839"))], "Add")


def poll():
    if window.autosaver.design.exists():
        print("autosaved", flush=True)
    else:
        QTimer.singleShot(10, poll)


poll()
app.exec()
"""


def _wait_for_line(proc: subprocess.Popen, expected: str, timeout_s: float = 60) -> None:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while sel.select(timeout_s):
            line = proc.stdout.readline()
            if not line or line.strip() == expected:
                break
    assert line.strip() == expected, f"the child said {line!r}; stderr: {proc.stderr}"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_work_of_a_killed_session_is_offered_but_not_that_of_a_live_one(
    window, fraise_brief_path: Path, monkeypatch, tmp_path: Path
) -> None:
    names = [QCoreApplication.organizationName(), QCoreApplication.applicationName()]
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(fraise_brief_path), *names],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
    )
    try:
        _wait_for_line(proc, "autosaved")
        assert len(list(recovery.recovery_dir().glob("session-*.svg"))) == 1
        assert recovery.pending() == []  # it still runs: its work is its own
        proc.kill()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.offer_recovery()
    rects = [e for e in window.ctrl.doc.walk() if isinstance(e, Rect)]
    assert any(abs(r.width - 42) < 1e-9 and abs(r.height - 17) < 1e-9 for r in rects)
    assert window.ctrl.dirty
    assert recovery.pending() == []  # taken over by this session, not offered twice
