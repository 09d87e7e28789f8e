"""The Checks dock and its status-bar badge: the brief's preflight, live, as the user edits.

The checking itself runs on a worker thread (:mod:`studio.gui.checks_runner`); what to say
comes from :mod:`studio.checks.presentation`; a fix is one undo step
(:mod:`studio.gui.fix_command`). This module only lays findings out, shows where one is on
the canvas (a dashed red box over the scene, gone when the selection moves on) and keeps the
badge in step. ``install_badge`` and ``shutdown`` are the main window's only hooks.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPen
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGraphicsRectItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.checks import presentation
from studio.checks.model import Finding, Report
from studio.gui.checks_runner import CheckRunner
from studio.gui.controller import Controller
from studio.gui.i18n import tr

HIGHLIGHT_Z = 9_000  # above the zones (5 000), below the selection handles (10 000)
HIGHLIGHT_PAD_PX = 7.0
SLOW_CHECK_MS = 400  # the badge says "Checking…" only when a check takes longer
TONES = {"ok": "#2e7d32", "problem": "#c62828", "busy": "#616161", "none": "#616161"}


class FindingCard(QFrame):
    """One finding: its message in plain words, the rule id in the tooltip, a fix button."""

    chosen = Signal(object)  # Finding
    fix_requested = Signal(object)  # Finding

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setObjectName("finding-card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(presentation.tooltip(finding))
        self.setAccessibleName(finding.message)
        self.setAccessibleDescription(finding.rule)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel(finding.message, self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label)
        self.fix_button: QPushButton | None = None
        if finding.fix is not None:
            self.fix_button = QPushButton(finding.fix.label, self)
            self.fix_button.setAccessibleName(tr("Fix: {label}").format(label=finding.fix.label))
            self.fix_button.setToolTip(tr("Fix it (one step you can undo)"))
            self.fix_button.clicked.connect(lambda: self.fix_requested.emit(self.finding))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.fix_button)
            layout.addLayout(row)
        self.set_current(False)

    def set_current(self, on: bool) -> None:
        self.setProperty("current", on)
        border = "#c62828" if on else "palette(mid)"
        self.setStyleSheet(f"#finding-card {{ border: 1px solid {border}; border-radius: 4px; }}")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.finding)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.finding)
            return
        super().keyPressEvent(event)


class ChecksPanel(QWidget):
    """Findings grouped by severity; mirrors the runner's reports, edits only through fixes."""

    def __init__(
        self,
        ctrl: Controller,
        scene: QGraphicsScene | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.scene = scene
        self.runner = CheckRunner(ctrl, self)
        self.cards: list[FindingCard] = []
        self.headers: list[QLabel] = []
        self.current: Finding | None = None
        self.highlight: QGraphicsRectItem | None = None
        self._selected_for: list[str] | None = None  # the selection a finding click made
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("Checks status"))
        outer.addWidget(self.status)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget(self.scroll_area)
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.rows.addStretch(1)
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        self.runner.report_ready.connect(self.show_report)
        self.runner.busy_changed.connect(lambda _: self._update_status())
        self.runner.failed.connect(self._failed)
        ctrl.selection_changed.connect(self._selection_changed)
        ctrl.document_replaced.connect(self._document_replaced)
        self._update_status()

    # --- the list ----------------------------------------------------------------------------
    def show_report(self, report: Report) -> None:
        for widget in (*self.cards, *self.headers):
            self.rows.removeWidget(widget)
            widget.deleteLater()
        self.cards, self.headers = [], []
        keep = presentation.finding_key(self.current) if self.current else None
        still: Finding | None = None
        at = 0
        for section in presentation.sections(report):
            header = QLabel(f"<b>{section.title}</b>", self.body)
            header.setObjectName(f"checks-{section.severity}-header")
            header.setAccessibleName(section.title)
            self.rows.insertWidget(at, header)
            self.headers.append(header)
            at += 1
            for finding in section.findings:
                card = FindingCard(finding, self.body)
                card.chosen.connect(self.choose)
                card.fix_requested.connect(self.fix)
                if keep is not None and presentation.finding_key(finding) == keep:
                    still = finding
                    card.set_current(True)
                self.rows.insertWidget(at, card)
                self.cards.append(card)
                at += 1
        self.current = still
        if still is None:
            self.clear_highlight()
        else:
            self._show_highlight(still)
        self._update_status()

    def _update_status(self) -> None:
        report, busy = self.runner.report, self.runner.busy
        has_brief = self.runner.has_brief
        if report is not None and report.findings and has_brief:
            text = tr("Checking…") if busy else ""
        else:
            text = presentation.empty_message(None if busy else report, has_brief=has_brief)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _failed(self, error: str) -> None:
        self.status.setText(tr("The check could not run: {error}").format(error=error))
        self.status.setVisible(True)

    # --- choosing a finding ------------------------------------------------------------------
    def choose(self, finding: Finding) -> None:
        """Select the finding's element and frame where the problem is on the canvas."""
        self.current = finding
        for card in self.cards:
            card.set_current(card.finding is finding)
        ids = [finding.element] if finding.element and self.ctrl.doc.find(finding.element) else []
        self._selected_for = ids
        self.ctrl.select(ids)
        self._show_highlight(finding)

    def _show_highlight(self, finding: Finding) -> None:
        if self.scene is None or finding.bbox is None:
            self.clear_highlight()
            return
        if self.highlight is None or self.highlight.scene() is not self.scene:
            self.highlight = QGraphicsRectItem()
            pen = QPen(QColor("#e53935"), 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self.highlight.setPen(pen)
            self.highlight.setBrush(QColor(229, 57, 53, 40))
            self.highlight.setZValue(HIGHLIGHT_Z)
            self.highlight.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.highlight.setToolTip(finding.message)
            self.scene.addItem(self.highlight)
        x, y, w, h = finding.bbox
        views = self.scene.views()
        # A few screen pixels outside the selection box, so its handles do not hide it.
        px_per_mm = views[0].transform().m11() if views else 1.0
        pad = HIGHLIGHT_PAD_PX / max(px_per_mm, 1e-6)
        self.highlight.setRect(QRectF(x - pad, y - pad, w + 2 * pad, h + 2 * pad))
        self.highlight.setToolTip(finding.message)
        for view in views:
            view.ensureVisible(self.highlight, 20, 20)

    def clear_highlight(self) -> None:
        if self.highlight is not None and self.scene is not None and self.highlight.scene():
            self.scene.removeItem(self.highlight)
        self.highlight = None

    def _selection_changed(self, ids: list[str]) -> None:
        if self._selected_for is not None and ids == self._selected_for:
            return
        self._selected_for = None
        self.current = None
        for card in self.cards:
            card.set_current(False)
        self.clear_highlight()

    def _document_replaced(self) -> None:
        self.clear_highlight()
        self.current, self._selected_for = None, None
        self.show_report(Report("", 0, ""))

    # --- fixing ------------------------------------------------------------------------------
    def fix(self, finding: Finding) -> None:
        from studio.gui.fix_command import apply_fix  # numpy and the fixes load on first use

        if finding.fix is not None and apply_fix(self.ctrl, finding.fix):
            self.runner.schedule(now=True)

    def shutdown(self) -> None:
        self.runner.shutdown()


class StatusBadge(QToolButton):
    """ "Ready to submit" / "3 problems" / "Checking…" in the status bar; a click shows the
    Checks dock."""

    def __init__(self, panel: ChecksPanel, dock: QDockWidget | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.panel, self.dock = panel, dock
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self.show_checks)
        # A re-check after a nudge takes tens of milliseconds: saying "Checking…" for each
        # would make the badge flicker, so it says so only when a check takes a while.
        self._slow = QTimer(self, singleShot=True, interval=SLOW_CHECK_MS)
        self._slow.timeout.connect(self.refresh)
        panel.runner.report_ready.connect(lambda _: self.refresh())
        panel.runner.busy_changed.connect(self._busy_changed)
        panel.ctrl.document_replaced.connect(self.refresh)
        self.refresh()

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._slow.start()
        else:
            self._slow.stop()
        self.refresh()

    def refresh(self) -> None:
        runner = self.panel.runner
        slow = runner.busy and not self._slow.isActive()
        badge = presentation.badge(runner.report, checking=slow, has_brief=runner.has_brief)
        self.setText(badge.text)
        self.setToolTip(badge.tooltip)
        self.setAccessibleName(tr("Checks: {state}").format(state=badge.text))
        self.setProperty("tone", badge.tone)
        self.setStyleSheet(
            f"QToolButton {{ color: white; background: {TONES[badge.tone]};"
            " border-radius: 8px; padding: 1px 10px; font-weight: bold; }"
        )
        self.setVisible(self.panel.ctrl.has_document)

    def show_checks(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
        self.panel.setFocus()


def create_checks_panel(
    ctrl: Controller, scene: QGraphicsScene | None = None, parent: QWidget | None = None
) -> ChecksPanel:
    return ChecksPanel(ctrl, scene, parent)


def install_badge(window: QMainWindow, panel: ChecksPanel, dock: QDockWidget) -> StatusBadge:
    """Put the badge at the left end of the window's permanent status-bar widgets."""
    badge = StatusBadge(panel, dock, window)
    window.statusBar().insertPermanentWidget(0, badge)
    pages = getattr(window, "stack", None)  # the welcome page (0) has nothing to check
    if pages is not None:
        pages.currentChanged.connect(lambda index: badge.setVisible(index != 0))
    return badge
