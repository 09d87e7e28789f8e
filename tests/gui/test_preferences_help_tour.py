"""The preferences dialog built from the settings table, the Help menu and the first-run tour,
used as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from studio import themes
from studio.gui.help_window import GuideDialog, ShortcutsDialog
from studio.gui.preferences import PreferencesDialog, run_migrations
from studio.gui.settings_store import Store
from studio.gui.tour import Tour, show_tour
from studio.settings import INTERNAL, SETTINGS


def _mnemonics(dialog) -> list[str]:
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)]
    return [t[t.index("&") + 1].lower() for t in texts if "&" in t]


def test_dialog_has_one_fitting_editor_per_setting_with_its_help(window, qtbot) -> None:
    dialog = PreferencesDialog(window.store, window)
    qtbot.addWidget(dialog)
    shown = [s for s in SETTINGS if s.key not in INTERNAL]
    assert set(dialog.editors) == {s.key for s in shown}
    kinds = {"ui/theme": QComboBox, "ui/language": QComboBox, "canvas/snap": QCheckBox,
             "recent/max": QSpinBox, "autosave/idle_s": QDoubleSpinBox}  # fmt: skip
    for key, kind in kinds.items():
        assert isinstance(dialog.editors[key], kind), key
    spin = dialog.editors["canvas/snap_px"]
    assert (spin.minimum(), spin.maximum()) == (1, 50)
    assert dialog.editors["canvas/snap"].toolTip().startswith("Snap to guides")
    folder = dialog.editors["export/folder"]
    assert folder.findChild(QLineEdit) is not None
    assert any(b.text() == "&Browse…" for b in folder.findChildren(type(dialog.restore)))
    language = dialog.editors["ui/language"]
    assert [language.itemText(i) for i in range(3)] == ["System", "English", "Français"]
    notes = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Takes effect when Motif Studio starts again." in notes  # the language needs it
    keys = _mnemonics(dialog)
    assert len(keys) >= 9 and len(keys) == len(set(keys)), keys  # Alt+key is unambiguous


def test_changes_are_stored_at_once_and_the_theme_applies(window, qtbot) -> None:
    dialog = PreferencesDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.editors["canvas/snap"].setChecked(False)
    dialog.editors["recent/max"].setValue(25)
    theme = dialog.editors["ui/theme"]
    theme.setCurrentIndex(theme.findData("dark"))
    fresh = Store()
    assert fresh.get("canvas/snap") is False and fresh.get("recent/max") == 25
    assert fresh.get("ui/theme") == "dark"
    window_color = QApplication.palette().color(QApplication.palette().ColorRole.Window).name()
    assert window_color == themes.DARK["window"]
    dialog.restore.click()
    assert Store().get("canvas/snap") is True and Store().get("ui/theme") == "system"
    assert dialog.editors["recent/max"].value() == 10
    assert (
        QApplication.palette().color(QApplication.palette().ColorRole.Window).name()
        != (themes.DARK["window"])
    )


def test_an_old_settings_file_is_migrated_when_the_app_starts(window) -> None:
    store = Store()
    store.qs.setValue("theme", "Dark")
    store.qs.setValue("autosave/interval_ms", 60000)
    store.qs.remove("settings/version")
    store.qs.sync()
    assert run_migrations(store)
    again = Store()
    assert again.get("ui/theme") == "dark" and again.get("autosave/interval_s") == 60
    assert not again.qs.contains("theme")
    assert run_migrations(again) == []


def test_preferences_is_in_the_edit_menu_with_the_standard_key(window) -> None:
    action = window.acts["preferences"]
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Preferences) or (
        QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences) == []
    )
    action.trigger()
    dialog = window.preferences_dialog
    assert isinstance(dialog, PreferencesDialog) and dialog.isVisible()
    dialog.close()


def test_user_guide_follows_links_between_pages(window, qtbot) -> None:
    window.acts["guide"].trigger()
    guide = window.guide_dialog
    assert isinstance(guide, GuideDialog) and guide.isVisible()
    assert guide.page == "README"
    guide.follow(QUrl("creators.md"))
    assert guide.page == "creators"
    assert guide.browser.toPlainText().strip()
    guide.follow(QUrl("pictures/shot.png"))  # not a page: stays
    assert guide.page == "creators"
    guide.show_page("README")
    guide.follow(QUrl("fr/README.md"))  # "En français" on the English index
    assert (guide.page, guide.language) == ("README", "fr")
    french_index = guide.browser.toPlainText()
    guide.follow(QUrl("creators.md"))  # stays in French
    assert (guide.page, guide.language) == ("creators", "fr")
    guide.follow(QUrl("../README.md"))  # the French index's link back to English
    assert (guide.page, guide.language) == ("README", "en")
    assert guide.browser.toPlainText() != french_index
    guide.close()


def test_user_guide_in_french(window, qtbot, monkeypatch) -> None:
    from studio import help

    monkeypatch.setattr(help, "current_language", lambda: "fr")
    guide = GuideDialog(window)
    qtbot.addWidget(guide)
    french = Path(help.guide_dir(), "fr", "README.md").read_text(encoding="utf-8")
    first_words = french.splitlines()[0].lstrip("# ").strip()
    assert first_words in guide.browser.toPlainText()


def test_shortcut_list_is_generated_from_the_actions(window, qtbot) -> None:
    dialog = ShortcutsDialog(window.acts, window)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(i, 0).text(): dialog.table.item(i, 1).text()
            for i in range(dialog.table.rowCount())}  # fmt: skip
    assert rows["Save"] == QKeySequence(QKeySequence.StandardKey.Save).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert rows["Group"] and rows["Rectangle"] == "R"
    assert "Connectors…" not in rows  # no shortcut, not listed


def test_tour_walks_the_brief_the_canvas_and_the_checks(window, fraise_brief_path, qtbot) -> None:
    window.open_path(fraise_brief_path)
    assert Store().get("tour/shown") is False
    tour = show_tour(window)
    assert isinstance(tour, Tour) and tour.isVisible()
    assert tour.target is window.docks["Brief"]
    assert not tour.geometry().intersects(window.docks["Brief"].geometry())  # beside it
    assert tour.geometry().left() >= window.docks["Brief"].geometry().right()
    assert tour.pointer.text() == "◀"  # pointing back at the brief
    tour.next_button.click()
    assert tour.target is window.view and tour.isVisible()
    tour.next_button.click()
    assert tour.target is window.docks["Checks"]
    assert not window.docks["Checks"].visibleRegion().isEmpty()  # raised over its tab mates
    assert tour.next_button.text() == "&Done"
    tour.next_button.click()
    assert not tour.isVisible() and Store().get("tour/shown") is True


def test_tour_starts_once_on_the_first_design_and_skip_ends_it(window, fraise_brief_path) -> None:
    from studio.gui.tour import start_on_first_design

    start_on_first_design(window)
    window.open_path(fraise_brief_path)
    tour = window.tour
    assert tour.isVisible() and tour.index == 0
    tour.skip_button.click()
    assert not tour.isVisible() and Store().get("tour/shown") is True


def test_the_language_setting_applies_at_the_next_start(qtbot, monkeypatch) -> None:
    from studio import i18n
    from studio.gui.i18n import install
    from studio.gui.mainwindow import MainWindow

    monkeypatch.delenv("MOTIF_STUDIO_LANG", raising=False)
    Store().set("ui/language", "fr")
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        titles = [a.text() for a in win.menuBar().actions()]
        assert "&Aide" in titles and "&Help" not in titles
        assert win.acts["preferences"].text() == "Pré&férences…"
        dialog = PreferencesDialog(win.store, win)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Préférences"
        assert dialog.editors["canvas/snap"].toolTip().startswith("Aimanter")
        keys = _mnemonics(dialog)
        assert len(keys) == len(set(keys)), keys
    finally:
        Store().set("ui/language", "system")
        install(QApplication.instance(), None)  # back to the system language, Qt's too
        assert i18n.current_language() != "fr" or "fr" in i18n.system_languages()[:1]
        win.ctrl.stack.setClean()
