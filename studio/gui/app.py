"""Starting the app: the QApplication, the theme, the main window, crash recovery, and
``--screenshot`` (render the window to a PNG and exit)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from studio import __version__
from studio.gui import deferred
from studio.gui.i18n import tr

# A first check of a t-shirt design takes seconds; this only bounds one that hangs.
SCREENSHOT_WAIT_MS = 120_000


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


def wait_for_first_check(window, timeout_ms: int = SCREENSHOT_WAIT_MS) -> bool:
    """Let the event loop run until the open design's brief is found and its first check has
    reported (or failed), so a picture shows the real badge, not "Checking…". Woken by the
    signals that change the answer, never by polling a clock: the timer only bounds a check
    that hangs. True when settled; immediately true with nothing to check."""
    ctrl, runner = window.ctrl, window.checks_panel.runner
    failed: list[str] = []

    def settled() -> bool:
        if failed or not ctrl.has_document:
            return True
        if ctrl.brief_pending:
            return False
        return runner.brief is None or (runner.report is not None and not runner.busy)

    if settled():
        return True
    loop = QEventLoop()
    limit = QTimer(singleShot=True, interval=timeout_ms)

    def check_failed(error: str) -> None:
        failed.append(error)
        loop.quit()

    wake = [
        (limit.timeout, loop.quit),
        (runner.report_ready, lambda _report: loop.quit()),
        (runner.failed, check_failed),
        (ctrl.brief_changed, loop.quit),
    ]
    for signal, slot in wake:
        signal.connect(slot)
    limit.start()
    try:
        while not settled() and limit.isActive():
            loop.exec()
    finally:
        for signal, slot in wake:
            signal.disconnect(slot)
        limit.stop()
    return settled()


def screenshot(app: QApplication, window, path: str) -> bool:
    """The window as the user sees it once started: the deferred work done (the brief found,
    the mock-up drawn) and the first check's result in the badge. False if not written."""
    window.resize(1400, 880)
    app.processEvents()
    deferred.run_pending()
    if not wait_for_first_check(window):
        print(
            tr("Warning: the check did not finish in time; the picture shows it running."),
            file=sys.stderr,
        )
    app.processEvents()  # the layout after the brief came (the garment colours' box)
    window.view.fit()
    app.processEvents()
    return bool(window.grab().save(path, "PNG"))


def run(args: argparse.Namespace) -> int:
    app = application()
    window = make_window(args)
    window.show()
    if args.screenshot:
        ok = screenshot(app, window, args.screenshot)
        window.ctrl.stack.setClean()
        window.ctrl.recovered = False
        window.close()
        return 0 if ok else 1
    QTimer.singleShot(0, window.raise_)
    return app.exec()
