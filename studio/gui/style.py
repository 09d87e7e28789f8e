"""The app's widget style: Fusion, with the edges of check boxes and text fields drawn in the
theme's border colour.

Fusion draws those edges in the window colour darkened by 40 %, which on the dark theme is the
fields' own background: unchecked boxes (a layer's Locked toggle, "I accept this licence") and
the frames of text and number fields vanished. ``studio.themes`` holds ``border`` (mapped to
``QPalette.Mid``) to 3:1 against the window and the fields; it is what these edges now use.
Focused controls keep Fusion's highlighted outline."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

PE = QStyle.PrimitiveElement
CC = QStyle.ComplexControl


class ThemedStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.setObjectName("motif-fusion")

    def _edge(self, option: QStyleOption, painter: QPainter, round_px: float) -> None:
        if option.state & QStyle.StateFlag.State_HasFocus:
            return  # Fusion's focus outline stays
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(0.5, 0.5)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Mid)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(0, 0, -1, -1)
        if round_px:
            painter.drawRoundedRect(rect, round_px, round_px)
        else:
            painter.drawRect(rect)
        painter.restore()

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == PE.PE_IndicatorCheckBox:
            self._edge(option, painter, 0)
        elif element == PE.PE_FrameLineEdit:
            self._edge(option, painter, 2)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control == CC.CC_SpinBox and getattr(option, "frame", False):
            self._edge(option, painter, 2)


_KEPT: list[ThemedStyle] = []  # the Python object lives as long as the app uses it


def install(app: QApplication) -> None:
    """Make ``app`` use this style (once: a new style repolishes every widget)."""
    if app.style().objectName() != "motif-fusion":
        style = ThemedStyle()
        _KEPT[:] = [style]  # not left to the garbage collector while Qt draws with it
        app.setStyle(style)
