"""The "New brief" window: editing a field updates problems and preview; Try it emits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from studio.brands.draft import BriefDraft
from studio.brief import Brief, load_brief
from studio.gui.brief_editor import BriefEditor


def _line(editor: BriefEditor, path: str) -> QLineEdit:
    widget = editor.fields[path]
    assert isinstance(widget, QLineEdit)
    return widget


def test_a_bad_length_is_named_and_blocks_try_it(qtbot: QtBot) -> None:
    editor = BriefEditor(BriefDraft.new("tshirt", "acme.tee"))
    qtbot.addWidget(editor)
    assert editor.try_button.isEnabled() and not editor.preview.pixmap().isNull()
    width = _line(editor, "canvas.width")
    width.selectAll()
    qtbot.keyClicks(width, "wide")
    editor.refresh()
    texts = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert any(t.startswith("canvas.width:") for t in texts)
    assert not editor.try_button.isEnabled()


def test_try_it_emits_the_draft(qtbot: QtBot) -> None:
    editor = BriefEditor(BriefDraft.new("ad", "acme.banner"))
    qtbot.addWidget(editor)
    title = _line(editor, "title")
    title.selectAll()
    qtbot.keyClicks(title, "Spring banner")
    with qtbot.waitSignal(editor.tryIt) as blocker:
        editor.try_button.click()
    brief = blocker.args[0]
    assert isinstance(brief, Brief) and brief.title == "Spring banner"


def test_close_palette_inks_are_warned(qtbot: QtBot) -> None:
    editor = BriefEditor(BriefDraft.new())
    qtbot.addWidget(editor)
    editor.add_ink("Red", "#d62839")
    editor.add_ink("Also red", "#d8293a")
    assert "ΔE" in editor.delta_label.text() and "Also red" in editor.delta_label.text()
    assert editor.palette_table.rowCount() == 2


def test_screenshot_of_the_sample_brief(
    qtbot: QtBot, fraise_brief_path: Path, tmp_path: Path
) -> None:
    draft = BriefDraft.from_brief(load_brief(fraise_brief_path))
    draft.set_palette([*draft.palette(), {"name": "Tomato", "color": "#d8293b"}])
    editor = BriefEditor(draft)
    qtbot.addWidget(editor)
    editor.resize(1100, 860)
    editor.show()
    qtbot.waitExposed(editor)
    shot = tmp_path / "brief-editor.png"
    assert "Tomato" in editor.delta_label.text()
    assert editor.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
    import os

    if os.environ.get("MOTIF_SCREENSHOT_DIR"):
        editor.grab().save(str(Path(os.environ["MOTIF_SCREENSHOT_DIR"]) / "brief-editor.png"))
