"""File → Export…: every output the brief asks for, previewed, written to a folder.

Each output gets a thumbnail (ads: the variant laid out for that size); separations get their
options (garment, underbase, halftone, PDF or PNG plates) and a tile per plate plus the
composite proof, recomputed at low resolution when an option changes. Export runs off the GUI
thread through :mod:`studio.gui.worker` with a progress bar and Cancel; the work itself is
:mod:`studio.production.export_set`'s.

The output folder starts as the ``export/folder`` setting when one is set (Preferences), else a
folder per brief under the home folder. The setting is the user's choice of a starting folder,
so a folder picked here for one export does not overwrite it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio.brief.model import Brief, OutputSpec
from studio.document.model import Document
from studio.errors import InputError
from studio.gui import worker
from studio.gui.i18n import tr
from studio.gui.previews import THUMB_PX, Tile, fit, plate_thumbnails
from studio.gui.settings_store import Store
from studio.production import export_set
from studio.production.export_set import ExportChoice
from studio.production.layout import output_size_mm
from studio.production.longwork import Cancelled
from studio.production.separations import SeparationOptions

FOLDER_KEY = "export/folder"
AUTO, ON, OFF = None, True, False


def configured_folder(settings: Store) -> Path | None:
    """The ``export/folder`` setting, or None when it is not set (empty)."""
    folder = settings.get(FOLDER_KEY)
    text = str(folder).strip() if folder is not None else ""
    return Path(text).expanduser() if text not in ("", ".") else None


def describe(output: OutputSpec, brief: Brief) -> str:
    """What an output is: its format and exact size (pixels, or millimetres for vectors)."""
    if output.format == "separations":
        dpi = output.dpi or brief.dpi
        return tr("separation films at {dpi} dpi").format(dpi=f"{dpi:g}")
    if output.format in ("pdf", "svg"):
        w, h = output_size_mm(brief, output)
        return f"{output.format.upper()} {w:.4g} × {h:.4g} mm"
    w = output.width_px or brief.width_px
    h = output.height_px or brief.height_px
    text = f"{output.format.upper()} {w} × {h} px"
    if output.max_bytes:
        text += "\n" + tr("at most {kb} kB").format(kb=output.max_bytes // 1000)
    return text


class ExportDialog(QDialog):
    """Export ``doc``'s outputs for ``brief``; the options are read when Export is pressed."""

    def __init__(self, doc: Document, brief: Brief, parent: QWidget | None = None,
                 settings: Store | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(tr("Export — {title}").format(title=brief.title or brief.id))
        self.doc, self.brief = doc, brief
        self.settings = settings or Store()
        self.task: worker.Task | None = None
        self.preview_task: worker.Task | None = None
        self.output_tiles: dict[str, Tile] = {}
        self.plate_tiles: list[Tile] = []
        self.written: list[Path] = []
        self.separations = [o for o in brief.outputs if o.format == "separations"]
        layout = QVBoxLayout(self)
        intro = QLabel(tr("The brief asks for these outputs. Each is written to the folder below."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.deliverables = QGroupBox(
            tr("Ad set: each size laid out by its own variant")
            if brief.kind == "ad"
            else tr("Deliverables")
        )
        tiles = QHBoxLayout(self.deliverables)
        for output in brief.outputs:
            if output.format != "separations":
                caption = export_set.output_file_name(output, ExportChoice())
                tile = Tile(f"{caption}\n{describe(output, brief)}")
                self.output_tiles[output.id] = tile
                tiles.addWidget(tile)
        tiles.addStretch(1)
        layout.addWidget(self.deliverables)
        if self.separations:
            layout.addWidget(self._separations_box())
        layout.addStretch(1)
        layout.addLayout(self._folder_row())
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(tr("Export progress"))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(self._buttons())
        self.resize(920, self.sizeHint().height())
        self._update_buttons()
        self.refresh_previews()

    # --- building --------------------------------------------------------------------------
    def _separations_box(self) -> QGroupBox:
        names = ", ".join(f"{o.id}: {describe(o, self.brief)}" for o in self.separations)
        group = QGroupBox(tr("Separations") + f" ({names})")
        form = QFormLayout()
        self.garment = QComboBox()
        for color in self.brief.garment_colors:
            self.garment.addItem(f"{color.name} ({color.color})", color.name)
        if not self.brief.garment_colors:
            self.garment.addItem(tr("White"), "#ffffff")
        self.underbase = self._tristate(tr("Automatic (on dark garments)"))
        allowed = self.brief.rules.gradients == "allow"
        self.halftone = self._tristate(
            tr("Automatic (on: the brief allows gradients)")
            if allowed
            else tr("Automatic (off: the brief forbids gradients)")
        )
        self.plates_as = QComboBox()
        self.plates_as.addItem(tr("One PDF: a film per page, the proof last"), False)
        self.plates_as.addItem(tr("PNG files: a folder of 1-bit plates and the proof"), True)
        form.addRow(tr("Garment colour"), self.garment)
        form.addRow(tr("White underbase"), self.underbase)
        form.addRow(tr("Halftone for tints"), self.halftone)
        form.addRow(tr("Plates as"), self.plates_as)
        for combo in (self.garment, self.underbase, self.halftone):
            combo.currentIndexChanged.connect(self.refresh_previews)
        self.plates = QHBoxLayout()
        self.plates.setSpacing(8)
        self.plates_status = QLabel(tr("Separating at preview resolution…"))
        strip = QWidget()
        strip_layout = QVBoxLayout(strip)
        strip_layout.setContentsMargins(0, 0, 0, 0)
        strip_layout.addLayout(self.plates)
        strip_layout.addWidget(self.plates_status)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(strip)
        scroll.setMinimumHeight(THUMB_PX + 90)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(group)
        outer.addLayout(form)
        outer.addWidget(scroll)
        return group

    def _tristate(self, auto_text: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(auto_text, AUTO)
        combo.addItem(tr("On"), ON)
        combo.addItem(tr("Off"), OFF)
        return combo

    def _folder_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.folder = QLineEdit(self._default_folder())
        self.folder.setAccessibleName(tr("Output folder"))
        choose = QPushButton(tr("Choose…"))
        choose.clicked.connect(self.choose_folder)
        row.addWidget(QLabel(tr("Output folder")))
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        return row

    def _default_folder(self) -> str:
        folder = configured_folder(self.settings)
        return str(folder or Path.home() / "Motif Studio exports" / self.brief.id)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_button = QPushButton(tr("Show in file manager"))
        self.open_button.clicked.connect(self.open_folder)
        self.export_button = QPushButton(tr("Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(tr("Close"))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.open_button)
        row.addStretch(1)
        for button in (self.export_button, self.cancel_button, self.close_button):
            row.addWidget(button)
        return row

    # --- options and previews --------------------------------------------------------------
    def choice(self) -> ExportChoice:
        if not self.separations:
            return ExportChoice()
        options = SeparationOptions(
            garment=self.garment.currentData(),
            underbase=self.underbase.currentData(),
            halftone=self.halftone.currentData(),
        )
        return ExportChoice(options, bool(self.plates_as.currentData()))

    def garment_color(self) -> str:
        """The colour behind the print thumbnails: the chosen garment for a t-shirt brief."""
        if self.brief.kind != "tshirt" or not self.brief.garment_colors:
            return "#ffffff"
        name = self.garment.currentData() if self.separations else None
        colors = {g.name: g.color for g in self.brief.garment_colors}
        return colors.get(name or "", self.brief.garment_colors[0].color)

    def refresh_previews(self) -> None:
        """(Re)make the thumbnails off the GUI thread; a newer request cancels the older."""
        if self.preview_task is not None:
            self.preview_task.cancel()
        doc, brief, options = self.doc, self.brief, self.choice().separations
        want_plates = bool(self.separations)

        def work(progress: Any, cancel: threading.Event) -> dict[str, Any]:
            outputs = [
                (o.id, fit(im)) for o, im in export_set.output_previews(doc, brief, cancel=cancel)
            ]
            plates = []
            if want_plates:
                plates = plate_thumbnails(
                    export_set.separation_preview(doc, brief, options, cancel)
                )
            return {"outputs": outputs, "plates": plates}

        task = worker.run_in_background(work, lambda r: self._previews_ready(task, r),
                                        lambda e: self._previews_failed(task, e))  # fmt: skip
        self.preview_task = task

    def _previews_ready(self, task: worker.Task, result: dict[str, Any]) -> None:
        if task is not self.preview_task:
            return
        garment = self.garment_color()
        for tile in self.output_tiles.values():
            tile.set_background(garment)
        for output_id, image in result["outputs"]:
            self.output_tiles[output_id].set_image(image)
        if not self.separations:
            return
        while self.plates.count():
            item = self.plates.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.plate_tiles = [Tile(caption, image) for caption, image in result["plates"]]
        for tile in self.plate_tiles:
            self.plates.addWidget(tile)
        self.plates.addStretch(1)
        self.plates_status.setText(
            tr("Preview at low resolution; the films are made at the output's resolution.")
        )

    def _previews_failed(self, task: worker.Task, error: BaseException) -> None:
        if task is self.preview_task and not isinstance(error, Cancelled) and self.separations:
            self.plates_status.setText(tr("No preview: {error}").format(error=_message(error)))

    # --- export ----------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Output folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def busy(self) -> bool:
        return self.task is not None and not self.task.done

    def export(self) -> None:
        """Start writing every output to the chosen folder (off the GUI thread)."""
        if self.busy():
            return
        folder = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip():
            self.status.setText(tr("Choose an output folder first."))
            return
        doc, brief, choice = self.doc, self.brief, self.choice()

        def work(progress: Any, cancel: threading.Event) -> tuple[list[Path], list[Any]]:
            files, findings = export_set.export_outputs(doc, brief, choice, progress, cancel)
            return export_set.write_outputs(files, folder, cancel), findings

        self.written = []
        self.progress.setValue(0)
        self.status.setText(tr("Exporting…"))
        self.task = worker.run_in_background(work, self._done, self._failed, self._progress)
        self._update_buttons()

    def cancel(self) -> None:
        if self.busy():
            assert self.task is not None
            self.task.cancel()
            self.status.setText(tr("Cancelling…"))

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        self.status.setText(message)

    def _done(self, result: tuple[list[Path], list[Any]]) -> None:
        self.written, findings = result
        self.progress.setValue(1000)
        text = tr("{n} files written to {folder}.").format(
            n=len(self.written), folder=self.folder.text()
        )
        for finding in findings:
            text += "\n" + tr("Not written: {message}").format(message=finding.message)
        self.status.setText(text)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.progress.setValue(0)
        if isinstance(error, Cancelled):
            self.status.setText(tr("Export cancelled: nothing was written."))
        else:
            self.status.setText(tr("Export failed: {error}").format(error=_message(error)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.busy()
        self.progress.setVisible(busy or self.progress.value() > 0)
        self.export_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.open_button.setVisible(bool(self.written) and not busy)

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))

    def done(self, result: int) -> None:
        """Closing stops the work: a cancelled export writes nothing, and previews still on
        their way are dropped (a closed dialog may be deleted before they arrive)."""
        for task in (self.task, self.preview_task):
            if task is not None:
                task.cancel()
        self.preview_task = None
        super().done(result)


def _message(error: BaseException) -> str:
    if isinstance(error, InputError):
        return error.one_line()
    return str(error) or type(error).__name__
