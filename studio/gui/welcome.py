"""The start page: open a brief or a design, the recent ones, and the bundled samples."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.samples import SAMPLES, sample_brief_path

PATH_ROLE = Qt.ItemDataRole.UserRole


class WelcomePage(QWidget):
    open_brief_requested = Signal()
    open_design_requested = Signal()
    path_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 36, 48, 36)
        title = QLabel(
            "<h1>Motif Studio</h1><p>Design print-ready motifs and ad visuals that "
            "answer a brand's brief.</p>",
            self,
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(title)
        buttons = QHBoxLayout()
        self.open_brief = QPushButton("Open a brief…", self)
        self.open_brief.setAccessibleName("Open a brief")
        self.open_brief.setDefault(True)
        self.open_brief.clicked.connect(self.open_brief_requested)
        self.open_design = QPushButton("Open a design…", self)
        self.open_design.setAccessibleName("Open a design")
        self.open_design.clicked.connect(self.open_design_requested)
        buttons.addWidget(self.open_brief)
        buttons.addWidget(self.open_design)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        grid = QGridLayout()
        self.recent_designs = self._list("Recent designs", grid, 0)
        self.recent_briefs = self._list("Recent briefs", grid, 1)
        self.samples = self._list("Sample briefs", grid, 2)
        outer.addLayout(grid, 1)
        for name in SAMPLES:
            path = sample_brief_path(name)
            item = QListWidgetItem(_sample_label(path))
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.samples.addItem(item)

    def _list(self, title: str, grid: QGridLayout, column: int) -> QListWidget:
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        widget = QListWidget(box)
        widget.setAccessibleName(title)
        widget.itemActivated.connect(lambda item: self.path_chosen.emit(item.data(PATH_ROLE)))
        layout.addWidget(widget)
        grid.addWidget(box, 0, column)
        return widget

    def set_recent(self, designs: list[str], briefs: list[str]) -> None:
        for widget, paths in ((self.recent_designs, designs), (self.recent_briefs, briefs)):
            widget.clear()
            for path in paths:
                item = QListWidgetItem(Path(path).name)
                item.setData(PATH_ROLE, path)
                item.setToolTip(path)
                widget.addItem(item)
            if not paths:
                empty = QListWidgetItem("Nothing yet")
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(empty)


def _sample_label(path: Path) -> str:
    import json

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return f"{raw.get('title', path.stem)}"
    except (OSError, ValueError):
        return path.stem
