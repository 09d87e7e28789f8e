"""Starting the app: the QApplication, the theme, the main window, crash recovery, and
``--screenshot`` (render the window to a PNG and exit)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from studio import __version__
from studio.gui import deferred


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Motif Studio")
    app.setOrganizationName("Motif Studio")
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")  # follows the system palette, light or dark, everywhere alike
    from studio.gui import i18n
    from studio.gui.settings_store import Store

    i18n.install(app, Store().get("ui/language"))  # before any widget builds its labels
    return app


def apply_theme(app: QApplication, theme: str) -> None:
    """``system`` follows the desktop's colour scheme; ``light``/``dark`` force one."""
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(
        theme, Qt.ColorScheme.Unknown
    )
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(scheme)


def make_window(args: argparse.Namespace):
    from studio.gui.mainwindow import MainWindow

    window = MainWindow()
    apply_theme(QApplication.instance(), window.store.get("ui/theme"))  # type: ignore[arg-type]
    target = args.design or args.open_brief
    recovered = False
    if not args.screenshot:
        recovered = window.offer_recovery()
        from studio.gui.tour import start_on_first_design

        start_on_first_design(window)
    if target and not recovered:
        window.open_path(Path(target), at_start=True)
    return window


def run(args: argparse.Namespace) -> int:
    app = application()
    window = make_window(args)
    window.show()
    if args.screenshot:
        window.resize(1400, 880)
        app.processEvents()
        window.view.fit()
        deferred.run_pending()
        app.processEvents()
        ok = window.grab().save(args.screenshot, "PNG")
        window.ctrl.stack.setClean()
        window.ctrl.recovered = False
        window.close()
        return 0 if ok else 1
    QTimer.singleShot(0, window.raise_)
    return app.exec()
