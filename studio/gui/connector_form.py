"""The settings dialog of one connector, rendered from :mod:`studio.connectors.settings_form`.

This widget only draws the field descriptors and shows the core's verdict; it never decides
what is valid. Secret fields are masked and their values go to the credential store on OK,
never into the returned settings (which the caller may keep in QSettings).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studio.connectors.credentials import CredentialStore
from studio.connectors.manifest import Manifest
from studio.connectors.settings_form import Field, Raw, Result, fields_for, initial_text, validate
from studio.gui.i18n import tr

ERROR_STYLE = "color: #c62828;"
HELP_STYLE = "color: #555555;"
NOTICE_STYLE = "background: #fff4e0; border: 1px solid #e0b060; padding: 6px; color: #4a3000;"


class ConnectorForm(QDialog):
    """Edit one connector's settings; ``settings()`` after ``accepted`` holds the result."""

    def __init__(
        self,
        manifest: Manifest,
        credentials: CredentialStore,
        settings: dict[str, Any] | None = None,
        keyring_notice: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Configure {name}").format(name=manifest.name))
        self.setMinimumWidth(520)
        self._manifest = manifest
        self._credentials = credentials
        self._fields = fields_for(manifest, keyring=not keyring_notice)
        self._stored = frozenset(
            f.name for f in self._fields
            if f.secret and credentials.get(manifest.id, f.name) is not None
        )  # fmt: skip
        self._inputs: dict[str, QLineEdit | QCheckBox | QComboBox] = {}
        self._errors: dict[str, QLabel] = {}
        self._result: Result | None = None
        self._saved: dict[str, Any] = {}

        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{manifest.name}</b> {manifest.version}<br>{manifest.description}")
        title.setWordWrap(True)
        layout.addWidget(title)
        has_secrets = any(f.secret for f in self._fields)
        self.session_only: QCheckBox | None = None
        if keyring_notice and has_secrets:
            notice = QLabel(keyring_notice)
            notice.setWordWrap(True)
            notice.setStyleSheet(NOTICE_STYLE)
            notice.setObjectName("keyringNotice")
            layout.addWidget(notice)
            self.session_only = QCheckBox(tr("Keep passwords and tokens for this session only"))
            self.session_only.toggled.connect(self._revalidate)
            layout.addWidget(self.session_only)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field in self._fields:
            form.addRow(self._label(field), self._row(field, settings or {}))
        layout.addLayout(form)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._revalidate()

    # -- building ---------------------------------------------------------------------------
    def _label(self, field: Field) -> QLabel:
        label = QLabel(f"{field.label}{' *' if field.required else ''}")
        label.setToolTip(field.help)
        return label

    def _row(self, field: Field, settings: dict[str, Any]) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget = self._input(field, initial_text(field, settings))
        widget.setObjectName(f"field_{field.name}")
        widget.setToolTip(field.help)
        self._inputs[field.name] = widget
        column.addWidget(widget)
        if field.help:
            help_label = QLabel(field.help)
            help_label.setWordWrap(True)
            help_label.setStyleSheet(HELP_STYLE)
            column.addWidget(help_label)
        error = QLabel()
        error.setObjectName(f"error_{field.name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self._errors[field.name] = error
        column.addWidget(error)
        return box

    def _input(self, field: Field, value: Raw) -> QLineEdit | QCheckBox | QComboBox:
        if field.kind == "boolean":
            check = QCheckBox()
            check.setChecked(bool(value))
            check.toggled.connect(self._revalidate)
            return check
        if field.kind == "enum":
            combo = QComboBox()
            combo.addItems([str(c) for c in field.choices])
            combo.setCurrentText(str(value))
            combo.currentTextChanged.connect(self._revalidate)
            return combo
        line = QLineEdit(str(value))
        if field.masked:
            line.setEchoMode(QLineEdit.EchoMode.Password)
        if field.secret and field.name in self._stored:
            line.setPlaceholderText(tr("stored; leave empty to keep"))
        elif field.default is not None:
            line.setPlaceholderText(str(field.default))
        elif field.kind == "url":
            line.setPlaceholderText("https://")
        line.textChanged.connect(self._revalidate)
        return line

    # -- state ------------------------------------------------------------------------------
    def raw_values(self) -> dict[str, Raw]:
        values: dict[str, Raw] = {}
        for name, widget in self._inputs.items():
            if isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentText()
            else:
                values[name] = widget.text()
        return values

    def _revalidate(self) -> None:
        result = validate(self._manifest, self._fields, self.raw_values(), self._stored)
        self._result = result
        for name, label in self._errors.items():
            message = result.errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
        general = [m for n, m in result.errors.items() if n not in self._errors]
        tick = self.session_only
        blocked = tick is not None and bool(result.secrets) and not tick.isChecked()
        if blocked:
            general.append("Tick “keep for this session only” to use what you typed, "
                           "or leave the secret fields empty.")  # fmt: skip
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(result.ok and not blocked)

    def accept(self) -> None:
        self._revalidate()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self._result is None or not ok.isEnabled():
            return
        for name, value in self._result.secrets.items():
            self._credentials.set(self._manifest.id, name, value)
        self._saved = dict(self._result.settings)
        super().accept()

    def settings(self) -> dict[str, Any]:
        """The accepted settings; secrets are never among them."""
        return dict(self._saved)

    def error_text(self, name: str) -> str:
        """The message shown under field ``name`` (empty when it is fine)."""
        label = self._errors[name]
        return label.text() if label.isVisibleTo(self) else ""
