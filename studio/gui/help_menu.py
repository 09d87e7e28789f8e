"""Edit → Preferences… and the Help menu, added to the window's menu bar by ``actions.build``
(kept apart so the shared actions module only gains one call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from studio.gui.i18n import tr

if TYPE_CHECKING:
    from studio.gui.mainwindow import MainWindow


def install(window: MainWindow, a: dict[str, QAction], edit: QMenu) -> None:
    """The dialogs' modules (the guide's browser, the tour) load when first asked for."""
    from studio.gui import preferences

    def action(key: str, text: str, slot, shortcut=None) -> QAction:
        act = QAction(text, window)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(slot)
        window.addAction(act)
        a[key] = act
        return act

    edit.addSeparator()
    edit.addAction(
        action(
            "preferences",
            tr("Pre&ferences…"),
            lambda: preferences.show_preferences(window, window.store),
            QKeySequence.StandardKey.Preferences,
        )
    )
    menu = window.menuBar().addMenu(tr("&Help"))

    def guide() -> None:
        from studio.gui import help_window

        dialog = help_window.GuideDialog(window)
        dialog.show()
        window.guide_dialog = dialog  # type: ignore[attr-defined]

    def shortcuts() -> None:
        from studio.gui import help_window

        dialog = help_window.ShortcutsDialog(window.acts, window)
        dialog.show()
        window.shortcuts_dialog = dialog  # type: ignore[attr-defined]

    def show_tour() -> None:
        from studio.gui import tour

        tour.show_tour(window)

    def about() -> None:
        from studio.gui import help_window

        help_window.about(window)

    menu.addAction(action("guide", tr("&User Guide"), guide, QKeySequence.StandardKey.HelpContents))
    menu.addAction(action("shortcuts", tr("&Keyboard Shortcuts"), shortcuts))
    menu.addAction(action("tour", tr("Show the &Tour"), show_tour))
    menu.addSeparator()
    menu.addAction(action("about", tr("&About Motif Studio"), about))
