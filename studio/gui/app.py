"""Starting the app: QApplication, the main window, ``--screenshot``. (First cut; the editor
work replaces the window.)"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Motif Studio")
    window = QMainWindow()
    window.setWindowTitle("Motif Studio")
    label = QLabel("Open a brief to start", alignment=Qt.AlignmentFlag.AlignCenter)
    window.setCentralWidget(label)
    window.resize(1280, 800)
    target = args.design or args.open_brief
    if target:
        label.setPixmap(_preview(Path(target)))
    window.show()
    if args.screenshot:
        app.processEvents()
        window.grab().save(args.screenshot)
        return 0
    QTimer.singleShot(0, window.raise_)
    return app.exec()


def _preview(path: Path) -> QPixmap:
    from studio.brief import load_brief
    from studio.design import design_from_document, open_design
    from studio.document.from_brief import document_from_brief
    from studio.render.raster import render_image

    if path.name.endswith((".brief.json", ".brief")):
        design = design_from_document(document_from_brief(load_brief(path)))
    else:
        design = open_design(path)
    height = 720
    width = max(1, round(height * design.width / design.height))
    image = render_image(design.svg, width, height).convert("RGBA")
    qimage = QImage(image.tobytes(), width, height, QImage.Format.Format_RGBA8888)
    return QPixmap.fromImage(qimage.copy())
