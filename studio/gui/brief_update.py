"""A brief changed under a design: the dialog listing what changed, and the undoable command
that moves the design to the new version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.brands.diff import BriefUpdate
from studio.brief.model import Brief
from studio.document.model import BriefLink
from studio.gui.i18n import tr

if TYPE_CHECKING:
    from studio.gui.controller import Controller

NEW_DESIGN = 2  # dialog result: start a new design from the new version instead


class BriefUpdateDialog(QDialog):
    """Accepted: use the new version; rejected: keep the old one; ``NEW_DESIGN``: start anew."""

    def __init__(
        self, update: BriefUpdate, parent: QWidget | None = None, offer_new_design: bool = False
    ) -> None:
        super().__init__(parent)
        self.update_info = update
        self.setWindowTitle(tr("The brief changed"))
        self.setAccessibleName(tr("The brief changed"))
        layout = QVBoxLayout(self)
        if update.old_version == update.new_version:
            head = tr("The brief “{id}” (version {new}) was modified since this design was made.")
        else:
            head = tr("The brief “{id}” changed: version {old} → version {new}.")
        self.headline = QLabel(
            head.format(id=update.brief_id, old=update.old_version, new=update.new_version), self
        )
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.changes = QListWidget(self)
        self.changes.setAccessibleName(tr("What changed"))
        self.changes.addItems([change.text for change in update.changes])
        if update.previous_known and update.changes:
            layout.addWidget(QLabel(tr("What changed:"), self))
            layout.addWidget(self.changes)
        else:
            self.changes.hide()
            unknown = QLabel(
                tr(
                    "The version this design was made from is not on this computer any more, "
                    "so the changes cannot be listed: read the new brief in the Brief panel."
                ),
                self,
            )
            unknown.setWordWrap(True)
            layout.addWidget(unknown)
        buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.use_button = buttons.addButton(tr("Use the new version"), role.AcceptRole)
        self.keep_button = buttons.addButton(
            tr("Keep version {old}").format(old=update.old_version), role.RejectRole
        )
        self.new_button: QPushButton | None = None
        if offer_new_design:
            self.new_button = buttons.addButton(tr("New design from it"), role.ActionRole)
            self.new_button.clicked.connect(lambda: self.done(NEW_DESIGN))
        self.use_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 360)


class SetBriefLink(QUndoCommand):
    """Point the design at another version of its brief (and show that brief)."""

    def __init__(self, ctrl: Controller, brief: Brief) -> None:
        super().__init__(tr("Use brief version {version}").format(version=brief.version))
        self.ctrl = ctrl
        self.old = (ctrl.doc.brief, ctrl.brief)
        self.new = (BriefLink(brief.id, brief.version, brief.sha256), brief)

    def _apply(self, link: BriefLink | None, brief: Brief | None) -> None:
        self.ctrl.doc.brief = link
        self.ctrl.brief = brief
        self.ctrl.brief_changed.emit()
        self.ctrl.structure_changed.emit()

    def redo(self) -> None:
        self._apply(*self.new)

    def undo(self) -> None:
        self._apply(*self.old)
