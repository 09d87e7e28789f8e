"""The Checks dock as a user meets it: problems appear while editing, a click shows where,
a fix is one undo step, the badge follows, and the check never runs on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.checks.live import CheckSession
from studio.document.model import Rect, Style
from studio.document.ops import element_box
from tests.gui.conftest import drag

WAIT_MS = 60_000  # the first check renders the whole canvas: seconds on a busy 2-core box
OFF_PALETTE = "#3366ff"


def _cards(win, rule: str):
    return [c for c in win.checks_panel.cards if c.finding.rule == rule]


def _settled(win) -> bool:
    runner = win.checks_panel.runner
    return runner.report is not None and not runner.busy


def _open_with_blue_rect(qtbot, win, brief_path: Path) -> Rect:
    win.open_path(brief_path)
    qtbot.waitUntil(lambda: _settled(win), timeout=WAIT_MS)
    assert win.checks_badge.text() == "Ready to submit"  # the brief's own start passes
    rect = Rect(x=60, y=60, width=100, height=80, style=Style(fill=OFF_PALETTE))
    win.ctrl.add([rect])
    qtbot.waitUntil(lambda: bool(_cards(win, "inks.palette")), timeout=WAIT_MS)
    return rect


def test_a_problem_appears_is_shown_on_the_canvas_and_fixed_in_one_undo_step(
    qtbot, window, fraise_brief_path: Path
) -> None:
    rect = _open_with_blue_rect(qtbot, window, fraise_brief_path)
    panel = window.checks_panel
    assert panel.runner.worker_thread not in ("", threading.main_thread().name)
    header = panel.headers[0]
    assert header.accessibleName().startswith("Errors (")
    card = _cards(window, "inks.palette")[0]
    assert OFF_PALETTE in card.label.text() and "Rule: inks.palette" in card.toolTip()
    assert window.checks_badge.text() == "1 problem"
    assert window.checks_badge.property("tone") == "problem"

    window.ctrl.select([])
    QTest.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.ctrl.selection == [rect.id]
    box = panel.highlight
    assert box is not None and box.scene() is window.scene
    r = box.rect()
    assert r.contains(60.5, 60.5) and r.contains(159.5, 139.5) and r.width() < 110

    steps = window.ctrl.stack.count()
    assert card.fix_button is not None and card.fix_button.text() == "Use Strawberry red"
    QTest.mouseClick(card.fix_button, Qt.MouseButton.LeftButton)
    assert rect.style.fill == "#d62839"
    assert window.ctrl.stack.count() == steps + 1
    qtbot.waitUntil(
        lambda: _settled(window) and not _cards(window, "inks.palette"), timeout=WAIT_MS
    )
    assert window.checks_badge.text() == "Ready to submit"
    assert window.checks_badge.property("tone") == "ok"

    window.acts["undo"].trigger()
    assert rect.style.fill == OFF_PALETTE and window.ctrl.stack.index() == steps
    qtbot.waitUntil(lambda: bool(_cards(window, "inks.palette")), timeout=WAIT_MS)
    window.acts["redo"].trigger()
    assert rect.style.fill == "#d62839"


def test_the_highlight_goes_when_the_selection_moves_on(qtbot, window, fraise_brief_path) -> None:
    _open_with_blue_rect(qtbot, window, fraise_brief_path)
    panel = window.checks_panel
    panel.choose(_cards(window, "inks.palette")[0].finding)
    assert panel.highlight is not None
    window.ctrl.select([window.ctrl.doc.layer("Brand").elements[0].id])
    assert panel.highlight is None
    assert not [i for i in window.scene.items() if i.zValue() == 9_000]


def test_badge_click_brings_the_checks_dock_forward(qtbot, window, fraise_brief_path) -> None:
    assert not window.checks_badge.isVisible()  # the welcome page: nothing to check
    _open_with_blue_rect(qtbot, window, fraise_brief_path)
    assert window.checks_badge.isVisible()
    window.docks["Brief"].raise_()
    qtbot.waitUntil(lambda: window.checks_panel.visibleRegion().isEmpty())
    QTest.mouseClick(window.checks_badge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.checks_panel.visibleRegion().isEmpty())


def test_editing_goes_on_while_a_check_runs_and_its_stale_result_is_dropped(
    qtbot, window, fraise_brief_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rect = _open_with_blue_rect(qtbot, window, fraise_brief_path)
    real_update = CheckSession.update
    entered, release = threading.Event(), threading.Event()
    threads: list[str] = []

    def slow_update(self, source):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        entered.set()
        assert release.wait(30), "the test never released the check"
        return real_update(self, source)

    monkeypatch.setattr(CheckSession, "update", slow_update)
    shown = []
    window.checks_panel.runner.report_ready.connect(lambda r: shown.append(r))
    window.ctrl.select([rect.id])
    window.ctrl.move_selection(5, 0)  # an edit: a check starts on the worker and hangs
    qtbot.waitUntil(entered.is_set, timeout=WAIT_MS)
    # While it hangs, the GUI still takes edits: recolour (as the user would) and nudge.
    window.ctrl.set_style("fill", "#2a7f3f")
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    x = element_box(window.ctrl.doc, rect.id).x
    drag(qtbot, window, (110, 100), (130, 110))
    assert element_box(window.ctrl.doc, rect.id).x == pytest.approx(x + 20, abs=1)
    assert rect.style.fill == "#2a7f3f" and window.checks_panel.runner.busy
    release.set()
    qtbot.waitUntil(lambda: _settled(window) and bool(shown), timeout=WAIT_MS)
    assert threading.main_thread().name not in threads and len(threads) == 2
    # The result of the hung check (blue rectangle) was never shown, only the fresh one.
    assert all("inks.palette" not in [f.rule for f in r.findings] for r in shown)
    assert not _cards(window, "inks.palette")
