"""The "New brief" window: a form generated from the brief schema, a live canvas preview,
palette editing with ΔE warnings, and "Try it" to open the draft as a creator would.

A thin view over :class:`studio.brands.draft.BriefDraft`: widgets show fields and forward
edits; the draft decides what the brief is and what is wrong with it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.brands.draft import BriefDraft, FieldSpec, field_text, form_fields
from studio.brief.model import Brief
from studio.gui.i18n import tr

PREVIEW_PX = 420
PALETTE_COLUMNS = ("name", "color", "pantone")


class BriefEditor(QWidget):
    """Edits a :class:`BriefDraft`. ``tryIt`` carries the draft as a Brief."""

    tryIt = Signal(object)
    changed = Signal()

    def __init__(self, draft: BriefDraft | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New brief"))
        self.draft = draft or BriefDraft.new()
        self.fields: dict[str, QWidget] = {}
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self.refresh)
        self._filling = False

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_form())
        splitter.addWidget(self._build_side())
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    # -- building --------------------------------------------------------------------------
    def _build_form(self) -> QWidget:
        inner = QWidget()
        column = QVBoxLayout(inner)
        groups: dict[str, QFormLayout] = {}
        for spec in form_fields():
            if spec.group not in groups:
                box = QGroupBox(spec.group)
                groups[spec.group] = QFormLayout(box)
                column.addWidget(box)
            widget = self._field_widget(spec)
            widget.setToolTip(spec.help)
            widget.setObjectName(spec.path)
            label = QLabel(spec.title + (" *" if spec.required else ""))
            label.setToolTip(spec.help)
            groups[spec.group].addRow(label, widget)
            self.fields[spec.path] = widget
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _field_widget(self, spec: FieldSpec) -> QWidget:
        value = self.draft.get(spec.path)
        widget: QWidget
        if spec.kind == "boolean":
            box = QCheckBox()
            box.setChecked(bool(value))
            box.toggled.connect(lambda on, s=spec: self._edit(s, on))
            widget = box
        elif spec.kind == "choice":
            combo = QComboBox()
            combo.addItems(([] if spec.required else [""]) + list(spec.choices))
            combo.setCurrentText(field_text(value))
            combo.currentTextChanged.connect(lambda text, s=spec: self._edit(s, text))
            widget = combo
        elif spec.kind == "markdown":
            edit = QPlainTextEdit(field_text(value))
            edit.setFixedHeight(80)
            edit.textChanged.connect(lambda s=spec, e=edit: self._edit(s, e.toPlainText()))
            widget = edit
        else:
            line = QLineEdit(field_text(value))
            placeholder = {"length": "e.g. 12in, 380mm", "color": "#RRGGBB"}.get(spec.kind, "")
            line.setPlaceholderText(placeholder)
            line.textEdited.connect(lambda text, s=spec: self._edit(s, text))
            widget = line
        return widget

    def _build_palette(self) -> QWidget:
        box = QGroupBox(tr("Palette"))
        layout = QVBoxLayout(box)
        self.palette_table = QTableWidget(0, 3)
        self.palette_table.setHorizontalHeaderLabels([tr("Name"), tr("Colour"), tr("Pantone")])
        self.palette_table.horizontalHeader().setStretchLastSection(True)
        self.palette_table.verticalHeader().setVisible(False)
        self.palette_table.itemChanged.connect(self._palette_edited)
        layout.addWidget(self.palette_table)
        buttons = QHBoxLayout()
        add, remove = QPushButton(tr("Add ink")), QPushButton(tr("Remove ink"))
        add.clicked.connect(self.add_ink)
        remove.clicked.connect(self.remove_ink)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout.addLayout(buttons)
        self.delta_label = QLabel()
        self.delta_label.setWordWrap(True)
        layout.addWidget(self.delta_label)
        self._fill_palette()
        return box

    def _build_side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        self.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_PX, PREVIEW_PX)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self._build_palette(), 2)
        self.problems = QListWidget()
        layout.addWidget(QLabel(tr("Problems")))
        layout.addWidget(self.problems, 1)
        row = QHBoxLayout()
        self.try_button = QPushButton(tr("Try it"))
        self.try_button.clicked.connect(self.try_it)
        save, pack = QPushButton(tr("Save .brief.json…")), QPushButton(tr("Pack .brief…"))
        save.clicked.connect(self._save_dialog)
        pack.clicked.connect(self._pack_dialog)
        for button in (self.try_button, save, pack):
            row.addWidget(button)
        layout.addLayout(row)
        return side

    # -- edits -----------------------------------------------------------------------------
    def _edit(self, spec: FieldSpec, value: str | bool) -> None:
        self.draft.set(spec, value)
        self._refresh_timer.start()
        self.changed.emit()

    def _fill_palette(self) -> None:
        self._filling = True
        inks = self.draft.palette()
        self.palette_table.setRowCount(len(inks))
        for row, ink in enumerate(inks):
            for col, key in enumerate(PALETTE_COLUMNS):
                item = QTableWidgetItem(ink.get(key, ""))
                if key == "color" and QColor(ink.get(key, "")).isValid():
                    item.setBackground(QColor(ink[key]))
                    c = QColor(ink[key])
                    light = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() > 150
                    item.setForeground(QColor("black" if light else "white"))
                self.palette_table.setItem(row, col, item)
        self._filling = False

    def _palette_edited(self) -> None:
        if self._filling:
            return
        inks = []
        for row in range(self.palette_table.rowCount()):
            ink = {}
            for col, key in enumerate(PALETTE_COLUMNS):
                item = self.palette_table.item(row, col)
                ink[key] = item.text().strip() if item else ""
            inks.append(ink)
        self.draft.set_palette(inks)
        self._fill_palette()
        self._refresh_timer.start()
        self.changed.emit()

    def add_ink(self, name: str = "New ink", color: str = "#808080") -> None:
        self.draft.set_palette([*self.draft.palette(), {"name": name, "color": color}])
        self._fill_palette()
        self.refresh()

    def remove_ink(self) -> None:
        row = self.palette_table.currentRow()
        inks = self.draft.palette()
        if 0 <= row < len(inks):
            del inks[row]
            self.draft.set_palette(inks)
            self._fill_palette()
            self.refresh()

    # -- results ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Problems, ΔE warnings and preview for the draft as it is now."""
        self.problems.clear()
        found = self.draft.problems()
        if not found:
            self.problems.addItem(tr("No problems: the brief is ready to send."))
        for problem in found:
            item = QListWidgetItem(f"{problem.path}: {problem.message}")
            item.setForeground(QColor("#b3261e" if problem.severity == "error" else "#8a5a00"))
            self.problems.addItem(item)
        pairs = self.draft.close_inks()
        self.delta_label.setText(
            "\n".join(
                tr(
                    "⚠ {first} and {second} are only ΔE {delta} apart: a colour between them "
                    "matches both."
                ).format(first=p.first, second=p.second, delta=f"{p.delta_e:.1f}")
                for p in pairs
            )
            or tr("Palette inks are well apart.")
        )
        brief = self.draft.brief()
        self.try_button.setEnabled(brief is not None)
        self.preview.setPixmap(render_preview(brief) if brief else QPixmap())
        if brief is None:
            self.preview.setText(tr("Fix the problems to see the canvas"))

    def try_it(self) -> None:
        brief = self.draft.brief()
        if brief is not None:
            self.tryIt.emit(brief)

    def _save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save brief"), "", tr("Brief (*.brief.json)")
        )
        if path:
            self.draft.save_json(path)

    def _pack_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Pack brief"), "", tr("Brief package (*.brief)")
        )
        if path:
            self.draft.pack(path)


def render_preview(brief: Brief, size: int = PREVIEW_PX) -> QPixmap:
    """The canvas a creator starts from, on the first garment colour, with the safe margin,
    required zones and keep-out zones drawn over it."""
    from studio.design import design_from_document
    from studio.document.from_brief import document_from_brief
    from studio.errors import InputError
    from studio.render.raster import render_image

    scale = size / max(brief.width, brief.height)
    w, h = max(1, round(brief.width * scale)), max(1, round(brief.height * scale))
    pixmap = QPixmap(w, h)
    ground = brief.garment_colors[0].color if brief.garment_colors else "#ffffff"
    pixmap.fill(QColor(ground))
    painter = QPainter(pixmap)
    try:
        image = render_image(design_from_document(document_from_brief(brief)).svg, w, h)
        qimage = QImage(image.tobytes(), w, h, QImage.Format.Format_RGBA8888)
        painter.drawImage(0, 0, qimage)
    except (InputError, KeyError, ValueError):
        pass  # an asset the draft names but does not carry: show the empty canvas
    light = QColor(ground).lightnessF() > 0.5
    guide = QColor("#1f6feb" if light else "#8ab4f8")
    painter.setPen(QPen(guide, 1, Qt.PenStyle.DashLine))
    safe = brief.safe_box
    painter.drawRect(
        round(safe.x * scale),
        round(safe.y * scale),
        round(safe.width * scale),
        round(safe.height * scale),
    )
    painter.setPen(QPen(QColor("#2da44e"), 1.5))
    for req in brief.rules.required:
        if req.zone:
            z = req.zone
            painter.drawRect(
                round(z.x * scale),
                round(z.y * scale),
                round(z.width * scale),
                round(z.height * scale),
            )
    painter.setPen(QPen(QColor("#cf222e"), 1.5))
    for z in brief.rules.keep_out:
        painter.drawRect(
            round(z.x * scale), round(z.y * scale), round(z.width * scale), round(z.height * scale)
        )
    painter.end()
    return pixmap
