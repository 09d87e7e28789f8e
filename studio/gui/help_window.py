"""The Help menu: the user guide in a browser that follows links between its pages, the
keyboard shortcuts listed from the window's own actions, and the About box.

The shortcut list is generated, never written by hand, so it cannot drift from the menus."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio import __version__, help
from studio.gui.i18n import tr


class GuideDialog(QDialog):
    """A non-modal window on the guide; ``page`` is the guide page shown."""

    def __init__(self, parent: QWidget | None = None, page: str = "README") -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Motif Studio User Guide"))
        self.resize(820, 640)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(tr("User guide"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.page = ""
        self.language = ""
        self.show_page(page)

    def show_page(self, page: str, language: str | None = None) -> None:
        """A guide page in ``language`` (default: the interface's; English when missing)."""
        path = help.guide_page(page, language)
        self.page = page
        self.language = path.parent.name if path.parent != help.guide_dir() else "en"
        self.browser.setHtml(help.page_html(page, language))
        self.browser.setSearchPaths([str(path.parent)])  # the pages' images load

    def follow(self, url: QUrl) -> None:
        """A link to another guide page (``creators.md``, ``fr/README.md``, ``../README.md``)
        opens it here, resolved from the page shown; web links go to the browser; anything
        else (images, anchors, files outside the guide) is ignored."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        if url.scheme() not in ("", "file") or not url.path().endswith(".md"):
            return
        here = help.guide_page(self.page, self.language).parent
        target = (here / url.path()).resolve()
        base = help.guide_dir().resolve()
        name = target.stem
        if name not in help.PAGES:
            return
        if target.parent == base:
            self.show_page(name, "en")
        elif target.parent.parent == base and target.is_file():
            self.show_page(name, target.parent.name)


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(command, shortcut) for every action that has one, as the user reads them."""
    rows = []
    for action in actions.values():
        keys = action.shortcut()
        if not keys.isEmpty():
            name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            rows.append((name, keys.toString(QKeySequence.SequenceFormat.NativeText)))
    return sorted(rows, key=lambda r: r[0].casefold())


class ShortcutsDialog(QDialog):
    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard Shortcuts"))
        self.resize(480, 560)
        rows = shortcut_rows(actions)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName(tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([tr("Command"), tr("Shortcut")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (name, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(name))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        tr("About Motif Studio"),
        "<h3>Motif Studio " + __version__ + "</h3><p>"
        + tr("Design for brands' briefs: t-shirt contests and ad contests, checked before you "
             "submit.")
        + "</p>",
    )  # fmt: skip
