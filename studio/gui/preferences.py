"""The preferences dialog, generated from the declarations in ``studio.settings``, and applying
the settings that shape the whole app (migrations, language, theme) at start.

Nothing here lists the settings again: a new line in ``studio.settings.SETTINGS`` gets its
editor (bool: check box, choices: combo, numbers: spin box with the declared range, str: line
edit, path: line edit and Browse) under its section, with its description as help text.
Changes apply at once; the language needs a restart, and the dialog says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio import i18n, themes
from studio.gui.i18n import tr
from studio.gui.settings_store import Store
from studio.settings import INTERNAL, SETTINGS, Setting, section, setting
from studio.settings_migrations import migrate

RESTART = frozenset({"ui/language"})


def choice_labels() -> dict[str, dict[Any, str]]:
    """How each choice is shown (language names in their own language, as pickers do)."""
    return {
        "ui/theme": {"system": tr("System"), "light": tr("Light"), "dark": tr("Dark")},
        "ui/language": {"system": tr("System"), "en": "English", "fr": "Français"},
    }


def section_titles() -> dict[str, str]:
    return {
        "ui": tr("Appearance"),
        "export": tr("Files"),
        "recent": tr("Files"),
        "autosave": tr("Recovery"),
        "canvas": tr("Canvas"),
    }


def label_for(key: str) -> str:
    return {
        "ui/theme": tr("&Theme"),
        "ui/language": tr("&Language"),
        "export/folder": tr("E&xport folder"),
        "recent/max": tr("&Recent files"),
        "autosave/interval_s": tr("Recovery save &every (s)"),
        "autosave/idle_s": tr("Recovery save after &calm (s)"),
        "canvas/snap": tr("&Snap"),
        "canvas/snap_px": tr("Snapping &distance (px)"),
    }.get(key, key)


# --- applied to the whole app ----------------------------------------------------------------
def run_migrations(store: Store) -> list[str]:
    """Bring the settings file to the current version (renamed keys keep their values)."""
    values = {key: store.qs.value(key) for key in store.qs.allKeys()}
    new, applied = migrate(values)
    # Only when a step ran: an INI file reads its version back as text ("3" is not 3), and
    # rewriting (and syncing) the file at every start for that cost ~15 ms before the window.
    if applied:
        for key in set(values) - set(new):
            store.qs.remove(key)
        for key, value in new.items():
            if values.get(key) != value:
                store.qs.setValue(key, value)
        store.qs.sync()
    return applied


def palette_for(name: str) -> QPalette:
    """The QPalette of a theme of ``studio.themes`` (the roles its contrast rules were checked
    on), or the style's own for ``system``."""
    app = QApplication.instance()
    if name not in themes.THEMES:
        assert isinstance(app, QApplication)
        return app.style().standardPalette()
    theme = themes.theme(name)
    palette = QPalette()
    for role, targets in themes.QT_ROLES.items():
        for group_name, role_name in targets:
            qrole = getattr(QPalette.ColorRole, role_name)
            color = QColor(theme[role])
            if group_name == "All":
                palette.setColor(qrole, color)
            else:
                palette.setColor(getattr(QPalette.ColorGroup, group_name), qrole, color)
    return palette


def apply_theme(name: str) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        from studio.gui import style
        from studio.gui.app import apply_theme as scheme

        style.install(app)  # its edges are in the palette's border colour
        scheme(app, name)
        app.setPalette(palette_for(name))


def apply_at_start(store: Store) -> None:
    """Migrations, then the language (before any widget shows a string), then the theme."""
    from studio.gui import i18n as gui_i18n

    run_migrations(store)
    app = QApplication.instance()
    language = store.get("ui/language")
    if app is not None:
        gui_i18n.install(app, None if language == "system" else language)
    apply_theme(store.get("ui/theme"))


# --- the dialog ------------------------------------------------------------------------------
class PreferencesDialog(QDialog):
    """One editor per declared setting, grouped by section; each change is stored at once."""

    changed = Signal(str, object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Preferences"))
        self.store = store
        self.editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        groups: dict[str, QFormLayout] = {}
        titles = section_titles()
        for declared in SETTINGS:
            if declared.key in INTERNAL:
                continue
            title = titles.get(section(declared.key), section(declared.key).title())
            if title not in groups:
                box = QGroupBox(title, self)
                groups[title] = QFormLayout(box)
                layout.addWidget(box)
            editor = self._editor(declared)
            help_text = i18n._(declared.description)  # marked with N_() in studio.settings
            editor.setToolTip(help_text)
            editor.setWhatsThis(help_text)
            editor.setAccessibleDescription(help_text)
            label = QLabel(label_for(declared.key), self)
            label.setBuddy(editor.focusProxy() or editor)
            editor.setAccessibleName(label.text().replace("&", ""))
            groups[title].addRow(label, editor)
            if declared.key in RESTART:
                note = QLabel(tr("Takes effect when Motif Studio starts again."), self)
                note.setWordWrap(True)
                groups[title].addRow("", note)
            self.editors[declared.key] = editor
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore = buttons.addButton(
            tr("Restore De&faults"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore.clicked.connect(self.restore_defaults)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load()

    def _editor(self, declared: Setting) -> QWidget:
        key = declared.key
        if declared.type is bool:
            box = QCheckBox(self)
            box.toggled.connect(lambda on, k=key: self._store(k, bool(on)))
            return box
        if declared.choices:
            combo = QComboBox(self)
            labels = choice_labels().get(key, {})
            for choice in declared.choices:
                combo.addItem(labels.get(choice, str(choice)), choice)
            combo.currentIndexChanged.connect(
                lambda i, k=key, c=combo: self._store(k, c.itemData(i))
            )
            return combo
        if declared.type in (int, float):
            spin: QSpinBox | QDoubleSpinBox
            if declared.type is int:
                spin = QSpinBox(self)
                spin.setRange(int(declared.minimum or 0), int(declared.maximum or 10**6))
            else:
                spin = QDoubleSpinBox(self)
                spin.setDecimals(1)
                spin.setSingleStep(0.5)
                spin.setRange(declared.minimum or 0.0, declared.maximum or 1e6)
            spin.valueChanged.connect(lambda v, k=key, t=declared.type: self._store(k, t(v)))
            return spin
        line = QLineEdit(self)
        line.editingFinished.connect(lambda k=key, e=line: self._store(k, e.text()))
        if declared.type is not Path:
            return line
        row = QWidget(self)
        box_layout = QHBoxLayout(row)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(line)
        browse = QPushButton(tr("&Browse…"), row)
        browse.setAccessibleName(tr("Browse for the folder"))
        browse.clicked.connect(lambda _=False, k=key, e=line: self._browse(k, e))
        box_layout.addWidget(browse)
        row.setFocusProxy(line)
        row.line = line  # type: ignore[attr-defined]
        return row

    def _browse(self, key: str, line: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Choose a folder"), line.text())
        if folder:
            line.setText(folder)
            self._store(key, folder)

    def _store(self, key: str, value: Any) -> None:
        if isinstance(value, Path):
            value = str(value)
        if self.store.get(key) == setting(key).coerce(value):
            return
        self.store.set(key, value)
        if key == "ui/theme":
            apply_theme(value)
        self.changed.emit(key, value)

    def load(self) -> None:
        """Show the stored values (after opening, and after Restore Defaults)."""
        for key, editor in self.editors.items():
            value = self.store.get(key)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                editor.setValue(value)
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value))
            else:
                text = "" if value in (None, Path()) else str(value)
                editor.line.setText(text)  # type: ignore[attr-defined]

    def restore_defaults(self) -> None:
        for key in self.editors:
            self._store(key, setting(key).default)
        self.load()


def show_preferences(window: QWidget, store: Store) -> PreferencesDialog:
    """Open the dialog without blocking: changes apply while it is open, so the user sees the
    new theme on the window behind it."""
    dialog = PreferencesDialog(store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window.preferences_dialog = dialog  # type: ignore[attr-defined]
    return dialog
