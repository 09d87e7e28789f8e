"""The Connectors page: every discovered connector, usable or not, and its settings dialog.

Rows come from :func:`studio.connectors.listing.describe`; an unusable connector is listed in
red with its reason, never hidden. Accepted settings are kept in QSettings as JSON under
``connectors/<id>/settings``; secrets never are (the form sends them to the credential store).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.connectors import registry
from studio.connectors.credentials import CredentialStore
from studio.connectors.listing import ConnectorRow, describe
from studio.gui.connector_form import ConnectorForm
from studio.gui.i18n import N_, marked, tr

COLUMNS = (
    N_("Connector"),
    N_("Version"),
    N_("Status"),
    N_("Sign-in"),
    N_("Contacts"),
    N_("Accepts"),
)
UNUSABLE = QColor("#c62828")


def settings_key(connector_id: str) -> str:
    return f"connectors/{connector_id}/settings"


def saved_settings(store: QSettings, connector_id: str) -> dict[str, Any]:
    """The settings last accepted for a connector ({} when none or unreadable)."""
    text = store.value(settings_key(connector_id), "")
    try:
        value = json.loads(str(text)) if text else {}
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


class ConnectorsPage(QWidget):
    """A table of connectors, their details, and Configure… for the selected one."""

    def __init__(
        self,
        credentials: CredentialStore,
        keyring_notice: str = "",
        entries: list[registry.Entry] | None = None,
        qsettings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Connectors"))
        self._credentials = credentials
        self._notice = keyring_notice
        self._entries = registry.discover() if entries is None else entries
        self._rows = [describe(e) for e in self._entries]
        self.qsettings = qsettings or QSettings()
        self.form: ConnectorForm | None = None

        self.table = QTableWidget(len(self._rows), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([marked(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        for index, row in enumerate(self._rows):
            self._fill(index, row)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.configure_button = QPushButton(tr("Configure…"))
        self.configure_button.clicked.connect(self.configure)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.configure_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selected)
        if self._rows:
            self.table.selectRow(0)
        self._selected()

    def _fill(self, index: int, row: ConnectorRow) -> None:
        texts = (row.name, row.version, row.status, row.auth, row.hosts, row.formats)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(row.status if column == 2 else text)
            if not row.usable:
                item.setForeground(UNUSABLE)
            self.table.setItem(index, column, item)

    def rows(self) -> list[ConnectorRow]:
        return list(self._rows)

    def select(self, connector_id: str) -> None:
        index = next(i for i, r in enumerate(self._rows) if r.id == connector_id)
        self.table.selectRow(index)

    def current(self) -> ConnectorRow | None:
        index = self.table.currentRow()
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def _selected(self) -> None:
        row = self.current()
        self.configure_button.setEnabled(row is not None and row.usable)
        if row is None:
            self.details.setText("")
            return
        self.details.setText(
            f"<b>{row.name}</b> ({row.id}) — {row.status}<br>{row.description}"
            "<br><small>" + tr("from {origin}").format(origin=row.origin) + "</small>"
        )

    def configure(self) -> ConnectorForm | None:
        """Open the settings dialog of the selected connector (non-modal; returned for tests)."""
        index = self.table.currentRow()
        if not 0 <= index < len(self._rows) or not self._rows[index].usable:
            return None
        manifest = self._entries[index].manifest
        assert manifest is not None
        form = ConnectorForm(
            manifest, self._credentials, saved_settings(self.qsettings, manifest.id),
            self._notice, self,
        )  # fmt: skip
        form.accepted.connect(lambda: self._save(manifest.id, form))
        self.form = form
        form.open()
        return form

    def _save(self, connector_id: str, form: ConnectorForm) -> None:
        self.qsettings.setValue(settings_key(connector_id), json.dumps(form.settings()))
        self.qsettings.sync()
