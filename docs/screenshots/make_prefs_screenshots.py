"""Regenerate preferences.png, help.png and tour.png (run from the repository root with
QT_QPA_PLATFORM=offscreen)."""

from __future__ import annotations

from studio.gui.app import application


def main() -> None:
    from studio.gui import help_window, preferences, tour
    from studio.gui.mainwindow import MainWindow

    app = application()
    window = MainWindow()
    window.show()
    dialog = preferences.PreferencesDialog(window.store, window)
    dialog.resize(520, dialog.sizeHint().height())
    dialog.show()
    app.processEvents()
    dialog.grab().save("docs/screenshots/preferences.png")
    guide = help_window.GuideDialog(window)
    guide.resize(900, 700)
    guide.show()
    app.processEvents()
    guide.grab().save("docs/screenshots/help.png")
    window.open_path("resources/briefs/lafraise-tee/lafraise-tee.brief.json")
    window.resize(1400, 880)
    app.processEvents()
    window.view.fit()
    tour.show_tour(window)
    app.processEvents()
    window.grab().save("docs/screenshots/tour.png")
    window.ctrl.stack.setClean()


if __name__ == "__main__":
    main()
