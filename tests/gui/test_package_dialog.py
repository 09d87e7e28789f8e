"""Prepare submission: refused without the licence accepted, refused for a failing design
unless the override is ticked (then recorded in the manifest), and, from the main window, the
package queued to the brief's folder target and shown done in the Outbox dock."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from studio.brief import load_brief
from studio.connectors import registry
from studio.connectors.credentials import MemoryStore
from studio.gui import worker
from studio.gui.outbox_runner import OutboxRunner
from studio.gui.package_dialog import PackageDialog
from studio.gui.settings_store import Store as SettingsStore
from studio.outbox.jobs import State
from studio.outbox.store import Store

WAIT_MS = 60_000
FAILING_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="304.8mm" height="406.4mm" '
    'viewBox="0 0 304.8 406.4"><rect x="20" y="20" width="200" height="200" fill="#0000ff"/>'
    "</svg>"
)


@pytest.fixture
def brief(fraise_brief_path: Path, tmp_path: Path) -> Any:
    """The sample tee brief at 30 dpi (fast), sending to a folder in the temporary home."""
    full = load_brief(fraise_brief_path)
    outputs = tuple(replace(o, dpi=30.0, width_px=360, height_px=480) for o in full.outputs)
    (tmp_path / "drop").mkdir()
    target = {"connector": "folder", "settings": {"folder": str(tmp_path / "drop")}}
    return replace(full, outputs=outputs, targets=(target,))


@pytest.fixture
def queue(tmp_path: Path) -> Iterator[tuple[Store, OutboxRunner]]:
    store = Store(tmp_path / "outbox.sqlite3")
    runner = OutboxRunner(store, MemoryStore(), registry.discover(entry_points=False),
                          use_network_information=False)  # fmt: skip
    yield store, runner
    runner.stop()


_open: list[Any] = []


@pytest.fixture(autouse=True)
def _close_dialogs(qtbot: QtBot):
    yield
    while _open:
        _open.pop().close()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)


def _dialog(qtbot: QtBot, design: Path, brief: Any, queue: Any) -> PackageDialog:
    entries = registry.discover(entry_points=False)
    dialog = PackageDialog(design, brief, lambda: queue, entries=entries)
    qtbot.addWidget(dialog)
    _open.append(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.check_passed is not None, timeout=WAIT_MS)
    return dialog


def test_refused_until_the_licence_is_accepted(
    qtbot: QtBot, tmp_path: Path, brief: Any, fraise_design_path: Path, queue: Any
) -> None:
    dialog = _dialog(qtbot, fraise_design_path, brief, queue)
    assert dialog.check_passed is True
    assert "exclusive right to print" in dialog.licence_view.toPlainText()
    dialog.name.setText("Ada Creator")
    dialog.file.setText(str(tmp_path / "entry.zip"))
    dialog.package_button.click()
    assert dialog.status.text() == "Accept the brief's licence to make the package."
    assert not dialog.busy() and not (tmp_path / "entry.zip").exists()
    assert not dialog.send_button.isEnabled()


def test_a_failing_design_needs_the_override_which_the_manifest_records(
    qtbot: QtBot, tmp_path: Path, brief: Any, queue: Any
) -> None:
    design = tmp_path / "failing.svg"
    design.write_text(FAILING_SVG)
    dialog = _dialog(qtbot, design, brief, queue)
    assert dialog.check_passed is False
    assert dialog.override_box.isVisible()
    assert "fails" in dialog.check_label.text()
    dialog.name.setText("Ada Creator")
    dialog.contact.setText("ada@example.org")
    dialog.accept_box.setChecked(True)
    target = tmp_path / "entry.zip"
    dialog.file.setText(str(target))
    dialog.package_button.click()
    assert dialog.status.text() == "The design fails its check: fix it, or tick the override."
    assert not target.exists()
    dialog.override_box.setChecked(True)
    dialog.package_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT_MS)
    assert dialog.status.text().endswith("(check override recorded)"), dialog.status.text()
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["override"] == {"used": True, "requested": True}
    assert manifest["check"]["passed"] is False
    assert manifest["creator"] == {"name": "Ada Creator", "contact": "ada@example.org"}
    assert manifest["licence"]["accepted"] is True


def test_the_package_file_goes_to_the_export_folder_setting_when_set(
    qtbot: QtBot, tmp_path: Path, brief: Any, fraise_design_path: Path, queue: Any
) -> None:
    design = tmp_path / "designs" / "tee.motif.svg"
    design.parent.mkdir()
    shutil.copy(fraise_design_path, design)
    assert _dialog(qtbot, design, brief, queue).file.text() == str(
        design.parent / f"tee-{brief.id}.zip"
    )  # unset: next to the design
    chosen = tmp_path / "submissions"
    SettingsStore().set("export/folder", str(chosen))  # as Preferences stores it
    dialog = _dialog(qtbot, design, brief, queue)
    assert dialog.file.text() == str(chosen / f"tee-{brief.id}.zip")


def test_from_the_window_the_package_is_sent_to_the_folder_and_shown_done(
    qtbot: QtBot, window: Any, tmp_path: Path, brief: Any, fraise_design_path: Path
) -> None:
    design = tmp_path / "design.motif.svg"
    shutil.copy(fraise_design_path, design)
    window.open_path(design)
    window.ctrl.brief = brief
    assert not window.delivery.outbox_dock.isVisible() and window.delivery.runner is None
    dialog = window.delivery.prepare_submission()
    _open.append(dialog)
    qtbot.waitUntil(lambda: dialog.check_passed is True, timeout=WAIT_MS)
    assert dialog.target_box.currentText() == "Folder"
    dialog.name.setText("Ada Creator")
    dialog.accept_box.setChecked(True)
    dialog.package_button.click()
    qtbot.waitUntil(lambda: dialog.package_path is not None, timeout=WAIT_MS)
    assert dialog.send_button.isEnabled()
    dialog.send_button.click()
    assert dialog.status.text().startswith("Queued in the outbox"), dialog.status.text()
    panel = window.delivery.outbox_dock.widget()
    assert window.delivery.outbox_dock.isVisible() and window.delivery.runner.running()

    def done() -> bool:
        panel.refresh()
        return [r.state for r in panel.rows()] == [State.DONE]

    qtbot.waitUntil(done, timeout=WAIT_MS)
    assert (tmp_path / "drop" / dialog.package_path.name).read_bytes() == (
        dialog.package_path.read_bytes()
    )
    from studio.outbox.cli import default_db

    assert default_db().is_relative_to(Path.home()) and default_db().exists()  # temporary home
