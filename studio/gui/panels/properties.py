"""Position and size in the brief's units, fill and stroke from the palette or a colour picker,
stroke width, font family, size and weight. Edits go to the controller as commands."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QMenu,
    QToolButton,
    QWidget,
)

from studio.document import ops
from studio.document.model import Text
from studio.gui.controller import Controller
from studio.gui.i18n import N_, marked, tr
from studio.gui.tools.text import new_text
from studio.units import from_mm, to_mm

WEIGHTS = [
    (N_("Thin"), 100),
    (N_("Light"), 300),
    (N_("Regular"), 400),
    (N_("Medium"), 500),
    (N_("Bold"), 700),
    (N_("Black"), 900),
]

# Stroke widths are small: 0.5 mm is 0.020 in, so inches and centimetres need a third decimal.
STROKE_DECIMALS = {"in": 3, "cm": 3, "mm": 2, "px": 1, "pt": 2, "pc": 3, "q": 1}


def swatch_icon(color: str | None) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(color) if color else QColor(0, 0, 0, 0))
    return QIcon(pixmap)


class PaintButton(QToolButton):
    """Swatches of the brief's palette, "None", and "Other colour…"."""

    def __init__(self, label: str, on_pick, ctrl: Controller, parent: QWidget) -> None:
        super().__init__(parent)
        self.on_pick, self.ctrl = on_pick, ctrl
        self.setText(label)
        self.setAccessibleName(label)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        for name, color in self.ctrl.palette():
            menu.addAction(swatch_icon(color), name).triggered.connect(
                lambda _=False, c=color: self.on_pick(c)
            )
        menu.addAction(tr("None")).triggered.connect(lambda: self.on_pick(None))
        menu.addAction(tr("Other colour…")).triggered.connect(self._other)

    def _other(self) -> None:
        color = QColorDialog.getColor(
            parent=self, title=tr("{paint} colour").format(paint=self.text())
        )
        if color.isValid():
            self.on_pick(color.name())

    def show_paint(self, paint) -> None:
        self.setIcon(swatch_icon(paint if isinstance(paint, str) else None))


class PropertiesPanel(QWidget):
    def __init__(self, ctrl: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.setAccessibleName(tr("Properties"))
        form = QFormLayout(self)
        self.boxes: dict[str, QDoubleSpinBox] = {}
        for key, label in (("x", "X"), ("y", "Y"), ("w", tr("Width")), ("h", tr("Height"))):
            spin = QDoubleSpinBox(self)
            spin.setRange(-100_000, 100_000)
            spin.setDecimals(2)
            spin.setAccessibleName(label)
            spin.setKeyboardTracking(False)
            spin.editingFinished.connect(self._geometry_edited)
            form.addRow(label, spin)
            self.boxes[key] = spin
        self.fill = PaintButton(tr("Fill"), lambda c: ctrl.set_style("fill", c), ctrl, self)
        self.stroke = PaintButton(tr("Stroke"), lambda c: ctrl.set_style("stroke", c), ctrl, self)
        form.addRow(tr("Fill"), self.fill)
        form.addRow(tr("Stroke"), self.stroke)
        self.stroke_width = QDoubleSpinBox(self, decimals=2, minimum=0, maximum=1000)
        self.stroke_width.setAccessibleName(tr("Stroke width"))
        self.stroke_width.setKeyboardTracking(False)
        self.stroke_width.valueChanged.connect(self._stroke_width_edited)
        form.addRow(tr("Stroke width"), self.stroke_width)
        self.family = QFontComboBox(self)
        self.family.setAccessibleName(tr("Font family"))
        self.family.currentFontChanged.connect(lambda f: self._text_edit("family", f.family()))
        form.addRow(tr("Font"), self.family)
        self.font_size = QDoubleSpinBox(self, decimals=1, minimum=1, maximum=2000, suffix=" pt")
        self.font_size.setAccessibleName(tr("Font size"))
        self.font_size.setKeyboardTracking(False)
        self.font_size.valueChanged.connect(
            lambda v: self._text_edit("size", to_mm(v, *self._font_unit()))
        )
        form.addRow(tr("Size"), self.font_size)
        self.weight = QComboBox(self)
        self.weight.setAccessibleName(tr("Font weight"))
        for name, value in WEIGHTS:
            self.weight.addItem(marked(name), value)
        self.weight.currentIndexChanged.connect(
            lambda i: self._text_edit("weight", self.weight.itemData(i))
        )
        form.addRow(tr("Weight"), self.weight)
        self._updating = False
        ctrl.selection_changed.connect(self.refresh)
        ctrl.elements_changed.connect(self.refresh)
        ctrl.structure_changed.connect(self.refresh)
        ctrl.document_replaced.connect(self.refresh)
        self.refresh()

    def _unit(self) -> tuple[str, float]:
        return self.ctrl.doc.unit, self.ctrl.doc.dpi

    def _font_unit(self) -> tuple[str, float]:
        """Text sizes in points, or in pixels on a pixel brief (whose rules say "14 px")."""
        doc = self.ctrl.doc
        return ("px", doc.dpi) if doc.unit == "px" else ("pt", 72.0)

    def refresh(self, *_: object) -> None:
        self._updating = True
        unit, dpi = self._unit()
        box = ops.selection_box(self.ctrl.doc, self.ctrl.selection)
        values = (box.x, box.y, box.width, box.height) if box else (0, 0, 0, 0)
        for spin, value in zip(self.boxes.values(), values, strict=True):
            spin.setSuffix(f" {unit}")
            spin.setValue(from_mm(value, unit, dpi))
            spin.setEnabled(box is not None)
        selected = self.ctrl.selected()
        first = selected[0] if selected else None
        self.fill.show_paint(first.style.fill if first else self.ctrl.fill)
        self.stroke.show_paint(first.style.stroke if first else self.ctrl.stroke)
        # In the brief's unit like the other lengths ("Lines at least 0.02 in thick"): a bare
        # 1.00 read as an inch while it meant a millimetre.
        self.stroke_width.setSuffix(f" {unit}")
        self.stroke_width.setDecimals(STROKE_DECIMALS.get(unit, 2))
        self.stroke_width.setSingleStep(10 ** -(STROKE_DECIMALS.get(unit, 2) - 1))
        width = first.style.stroke_width if first else self.ctrl.stroke_width
        self.stroke_width.setValue(from_mm(width, unit, dpi))
        text = first if isinstance(first, Text) else None
        for widget in (self.family, self.font_size, self.weight):
            widget.setEnabled(text is not None)
        # With no text selected, the disabled fields show what the next text will be.
        shown = text if text is not None else new_text(self.ctrl)
        self.family.setCurrentFont(QFont(shown.family))
        if self.family.currentText() != shown.family:
            # A family this computer lacks (the brief's Noto Sans, say): the list falls back on
            # the nearest installed one, but the text keeps its own, so that is what shows.
            self.family.setEditText(shown.family)
        font_unit = self._font_unit()
        self.font_size.setSuffix(f" {font_unit[0]}")
        self.font_size.setValue(from_mm(shown.size, *font_unit))
        index = self.weight.findData(shown.weight)
        self.weight.setCurrentIndex(index if index >= 0 else 2)
        self._updating = False

    def _geometry_edited(self) -> None:
        if self._updating or not self.ctrl.selection:
            return
        unit, dpi = self._unit()
        x, y, w, h = (to_mm(s.value(), unit, dpi) for s in self.boxes.values())
        self.ctrl.set_geometry(x, y, w, h)

    def _stroke_width_edited(self, value: float) -> None:
        if not self._updating:
            self.ctrl.set_style("stroke_width", to_mm(value, *self._unit()))

    def _text_edit(self, attr: str, value) -> None:
        if self._updating:
            return
        ids = [e.id for e in self.ctrl.selected() if isinstance(e, Text)]
        self.ctrl.set_attrs(
            {i: {attr: value} for i in ops.movable(self.ctrl.doc, ids)},
            {
                "family": tr("Set font family"),
                "size": tr("Set font size"),
                "weight": tr("Set font weight"),
            }.get(attr, attr),
        )
