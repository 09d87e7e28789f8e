"""File → Prepare submission…: the package a brand receives, then "Send to" its destination.

The creator's name and contact are remembered; the brief's licence must be explicitly accepted;
the check runs off the GUI thread and, when it fails, packaging is refused unless the creator
ticks the override (which the manifest records). The zip is made by
:mod:`studio.production.package` in the background; sending queues it in the outbox for one of
the brief's targets and wakes the outbox runner.

The package file goes to the ``export/folder`` setting when one is set (Preferences), else next
to the design.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio.brief.model import Brief
from studio.checks import run_checks
from studio.connectors import registry
from studio.design import open_design
from studio.errors import InputError
from studio.gui import worker
from studio.gui.connectors_page import saved_settings
from studio.gui.export_dialog import configured_folder
from studio.gui.i18n import tr
from studio.gui.outbox_runner import OutboxRunner
from studio.gui.settings_store import Store as SettingsStore
from studio.outbox.store import Store
from studio.outbox.submit import submit
from studio.outbox.targets import brief_targets, target_settings
from studio.production.longwork import Cancelled
from studio.production.package import (
    Creator,
    PackageRefused,
    build_package,
    write_package,
)

NAME_KEY, CONTACT_KEY = "creator/name", "creator/contact"
OutboxHook = Callable[[], tuple[Store, OutboxRunner]]


def licence_shown(brief: Brief) -> str:
    """The licence as :func:`licence_text` words it for the manifest, in the app's language
    (the manifest keeps its English record; the person accepting reads their own)."""
    lic = brief.licence
    grant = str(lic.get("grant", "")) or tr("unspecified")
    parts = [tr("Grant: {grant}.").format(grant=grant), str(lic.get("terms", "")).strip()]
    if lic.get("url"):
        parts.append(tr("Full text: {url}").format(url=lic["url"]))
    return " ".join(p for p in parts if p)


class PackageDialog(QDialog):
    """Package the saved design at ``design_path`` for ``brief``; ``outbox()`` gives the queue
    (and starts its runner) only when something is sent."""

    def __init__(self, design_path: Path, brief: Brief, outbox: OutboxHook,
                 parent: QWidget | None = None, qsettings: QSettings | None = None,
                 entries: list[registry.Entry] | None = None,
                 settings: SettingsStore | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(
            tr("Prepare submission — {title}").format(title=brief.title or brief.id)
        )
        self.design_path, self.brief, self.outbox = Path(design_path), brief, outbox
        self.qsettings = qsettings or QSettings()
        self.settings = settings or SettingsStore()
        self.entries = entries
        self.check_passed: bool | None = None
        self.manifest: dict[str, Any] | None = None
        self.package_path: Path | None = None
        self.task: worker.Task | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._creator_box())
        layout.addWidget(self._licence_box())
        layout.addWidget(self._check_box())
        layout.addLayout(self._file_row())
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(tr("Packaging progress"))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self._send_box())
        layout.addStretch(1)
        layout.addLayout(self._buttons())
        self.progress.setVisible(False)
        self.resize(680, max(520, self.sizeHint().height()))
        self._update()
        self.check_task = worker.run_in_background(
            self._run_check, self._checked, self._check_failed
        )

    # --- building --------------------------------------------------------------------------
    def _creator_box(self) -> QGroupBox:
        box = QGroupBox(tr("You"))
        form = QFormLayout(box)
        self.name = QLineEdit(str(self.qsettings.value(NAME_KEY, "") or ""))
        self.contact = QLineEdit(str(self.qsettings.value(CONTACT_KEY, "") or ""))
        self.contact.setPlaceholderText(tr("e-mail or other contact"))
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Contact"), self.contact)
        self.name.textChanged.connect(self._update)
        return box

    def _licence_box(self) -> QGroupBox:
        box = QGroupBox(tr("The brief's licence"))
        column = QVBoxLayout(box)
        self.licence_view = text = QTextBrowser()
        text.setPlainText(licence_shown(self.brief))
        text.setAccessibleName(tr("Licence text"))
        text.setMaximumHeight(80)
        self.accept_box = QCheckBox(tr("I accept this licence for this design"))
        self.accept_box.toggled.connect(self._update)
        column.addWidget(text)
        reward = self.brief.licence.get("reward")
        if reward:
            column.addWidget(QLabel(tr("Reward: {reward}").format(reward=reward)))
        column.addWidget(self.accept_box)
        return box

    def _check_box(self) -> QGroupBox:
        box = QGroupBox(tr("Check against the brief"))
        column = QVBoxLayout(box)
        self.check_label = QLabel(tr("Checking the design…"))
        self.check_label.setWordWrap(True)
        self.override_box = QCheckBox(
            tr("Package it anyway (the override is recorded in the manifest)")
        )
        self.override_box.setVisible(False)
        self.override_box.toggled.connect(self._update)
        column.addWidget(self.check_label)
        column.addWidget(self.override_box)
        return box

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        stem = self.design_path.name.removesuffix(".svg").removesuffix(".motif")
        folder = configured_folder(self.settings) or self.design_path.parent
        default = folder / f"{stem}-{self.brief.id}.zip"
        self.file = QLineEdit(str(default))
        self.file.setAccessibleName(tr("Package file"))
        choose = QPushButton(tr("Choose…"))
        choose.clicked.connect(self.choose_file)
        row.addWidget(QLabel(tr("Package file")))
        row.addWidget(self.file, 1)
        row.addWidget(choose)
        return row

    def _send_box(self) -> QGroupBox:
        self.send_group = QGroupBox(tr("Send to"))
        row = QHBoxLayout(self.send_group)
        self.targets = brief_targets(self.brief)
        self.target_box = QComboBox()
        for target in self.targets:
            self.target_box.addItem(self._target_label(target.connector), target.connector)
        self.send_button = QPushButton(tr("Send"))
        self.send_button.clicked.connect(self.send)
        if self.targets:
            row.addWidget(self.target_box, 1)
            row.addWidget(self.send_button)
        else:
            row.addWidget(QLabel(tr("The brief names no destination: send the file yourself.")))
        return self.send_group

    def _target_label(self, connector_id: str) -> str:
        try:
            manifest = registry.find(connector_id, self.entries).manifest
        except InputError:
            return tr("{id} (not installed)").format(id=connector_id)
        return manifest.name if manifest is not None else connector_id

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.package_button = QPushButton(tr("Make package"))
        self.package_button.setDefault(True)
        self.package_button.clicked.connect(self.make_package)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(tr("Close"))
        self.close_button.clicked.connect(self.reject)
        row.addStretch(1)
        for button in (self.package_button, self.cancel_button, self.close_button):
            row.addWidget(button)
        return row

    # --- the check -------------------------------------------------------------------------
    def _run_check(self, progress: Any, cancel: threading.Event) -> Any:
        return run_checks(open_design(self.design_path, self.brief.dpi), self.brief)

    def _checked(self, report: Any) -> None:
        self.check_passed = report.passed
        if report.passed:
            self.check_label.setText(tr("The design passes the brief's check."))
        else:
            errors = report.errors
            lines = "".join(f"<li>{f.message}</li>" for f in errors[:5])
            self.check_label.setText(
                tr("The design fails {n} of the brief's checks:").format(n=len(errors))
                + f"<ul>{lines}</ul>"
            )
            self.override_box.setVisible(True)
        self._update()

    def _check_failed(self, error: BaseException) -> None:
        self.check_passed = False
        self.check_label.setText(tr("The check could not run: {error}").format(error=_msg(error)))
        self.override_box.setVisible(True)
        self._update()

    # --- packaging -------------------------------------------------------------------------
    def refusal(self) -> str:
        """Why the package cannot be made now ("" when it can)."""
        if not self.name.text().strip():
            return tr("Enter your name: the brand needs to know who made the design.")
        if not self.accept_box.isChecked():
            return tr("Accept the brief's licence to make the package.")
        if self.check_passed is None:
            return tr("Wait for the check to finish.")
        if not self.check_passed and not self.override_box.isChecked():
            return tr("The design fails its check: fix it, or tick the override.")
        return ""

    def make_package(self) -> None:
        if self.busy():
            return
        reason = self.refusal()
        if reason:
            self.status.setText(reason)
            return
        self.qsettings.setValue(NAME_KEY, self.name.text().strip())
        self.qsettings.setValue(CONTACT_KEY, self.contact.text().strip())
        creator = Creator(self.name.text().strip(), self.contact.text().strip())
        path, brief, target = self.design_path, self.brief, Path(self.file.text()).expanduser()
        override = self.override_box.isChecked()

        def work(progress: Any, cancel: threading.Event) -> tuple[Path, dict[str, Any]]:
            data, manifest = build_package(
                path, brief, creator, accept_licence=True, override=override,
                progress=progress, cancel=cancel,
            )  # fmt: skip
            if cancel.is_set():
                raise Cancelled("cancelled")
            write_package(data, target)
            return target, manifest

        self.progress.setValue(0)
        self.status.setText(tr("Making the package…"))
        self.task = worker.run_in_background(work, self._packaged, self._package_failed,
                                             self._progress)  # fmt: skip
        self._update()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        self.status.setText(message)

    def _packaged(self, result: tuple[Path, dict[str, Any]]) -> None:
        self.package_path, self.manifest = result
        self.progress.setValue(1000)
        note = "" if self.manifest["check"]["passed"] else " " + tr("(check override recorded)")
        self.status.setText(tr("Package written: {path}").format(path=self.package_path) + note)
        self._update()

    def _package_failed(self, error: BaseException) -> None:
        self.progress.setValue(0)
        if isinstance(error, Cancelled):
            self.status.setText(tr("Cancelled: no package was written."))
        elif isinstance(error, PackageRefused):
            self.status.setText(tr("Package refused: {reason}").format(reason=error))
            self.override_box.setVisible(True)
        else:
            self.status.setText(tr("Packaging failed: {error}").format(error=_msg(error)))
        self._update()

    def cancel(self) -> None:
        if self.busy():
            assert self.task is not None
            self.task.cancel()

    def busy(self) -> bool:
        return self.task is not None and not self.task.done

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Package file"), self.file.text(),
                                              tr("Submission packages (*.zip)"))  # fmt: skip
        if path:
            self.file.setText(path)

    # --- sending ---------------------------------------------------------------------------
    def send(self) -> int | None:
        """Queue the package for the chosen target; the job id, or None (the reason shown)."""
        if self.package_path is None or not self.targets:
            return None
        target = self.targets[self.target_box.currentIndex()]
        settings = target_settings(target, saved_settings(self.qsettings, target.connector))
        store, runner = self.outbox()
        try:
            job, created = submit(store, self.package_path, target.connector, settings,
                                  time.time(), self.brief.id, str(self.brief.version),
                                  self.entries)  # fmt: skip
        except InputError as exc:
            self.status.setText(tr("Cannot send: {error}").format(error=exc.one_line()))
            return None
        runner.wake()
        text = (
            tr("Queued in the outbox (job {id}).")
            if created
            else tr("Already in the outbox (job {id}).")
        )
        self.status.setText(text.format(id=job.id))
        return job.id

    def _update(self) -> None:
        busy = self.busy()
        self.progress.setVisible(busy or self.progress.value() > 0)
        self.package_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.send_button.setEnabled(self.package_path is not None and not busy)

    def done(self, result: int) -> None:
        """Closing stops the work: a cancelled package is not written."""
        self.cancel()
        super().done(result)


def _msg(error: BaseException) -> str:
    return error.one_line() if isinstance(error, InputError) else str(error) or type(error).__name__
