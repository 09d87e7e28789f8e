"""The main window's delivery commands: Export…, Prepare submission…, Connectors…, the outbox.

The outbox (its SQLite store, the credential store and the runner thread) is opened lazily, the
first time the Outbox dock is shown or something is queued, so starting the app stays fast;
it is stopped when the application quits (and when the window closes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QMessageBox, QVBoxLayout

from studio.brief.model import Brief
from studio.errors import InputError
from studio.gui import worker
from studio.gui.i18n import tr

if TYPE_CHECKING:  # imported when first used: the outbox (QtNetwork, keyring) slows startup
    from studio.connectors.credentials import CredentialStore
    from studio.gui.mainwindow import MainWindow
    from studio.gui.outbox_runner import OutboxRunner
    from studio.outbox.store import Store


class Delivery(QObject):
    """Owns the export and package dialogs, the Connectors dialog and the Outbox dock."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store: Store | None = None
        self.runner: OutboxRunner | None = None
        self.credentials: CredentialStore | None = None
        self.notice = ""
        self.dialog: QDialog | None = None
        self.outbox_dock = QDockWidget(tr("Outbox"), window)
        self.outbox_dock.setObjectName("dock-outbox")
        self.outbox_dock.setAccessibleName(tr("Outbox"))
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.outbox_dock)
        self.outbox_dock.hide()
        self.outbox_dock.visibilityChanged.connect(self._outbox_shown)

    # --- the outbox, lazily ----------------------------------------------------------------
    def outbox(self) -> tuple[Store, OutboxRunner]:
        """The queue and its running worker (opened and started on first use)."""
        if self.store is None or self.runner is None:
            from studio.gui.outbox_panel import OutboxPanel
            from studio.gui.outbox_runner import OutboxRunner
            from studio.outbox.cli import default_db
            from studio.outbox.store import Store

            credentials = self._credentials()
            self.store = Store(default_db())
            self.runner = OutboxRunner(self.store, credentials)
            self.runner.start()
            self.outbox_dock.setWidget(OutboxPanel(self.store, self.runner))
        return self.store, self.runner

    def _credentials(self) -> CredentialStore:
        if self.credentials is None:
            from studio.connectors.credentials import open_store

            self.credentials, self.notice = open_store()
        return self.credentials

    def _outbox_shown(self, visible: bool) -> None:
        if visible:
            self.outbox()

    def show_outbox(self) -> tuple[Store, OutboxRunner]:
        queue = self.outbox()
        self.outbox_dock.show()
        self.outbox_dock.raise_()
        return queue

    def stop(self) -> None:
        """At quit: stop the outbox thread and any export still running."""
        if self.runner is not None:
            self.runner.stop()
        worker.cancel_all()

    # --- commands --------------------------------------------------------------------------
    def brief(self) -> Brief | None:
        """The brief of the open design: the one it was made from, the cached copy, or one the
        creator picks."""
        ctrl = self.window.ctrl
        if ctrl.brief is not None:
            return ctrl.brief
        link = ctrl.doc.brief
        if link is not None and link.sha256:
            from studio.brands.cache import BriefCache

            cached = BriefCache().get(link.sha256)
            if cached is not None:
                ctrl.brief = cached
                return cached
        path, _ = QFileDialog.getOpenFileName(
            self.window, tr("Which brief does this design answer?"), "",
            tr("Briefs (*.brief.json *.brief)"),
        )  # fmt: skip
        if not path:
            return None
        from studio.brief import load_brief

        try:
            ctrl.brief = load_brief(path)
        except InputError as exc:
            QMessageBox.warning(self.window, tr("Cannot open"), exc.one_line())
            return None
        return ctrl.brief

    def export(self) -> QDialog | None:
        if not self.window.ctrl.has_document:
            return None
        brief = self.brief()
        if brief is None:
            return None
        from studio.gui.export_dialog import ExportDialog

        self.dialog = ExportDialog(self.window.ctrl.doc, brief, self.window)
        self.dialog.open()
        return self.dialog

    def prepare_submission(self) -> QDialog | None:
        """The package is made from the saved file, so unsaved changes are saved first."""
        win = self.window
        if not win.ctrl.has_document:
            return None
        brief = self.brief()
        if brief is None:
            return None
        if (win.ctrl.dirty or win.ctrl.path is None) and not win.save():
            return None
        assert win.ctrl.path is not None
        from studio.gui.package_dialog import PackageDialog

        self.dialog = PackageDialog(win.ctrl.path, brief, self.show_outbox, win)
        self.dialog.open()
        return self.dialog

    def connectors(self) -> QDialog:
        from studio.gui.connectors_page import ConnectorsPage

        credentials = self._credentials()
        dialog = QDialog(self.window)
        dialog.setWindowTitle(tr("Connectors"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(ConnectorsPage(credentials, self.notice, qsettings=QSettings()))
        dialog.resize(820, 420)
        self.dialog = dialog
        dialog.open()
        return dialog
