"""The welcome page: sample briefs as cards with pictures, recent files by title and folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from studio.samples import SAMPLES


def _texts(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_three_samples_are_cards_with_thumbnails(window, qtbot):
    window.show_welcome()
    cards = window.welcome.samples
    assert cards.count() == len(SAMPLES) == 3
    texts = _texts(cards)
    assert "Fraise Club summer tee contest\nFraise Club · T-shirt" in texts
    assert any(t.endswith("Velo Vert · Display ad") for t in texts)
    qtbot.waitUntil(lambda: window.welcome.thumbnails_ready, timeout=15000)
    for i in range(cards.count()):
        image = cards.item(i).icon().pixmap(160, 160).toImage()
        center = image.pixelColor(image.width() // 2, image.height() // 2)
        assert center.alpha() == 255, "the card still shows the empty placeholder"
        assert cards.item(i).data(Qt.ItemDataRole.AccessibleTextRole)


def test_enter_on_a_sample_opens_it(window, qtbot):
    window.show_welcome()
    cards = window.welcome.samples
    cards.setFocus()
    cards.setCurrentRow(2)
    qtbot.keyClick(cards, Qt.Key.Key_Return)
    assert window.ctrl.has_document and window.stack.currentIndex() == 1
    assert window.ctrl.brief.id.startswith("velo-vert") or "Velo" in window.ctrl.brief.title


def test_same_named_recent_designs_are_told_apart(window, tmp_path: Path, fraise_design_path):
    paths = []
    for folder in ("spring", "autumn"):
        (tmp_path / folder).mkdir()
        paths.append(str(shutil.copy(fraise_design_path, tmp_path / folder)))
    window.welcome.set_recent(paths, [])
    texts = _texts(window.welcome.recent_designs)
    assert len(texts) == 2 and texts[0] != texts[1]
    assert all(t.startswith("Fraise Club summer tee contest") for t in texts)
    assert "spring" in texts[0] and "autumn" in texts[1]
    stack = window.welcome.recent_designs.parentWidget()
    assert stack.currentWidget() is window.welcome.recent_designs


def test_empty_state_when_nothing_is_recent(window):
    window.welcome.set_recent([], [])
    stack = window.welcome.recent_briefs.parentWidget()
    assert stack.currentWidget() is window.welcome.briefs_empty
    assert "No recent briefs yet" in window.welcome.briefs_empty.text()


def test_double_click_on_a_recent_design_opens_it(window, qtbot, tmp_path, fraise_design_path):
    design = str(shutil.copy(fraise_design_path, tmp_path / "mine.motif.svg"))
    window.store.add_recent("recent/designs", design)
    window.show_welcome()
    recent = window.welcome.recent_designs
    qtbot.waitUntil(lambda: recent.isVisible() and recent.viewport().height() > 0)
    rect = recent.visualItemRect(recent.item(0))
    assert rect.isValid(), rect
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.ctrl.has_document and window.ctrl.path == Path(design).resolve()
