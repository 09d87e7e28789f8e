"""The first-run tour: three callouts (the brief, the canvas, the checks), each pointing at its
widget, with Next and Skip; non-modal, so the user can already work while reading.

It starts the first time a design is open (``tour/shown``) and from Help → Show the Tour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studio.gui.i18n import tr

if TYPE_CHECKING:
    from studio.gui.mainwindow import MainWindow


def steps(window: MainWindow) -> list[tuple[QWidget, str, str]]:
    """(widget pointed at, title, text) for each callout, in order."""
    return [
        (
            window.docks["Brief"],
            tr("The brief"),
            tr("What the brand asks for: sizes, colours, required logo and deadline. Keep it "
               "open while you draw."),
        ),
        (
            window.view,
            tr("The canvas"),
            tr("Draw here. The artboard has the brief's size; the dashed lines show the bleed "
               "and the safe area."),
        ),
        (
            window.docks["Checks"],
            tr("The checks"),
            tr("Every rule of the brief, checked as you work. Fix what is red before you "
               "export."),
        ),
    ]  # fmt: skip


class Tour(QFrame):
    """A callout floating over the window, beside the widget of the current step."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("tour-callout")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.setAccessibleName(tr("Tour"))
        self.setFixedWidth(320)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.pointer = QLabel(self)  # an arrow towards the widget the step is about
        self.pointer.setAccessibleName(tr("Points at"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.counter = QLabel(self)
        self.skip_button = QPushButton(tr("&Skip Tour"), self)
        self.next_button = QPushButton(tr("&Next"), self)
        self.skip_button.clicked.connect(self.finish)
        self.next_button.clicked.connect(self.next)
        row = QHBoxLayout()
        row.addWidget(self.counter)
        row.addStretch(1)
        row.addWidget(self.skip_button)
        row.addWidget(self.next_button)
        heading = QHBoxLayout()
        heading.addWidget(self.pointer)
        heading.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.steps = steps(window)
        self.index = -1
        self.target: QWidget | None = None

    def start(self) -> None:
        self.index = -1
        self.next()

    def next(self) -> None:
        self.index += 1
        if self.index >= len(self.steps):
            self.finish()
            return
        target, title, text = self.steps[self.index]
        if hasattr(target, "raise_") and target.isWindow() is False:
            target.show()
            target.raise_()  # a tabified dock comes to the front
        self.target = target
        self.title.setText(title)
        self.text.setText(text)
        self.counter.setText(tr("{n} of {total}").format(n=self.index + 1, total=len(self.steps)))
        last = self.index == len(self.steps) - 1
        self.next_button.setText(tr("&Done") if last else tr("&Next"))
        self.adjustSize()
        self.move(self.place(target))
        self.show()
        self.raise_()
        self.next_button.setFocus()

    def place(self, target: QWidget) -> QPoint:
        """Beside the target (right of it, else left, else over its middle), inside the
        window."""
        win = self.window_
        top_left = target.mapTo(win, QPoint(0, 0))
        x = top_left.x() + target.width() + 8
        self.pointer.setText("◀")
        if x + self.width() > win.width():
            x = top_left.x() - self.width() - 8
            self.pointer.setText("▶")
        if x < 0:
            x = top_left.x() + (target.width() - self.width()) // 2
            self.pointer.setText("▲")
        y = top_left.y() + 24
        x = max(0, min(x, win.width() - self.width()))
        y = max(0, min(y, win.height() - self.height()))
        return QPoint(x, y)

    def finish(self) -> None:
        self.window_.store.set("tour/shown", True)
        self.hide()
        self.target = None


def tour_for(window: MainWindow) -> Tour:
    tour = getattr(window, "tour", None)
    if tour is None:
        tour = Tour(window)
        window.tour = tour  # type: ignore[attr-defined]
    return tour


def show_tour(window: MainWindow) -> Tour:
    """Help → Show the Tour: from the first callout (opens nothing; on the welcome page the
    panels are hidden, so it says so in the status bar instead)."""
    tour = tour_for(window)
    if window.stack.currentIndex() == 0:
        window.statusBar().showMessage(tr("Open a brief or a design to take the tour."), 4000)
        return tour
    tour.start()
    return tour


def start_on_first_design(window: MainWindow) -> None:
    """Show the tour the first time a design is open, once per user."""

    def maybe() -> None:
        if not window.store.get("tour/shown") and window.stack.currentIndex() == 1:
            window.ctrl.document_replaced.disconnect(maybe)
            tour_for(window).start()

    window.ctrl.document_replaced.connect(maybe)
