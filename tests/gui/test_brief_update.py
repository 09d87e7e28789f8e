"""Briefs that change: the diff dialog, "Use the new version" as an undoable step, and designs
opened on their own finding their brief."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from brief_helpers import Answers, new_version
from PySide6.QtWidgets import QDialog

from studio.brands.cache import remember_brief
from studio.brief import load_brief
from studio.gui.brief_update import BriefUpdateDialog


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[BriefUpdateDialog]:
    """The update dialogs shown, each answered "Use the new version"."""
    seen: list[BriefUpdateDialog] = []

    def accept(self: BriefUpdateDialog) -> int:
        seen.append(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BriefUpdateDialog, "exec", accept)
    return seen


def _copy_design(source: Path, folder: Path) -> Path:
    """The sample design in ``folder``, with its brief's folder (brief.json and assets)."""
    shutil.copytree(source.parent, folder, dirs_exist_ok=True)
    return folder / source.name


def test_a_lone_design_shows_its_brief(window, tmp_path: Path, fraise_design_path: Path):
    (tmp_path / "alone").mkdir()
    design = Path(shutil.copy(fraise_design_path, tmp_path / "alone" / "mine.motif.svg"))
    assert window.open_path(design)  # no brief next to it: found among the bundled samples
    assert window.ctrl.brief is not None and window.ctrl.brief.id == "fraise-club.summer-tee"
    assert "Fraise Club summer tee contest" in window.brief_panel.toPlainText()


def test_older_brief_version_offers_the_diff_and_undo_restores(
    window, dialogs, tmp_path: Path, fraise_design_path: Path, fraise_brief_path: Path
):
    remember_brief(load_brief(fraise_brief_path))  # the copy kept when the design was made
    folder = tmp_path / "work"
    design = _copy_design(fraise_design_path, folder)
    new_version(fraise_brief_path, folder / "v2.brief.json", version=2, title="Summer tee v2")
    assert window.open_path(design)
    assert len(dialogs) == 1
    changes = [dialogs[0].changes.item(i).text() for i in range(dialogs[0].changes.count())]
    assert any("Summer tee v2" in text for text in changes)
    assert "version 1 → version 2" in dialogs[0].headline.text()
    doc = window.ctrl.doc
    assert doc.brief.version == 2 and window.ctrl.brief.version == 2
    assert "Summer tee v2" in window.brief_panel.toPlainText()
    assert window.ctrl.dirty  # the link change is an edit to save
    window.ctrl.stack.undo()
    assert doc.brief.version == 1 and window.ctrl.brief.version == 1
    assert "Summer tee v2" not in window.brief_panel.toPlainText()


def test_opening_a_new_version_while_its_design_is_open(
    window, dialogs, monkeypatch, tmp_path: Path, fraise_brief_path: Path
):
    Answers(monkeypatch)
    assert window.open_path(fraise_brief_path)  # a new design from version 1
    assert dialogs == []
    folder = tmp_path / "brand"
    shutil.copytree(fraise_brief_path.parent, folder)
    v2 = new_version(fraise_brief_path, folder / "v2.brief.json", version=2, title="Summer v2")
    design_doc = window.ctrl.doc
    assert window.open_path(v2)
    assert len(dialogs) == 1 and dialogs[0].new_button is not None
    assert window.ctrl.doc is design_doc  # the same design, now answering version 2
    assert design_doc.brief.version == 2


def test_keeping_the_old_version_changes_nothing(
    window, monkeypatch, tmp_path: Path, fraise_design_path: Path, fraise_brief_path: Path
):
    monkeypatch.setattr(BriefUpdateDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    folder = tmp_path / "work"
    design = _copy_design(fraise_design_path, folder)
    new_version(fraise_brief_path, folder / "v2.brief.json", version=2)
    assert window.open_path(design)
    assert window.ctrl.doc.brief.version == 1 and not window.ctrl.dirty


def test_the_dialog_says_when_the_old_version_is_unknown(tmp_path: Path, fraise_brief_path, qtbot):
    from studio.brands.diff import BriefUpdate

    dialog = BriefUpdateDialog(BriefUpdate("x.y", 1, 2, "", "", (), False))
    qtbot.addWidget(dialog)
    assert dialog.changes.isHidden()
    assert dialog.use_button.text() == "Use the new version"


def test_try_it_in_the_brief_editor_opens_a_design(window, qtbot):
    window.acts["new_brief"].trigger()
    editor = window.briefs.editor
    assert editor is not None and editor.isVisible()
    with qtbot.waitSignal(editor.tryIt):
        editor.try_button.click()
    assert window.ctrl.has_document and window.ctrl.brief is not None
    assert "Draft brief" in window.brief_panel.signature_text
    editor.close()
