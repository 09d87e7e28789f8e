"""The outbox dock: every job with its state, progress and link, and Cancel / Retry / Open link.

The table is refreshed from the SQLite store by a 500 ms timer (the store is in WAL mode, so
reading while the worker writes is fine, and jobs queued by the CLI show up too). Row text and
colours come from :mod:`studio.outbox.view`; progress arrives by the runner's signal.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.gui.i18n import N_, marked, tr
from studio.gui.outbox_runner import OutboxRunner
from studio.outbox import view
from studio.outbox.jobs import State
from studio.outbox.store import Store

COLUMNS = (
    N_("Package"),
    N_("Connector"),
    N_("State"),
    N_("Attempts"),
    N_("Progress / link"),
    N_("Last error"),
)
PROGRESS_COLUMN = 4
REFRESH_MS = 500
SELECTION_STYLE = "QTableWidget::item:selected { background: #d6e6fa; color: #111111; }"


class OutboxPanel(QWidget):
    """Shows ``store``; actions go through ``runner`` (an OutboxRunner) when one is given."""

    def __init__(self, store: Store, runner: OutboxRunner | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(tr("Outbox"))
        self.store = store
        self.runner = runner
        self.online: bool | None = runner.online if runner is not None else None
        self._progress: dict[int, tuple[int, int]] = {}
        self._rows: list[view.JobRow] = []

        self.header = QLabel()
        self.header.setObjectName("outboxHeader")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([marked(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # A light selection keeps the state colours and the blue link readable when selected.
        self.table.setStyleSheet(SELECTION_STYLE)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROGRESS_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(PROGRESS_COLUMN, 220)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.cancel_button = QPushButton(tr("Cancel"))
        self.retry_button = QPushButton(tr("Retry"))
        self.open_button = QPushButton(tr("Open link"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.retry_button.clicked.connect(self.retry_selected)
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.header, 1)
        for button in (self.cancel_button, self.retry_button, self.open_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        if runner is not None:
            runner.progress.connect(self.show_progress)
            runner.changed.connect(self.refresh)
            runner.online_changed.connect(self._set_online)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # -- rendering --------------------------------------------------------------------------
    def _set_online(self, online: bool) -> None:
        self.online = online
        self.refresh()

    def show_progress(self, job_id: int, done: int, total: int) -> None:
        self._progress[job_id] = (done, total)
        for index, row in enumerate(self._rows):
            if row.id == job_id:
                bar = self.table.cellWidget(index, PROGRESS_COLUMN)
                if isinstance(bar, QProgressBar):
                    self._set_bar(bar, job_id)

    def _set_bar(self, bar: QProgressBar, job_id: int) -> None:
        done, total = self._progress.get(job_id, (0, 0))
        bar.setRange(0, 1000)
        bar.setValue(int(1000 * done / total) if total else 0)
        bar.setFormat(f"{100 * done / total:.0f} %" if total else "starting…")

    def refresh(self) -> None:
        jobs = self.store.all()
        selected = self.selected()
        self._rows = [view.row(job) for job in jobs]
        self.header.setText(view.header(jobs, self.online))
        self.table.setRowCount(len(self._rows))
        for index, row in enumerate(self._rows):
            self._fill(index, row)
        if selected is not None:
            for index, row in enumerate(self._rows):
                if row.id == selected.id:
                    self.table.selectRow(index)
        self._update_buttons()

    def _fill(self, index: int, row: view.JobRow) -> None:
        texts = (row.package, row.connector, row.label, str(row.attempts), "", row.error)
        for column, text in enumerate(texts):
            item = self.table.item(index, column)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(index, column, item)
            item.setText(text)
            item.setToolTip(row.error_full if column == len(texts) - 1 else text)
            if column == 2:
                item.setForeground(QColor(row.colour))
            elif column == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self._fill_progress(index, row)

    def _fill_progress(self, index: int, row: view.JobRow) -> None:
        """A progress bar while uploading, a clickable link when done, nothing otherwise."""
        current = self.table.cellWidget(index, PROGRESS_COLUMN)
        if row.state == State.UPLOADING:
            if not isinstance(current, QProgressBar) or current.property("job") != row.id:
                current = QProgressBar()
                current.setProperty("job", row.id)
                self.table.setCellWidget(index, PROGRESS_COLUMN, current)
            self._set_bar(current, row.id)
        elif row.link:
            if not isinstance(current, QLabel) or current.property("link") != row.link:
                label = QLabel(f'<a href="{row.link}">{view.link_text(row.link)}</a>')
                label.setProperty("link", row.link)
                label.setContentsMargins(4, 0, 4, 0)
                label.setToolTip(row.link)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
                self.table.setCellWidget(index, PROGRESS_COLUMN, label)
        elif current is not None:
            self.table.removeCellWidget(index, PROGRESS_COLUMN)

    # -- actions ----------------------------------------------------------------------------
    def rows(self) -> list[view.JobRow]:
        return list(self._rows)

    def selected(self) -> view.JobRow | None:
        index = self.table.currentRow()
        chosen = self.table.selectionModel().selectedRows()
        return self._rows[index] if chosen and 0 <= index < len(self._rows) else None

    def select_job(self, job_id: int) -> None:
        self.table.selectRow(next(i for i, r in enumerate(self._rows) if r.id == job_id))

    def _update_buttons(self) -> None:
        row = self.selected()
        self.cancel_button.setEnabled(row is not None and row.can_cancel)
        self.retry_button.setEnabled(row is not None and row.can_retry)
        self.open_button.setEnabled(row is not None and bool(row.link))

    def cancel_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if self.runner is not None:
            self.runner.cancel(row.id)
        else:
            self.store.cancel(row.id)
        self.refresh()

    def retry_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if self.runner is not None:
            self.runner.retry(row.id)
        else:
            self.store.retry(row.id, time.time())
        self.refresh()

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None and row.link:
            QDesktopServices.openUrl(QUrl(row.link))
