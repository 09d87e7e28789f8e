"""The start page: open or write a brief, open a design, the sample briefs as cards with a
picture, and the recent files by title and folder.

The sample pictures are rendered after the page first shows, one per turn of the event loop
(and cached by ``studio.thumbnails``), so the window appears at once and the cards fill in a
moment later. Not in a worker thread: the renderer's options object (resvg) must stay on the
thread that made it.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.errors import InputError
from studio.gui.i18n import tr

PATH_ROLE = Qt.ItemDataRole.UserRole
CARD_PX = 160  # the sample cards' pictures


def kind_label(kind: str) -> str:
    return {"tshirt": tr("T-shirt"), "ad": tr("Display ad")}.get(kind, kind)


def sample_card(path: Path) -> tuple[str, str, str]:
    """(title, brand, kind) of a sample brief, read without validating it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path.stem, "", ""
    brand = raw.get("brand", {}).get("name", "") if isinstance(raw.get("brand"), dict) else ""
    return str(raw.get("title", path.stem)), str(brand), kind_label(str(raw.get("kind", "")))


def sample_paths() -> list[Path]:
    """The sample briefs, one card each. The modules behind the content (the samples, the
    recent files' titles, the thumbnails) load with the content, when the page is shown."""
    from studio.samples import SAMPLES, sample_brief_path

    return [sample_brief_path(name) for name in SAMPLES]


def placeholder(size: int = CARD_PX) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    return pixmap


class WelcomePage(QWidget):
    open_brief_requested = Signal()
    open_design_requested = Signal()
    new_brief_requested = Signal()
    path_chosen = Signal(str)
    thumbnails_finished = Signal()  # every sample card has its picture (or has none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Welcome"))
        self._built = False
        self._recent: tuple[list[str], list[str]] = ([], [])
        self._pending: list[str] = []
        self._thumbnails_started = False

    def build(self) -> None:
        """Make the page's content, once, when it is first shown (or asked for): not with the
        window, since a design opened at start hides the page before anyone sees it, and its
        cards and recent files (read from disk) would only delay the first frame."""
        if self._built:
            return
        self._built = True
        self._make_content()
        if self.isVisible():  # Qt shows a visible widget's new children only when told to
            for child in self.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                child.show()
            layout = self.layout()
            if layout is not None:
                layout.activate()  # now, not at the next pass: before the frame is painted

    def _make_content(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(14)
        title = QLabel(
            "<h1>Motif Studio</h1><p>"
            + tr("Design print-ready motifs and ad visuals that answer a brand's brief.")
            + "</p>",
            self,
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(title)
        outer.addLayout(self._buttons())
        samples_box = QGroupBox(tr("Start from a sample brief"), self)
        samples_layout = QVBoxLayout(samples_box)
        self.samples = self._sample_list(samples_box)
        samples_layout.addWidget(self.samples)
        outer.addWidget(samples_box)
        recent = QHBoxLayout()
        recent.setSpacing(14)
        self.recent_designs, self.designs_empty = self._recent_list(
            tr("Recent designs"),
            tr("No recent designs yet.\nStart from a sample brief above, or open a design."),
            recent,
        )
        self.recent_briefs, self.briefs_empty = self._recent_list(
            tr("Recent briefs"),
            tr("No recent briefs yet.\nOpen the brief a brand sent you, or write one."),
            recent,
        )
        outer.addLayout(recent, 1)
        self._fill_recent(*self._recent)

    # --- building ----------------------------------------------------------------------------
    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_brief = QPushButton(tr("Open a brief…"), self)
        self.open_brief.setAccessibleName(tr("Open a brief"))
        self.open_brief.setDefault(True)
        self.open_brief.clicked.connect(self.open_brief_requested)
        self.open_design = QPushButton(tr("Open a design…"), self)
        self.open_design.setAccessibleName(tr("Open a design"))
        self.open_design.clicked.connect(self.open_design_requested)
        self.new_brief = QPushButton(tr("Write a new brief…"), self)
        self.new_brief.setAccessibleName(tr("Write a new brief"))
        self.new_brief.setToolTip(tr("For brands: write a brief and try it as a creator"))
        self.new_brief.clicked.connect(self.new_brief_requested)
        for button in (self.open_brief, self.open_design, self.new_brief):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _sample_list(self, parent: QWidget) -> QListWidget:
        cards = QListWidget(parent)
        cards.setAccessibleName(tr("Sample briefs"))
        cards.setViewMode(QListView.ViewMode.IconMode)
        cards.setFlow(QListView.Flow.LeftToRight)
        cards.setWrapping(False)
        cards.setMovement(QListView.Movement.Static)
        cards.setResizeMode(QListView.ResizeMode.Adjust)
        cards.setWordWrap(True)
        cards.setIconSize(QSize(CARD_PX, CARD_PX))
        cards.setGridSize(QSize(CARD_PX + 110, CARD_PX + 56))
        cards.setSpacing(8)
        cards.setFixedHeight(CARD_PX + 76)
        cards.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        cards.itemActivated.connect(self._activated)
        for path in sample_paths():
            title, brand, kind = sample_card(path)
            item = QListWidgetItem(QIcon(placeholder()), f"{title}\n{brand} · {kind}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(tr("Start a design from this sample brief") + f"\n{path}")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                tr("{title}, {kind} brief by {brand}").format(title=title, kind=kind, brand=brand),
            )
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            cards.addItem(item)
        cards.setCurrentRow(0)
        return cards

    def _recent_list(
        self, title: str, empty_text: str, row: QHBoxLayout
    ) -> tuple[QListWidget, QLabel]:
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        stack = QStackedWidget(box)
        widget = QListWidget(stack)
        widget.setAccessibleName(title)
        widget.setAlternatingRowColors(True)
        widget.itemActivated.connect(self._activated)
        empty = QLabel(empty_text, stack)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setEnabled(False)  # drawn in the muted colour of the theme
        empty.setAccessibleName(empty_text)
        stack.addWidget(widget)
        stack.addWidget(empty)
        layout.addWidget(stack)
        row.addWidget(box, 1)
        return widget, empty

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.path_chosen.emit(path)

    # --- content -------------------------------------------------------------------------
    def set_recent(self, designs: list[str], briefs: list[str]) -> None:
        """The recent files to list (now if the page is built, else when it is)."""
        self._recent = (list(designs), list(briefs))
        if self._built:
            self._fill_recent(*self._recent)

    def _fill_recent(self, designs: list[str], briefs: list[str]) -> None:
        from studio.recent import recent_entry

        for widget, empty, paths in (
            (self.recent_designs, self.designs_empty, designs),
            (self.recent_briefs, self.briefs_empty, briefs),
        ):
            widget.clear()
            for path in paths:
                entry = recent_entry(path)
                missing = "" if entry.exists else " " + tr("(missing)")
                item = QListWidgetItem(f"{entry.title}{missing}\n{entry.folder} · {entry.name}")
                item.setData(PATH_ROLE, path)
                item.setToolTip(path)
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole,
                    tr("{title}, {name} in {folder}").format(
                        title=entry.title, name=entry.name, folder=entry.folder
                    )
                    + missing,
                )
                if not entry.exists:
                    item.setForeground(self.palette().placeholderText())
                widget.addItem(item)
            stack = widget.parentWidget()
            assert isinstance(stack, QStackedWidget)
            stack.setCurrentWidget(widget if paths else empty)

    # --- thumbnails ------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)
        if not self._thumbnails_started:
            self._thumbnails_started = True
            self._pending = [
                self.samples.item(r).data(PATH_ROLE) for r in range(self.samples.count())
            ]
            QTimer.singleShot(0, self._next_thumbnail)

    @property
    def thumbnails_ready(self) -> bool:
        return self._thumbnails_started and not self._pending

    def _next_thumbnail(self) -> None:
        """One picture per turn of the event loop, so the window stays responsive."""
        if not self._pending:
            return
        from studio.thumbnails import brief_thumbnail

        path = self._pending.pop(0)
        try:
            data = brief_thumbnail(path, CARD_PX)
        except (InputError, OSError):
            data = b""  # a missing picture must not break the page
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data, "PNG"):
            self._set_thumbnail(path, pixmap)
        if self._pending:
            QTimer.singleShot(0, self._next_thumbnail)
        else:
            self.thumbnails_finished.emit()

    def _set_thumbnail(self, path: str, pixmap: QPixmap) -> None:
        canvas = placeholder()
        painter = QPainter(canvas)
        x, y = (CARD_PX - pixmap.width()) // 2, (CARD_PX - pixmap.height()) // 2
        painter.fillRect(x + 3, y + 3, pixmap.width(), pixmap.height(), QColor(0, 0, 0, 40))
        painter.fillRect(x, y, pixmap.width(), pixmap.height(), QColor("white"))
        painter.drawPixmap(x, y, pixmap)
        painter.setPen(QColor(0, 0, 0, 60))
        painter.drawRect(x, y, pixmap.width() - 1, pixmap.height() - 1)
        painter.end()
        icon = QIcon(canvas)
        icon.addPixmap(canvas, QIcon.Mode.Selected)  # the picture, not tinted by the selection
        for row in range(self.samples.count()):
            item = self.samples.item(row)
            if item.data(PATH_ROLE) == path:
                item.setIcon(icon)
