"""In French, no English string anywhere a user looks: menus, toolbars, tool tips, labels,
buttons, dock titles, tabs, group boxes, column headers, list items, the window title, the
status bar, the welcome page, the export dialog and the package dialog.

A string fails when it is an English msgid of the catalogue whose French differs (it reached
the screen without ``tr()``), or when it holds an obvious English word (a string nobody wrapped
nor entered in the catalogue)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studio import i18n
from studio.document.model import Rect
from studio.gui import i18n as gui_i18n
from studio.gui import worker

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources/locale/fr/LC_MESSAGES/motif-studio.po"
# Words an English leftover shows and French never does (lower case, whole words).
ENGLISH_WORDS = {
    "the", "and", "with", "your", "from", "file", "edit", "view", "object", "save", "open",
    "close", "quit", "undo", "redo", "paste", "delete", "layer", "layers", "properties",
    "history", "checks", "select", "untitled", "welcome", "recent", "export", "cancel",
    "settings", "help", "zoom in", "zoom out", "align", "group", "ungroup", "stroke", "fill",
    "width", "height", "brand", "artwork", "colour", "color", "preview", "package", "brief's",
    "grant", "underbase", "folder", "unspecified",
}  # fmt: skip
# Data, not interface: the sample brief's own texts, file names, numbers and units.
_WORD = re.compile(r"[A-Za-z][A-Za-z']*(?: (?:in|out))?")


def _untranslated_msgids() -> set[str]:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    out = set()
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string != message.id:
            out.add(message.id)
            out.add(message.id.replace("&", ""))
    return out


@pytest.fixture
def french(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(i18n.ENV_OVERRIDE, "fr")
    i18n.reload()
    gui_i18n.install(qapp)
    assert i18n.current_language() == "fr"
    yield
    monkeypatch.delenv(i18n.ENV_OVERRIDE)
    i18n.set_language("en")
    gui_i18n.install(qapp, "en")
    i18n.set_language(None)


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ")
    return " ".join(text.replace("&&", "&").split())


def visible_strings(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every string ``root`` and its children show."""
    yield "window title", root.windowTitle()
    for action in root.findChildren(QAction):
        yield "action", action.text()
        yield "tool tip", action.toolTip()
    for menu in root.findChildren(QMenu):
        yield "menu", menu.title()
    for w in root.findChildren(QWidget):
        yield "tool tip", w.toolTip()
        yield "accessible name", w.accessibleName()
    for browser in root.findChildren(QTextEdit):
        yield from (("text", line) for line in browser.toPlainText().splitlines())
    for label in root.findChildren(QLabel):
        yield "label", label.text()
    for button in root.findChildren(QAbstractButton):
        yield "button", button.text()
    for dock in root.findChildren(QDockWidget):
        yield "dock", dock.windowTitle()
    for bar in root.findChildren(QTabBar):
        for i in range(bar.count()):
            yield "tab", bar.tabText(i)
    for box in root.findChildren(QGroupBox):
        yield "group box", box.title()
    for combo in root.findChildren(QComboBox):
        for i in range(combo.count()):
            yield "combo item", combo.itemText(i)
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for col in range(_columns(model, QModelIndex())):
            yield "column", str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        yield from (("item", text) for text in _model_texts(model, QModelIndex()))


def _columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # list models keep columnCount private in PySide: one column
        return 1


def _model_texts(model, parent) -> Iterator[str]:
    for row in range(model.rowCount(parent)):
        for col in range(_columns(model, parent)):
            index = model.index(row, col, parent)
            yield str(model.data(index) or "")
            yield str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")
            yield from _model_texts(model, index)


def english_leftovers(root: QWidget, data: set[str] | None = None) -> list[str]:
    msgids = _untranslated_msgids()
    data = _sample_data() if data is None else data
    found = []
    for where, raw in visible_strings(root):
        text = _plain(raw)
        if not text or text in data:
            continue
        rest = text
        for piece in sorted(data, key=len, reverse=True):
            rest = rest.replace(piece, " ")
        words = {w.lower() for w in _WORD.findall(rest)}
        if raw in msgids or text in msgids or text.replace("&", "") in msgids:
            found.append(f"{where}: {raw!r} (an English msgid)")
        elif words & ENGLISH_WORDS:
            found.append(f"{where}: {raw!r} (English words {sorted(words & ENGLISH_WORDS)})")
    return sorted(set(found))


def _sample_data() -> set[str]:
    """The sample briefs' own texts (title, brand, prize, ink names) are the brand's, not ours:
    a brief is shown in the language its brand wrote it in."""
    from studio.brief import load_brief

    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    texts: set[str] = set()
    for path in sorted((ROOT / "resources/briefs").glob("*/*.brief.json")):
        texts |= {path.name, *strings(load_brief(path).raw)}
    lines = {line for t in texts for line in t.splitlines()}
    # the panel shows the Markdown rendered: compare without its marks
    lines |= {re.sub(r"[*_#`]", "", line).lstrip("-• ").strip() for line in lines}
    return {_plain(t) for t in texts | lines if t.strip()}


@pytest.fixture
def fr_window(french, qtbot: QtBot) -> Iterator:
    from studio.gui.mainwindow import MainWindow

    win = MainWindow()
    win.resize(1400, 880)
    win.show()
    yield win
    win.ctrl.stack.setClean()
    win.ctrl.recovered = False
    win.close()
    win.deleteLater()
    qtbot.waitUntil(lambda: not worker.busy(), timeout=60_000)


def test_welcome_page_is_all_french(fr_window) -> None:
    assert fr_window.stack.currentWidget() is fr_window.welcome
    assert english_leftovers(fr_window) == []


def test_editor_on_the_sample_brief_is_all_french(fr_window, fraise_brief_path: Path) -> None:
    win = fr_window
    win.open_path(fraise_brief_path)
    assert win.stack.currentWidget() is not win.welcome
    win.ctrl.add([Rect(x=10, y=10, width=40, height=20)])  # an undo text in Edit and History
    win.set_tool("rect")  # puts the tool's name in the status bar
    QApplication.processEvents()
    strings = [text for _, text in visible_strings(win)]
    assert "&Fichier" in strings and "Calques" in strings  # the walk does see the French
    assert win.statusBar().currentMessage() == "Rectangle"
    assert win.acts["undo"].text() == "&Annuler Ajouter"
    assert english_leftovers(win, _sample_data()) == []


def test_export_and_package_dialogs_are_all_french(
    french, qtbot: QtBot, fraise_brief_path: Path, fraise_design_path: Path, tmp_path: Path
) -> None:
    from studio.brief import load_brief
    from studio.connectors import registry
    from studio.document.fileio import load_document
    from studio.gui.export_dialog import ExportDialog
    from studio.gui.package_dialog import PackageDialog

    brief = load_brief(fraise_brief_path)
    entries = registry.discover(entry_points=False)
    # connector names come from each plugin's manifest, in its author's words (like a brief's)
    plugins = {e.manifest.name for e in entries if e.manifest is not None}
    data = _sample_data() | {fraise_design_path.name} | plugins
    export = ExportDialog(load_document(fraise_design_path), brief)
    qtbot.addWidget(export)
    export.show()
    package = PackageDialog(fraise_design_path, brief, lambda: None, entries=entries)
    qtbot.addWidget(package)
    package.show()
    try:
        qtbot.waitUntil(lambda: package.check_passed is not None, timeout=60_000)
        assert english_leftovers(export, data) == []
        assert english_leftovers(package, data) == []
    finally:
        export.close()
        package.close()
        qtbot.waitUntil(lambda: not worker.busy(), timeout=60_000)
