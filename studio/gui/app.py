"""Starting the app: the QApplication, the theme, the main window, crash recovery, and
``--screenshot`` (render the window to a PNG and exit)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, SignalInstance
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
    from studio.gui import style

    # Fusion follows the system palette, light or dark, everywhere alike; ours draws the
    # edges of boxes and fields in the theme's border colour.
    style.install(app)
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


def run_until(settled: Callable[[], bool], wake: list[SignalInstance], timeout_ms: int) -> bool:
    """Run the event loop until ``settled()``, asked again each time one of the ``wake``
    signals fires: never polling a clock, the timer only bounds a wait that would not end.
    Returns ``settled()``."""
    if settled():
        return True
    loop = QEventLoop()
    limit = QTimer(singleShot=True, interval=timeout_ms)
    limit.timeout.connect(loop.quit)

    def quit_loop(*_: object) -> None:
        loop.quit()

    for signal in wake:
        signal.connect(quit_loop)
    limit.start()
    try:
        while not settled() and limit.isActive():
            loop.exec()
    finally:
        for signal in wake:
            signal.disconnect(quit_loop)
        limit.stop()
    return settled()


def wait_for_first_check(window, timeout_ms: int = SCREENSHOT_WAIT_MS) -> bool:
    """Until the open design's brief is found and its first check has reported (or failed),
    so a picture shows the real badge, not "Checking…". At once with nothing to check."""
    ctrl, runner = window.ctrl, window.checks_panel.runner
    failed: list[str] = []

    def settled() -> bool:
        if failed or not ctrl.has_document:
            return True
        if ctrl.brief_pending:
            return False
        return runner.brief is None or (runner.report is not None and not runner.busy)

    def note_failure(error: str) -> None:
        failed.append(error)

    runner.failed.connect(note_failure)
    try:
        wake = [ctrl.brief_changed, runner.report_ready, runner.failed]
        return run_until(settled, wake, timeout_ms)
    finally:
        runner.failed.disconnect(note_failure)


def wait_for_thumbnails(window, timeout_ms: int = SCREENSHOT_WAIT_MS) -> bool:
    """On the welcome page, until every sample card has its picture."""
    page = window.welcome
    return run_until(
        lambda: window.stack.currentWidget() is not page or page.thumbnails_ready,
        [page.thumbnails_finished],
        timeout_ms,
    )


def screenshot(app: QApplication, window, path: str) -> bool:
    """The window as the user sees it once started: the deferred work done (the brief found,
    the mock-up drawn, the sample pictures) and the first check's result in the badge. False
    if the file was not written."""
    window.resize(1400, 880)
    app.processEvents()
    deferred.run_pending()
    if not wait_for_first_check(window):
        print(
            tr("Warning: the check did not finish in time; the picture shows it running."),
            file=sys.stderr,
        )
    wait_for_thumbnails(window)  # bounded too: a picture that never comes stays a blank card
    app.processEvents()  # the layout after the brief came (the garment colours' box)
    window.view.fit(scaled=False)  # the picture is the sharp frame, never a scaled one
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
