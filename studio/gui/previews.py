"""Thumbnails for the export dialog: Pillow images made in the worker, shown as labelled tiles.

The worker thread only makes small Pillow images (``plate_thumbnails``); the GUI thread turns
them into pixmaps. QPixmap must never be made outside the GUI thread.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studio.gui.i18n import tr
from studio.production.separations import Separations

THUMB_PX = 150


def to_pixmap(image: Image.Image) -> QPixmap:
    rgba = image.convert("RGBA")
    data = rgba.tobytes()
    qimage = QImage(data, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888)
    return QPixmap.fromImage(qimage.copy())


def fit(image: Image.Image, box: int = THUMB_PX) -> Image.Image:
    out = image.copy()
    out.thumbnail((box, box), Image.Resampling.LANCZOS)
    return out


def plate_thumbnails(result: Separations, box: int = THUMB_PX) -> list[tuple[str, Image.Image]]:
    """``(caption, image)`` per plate (ink black on clear film, as the printer sees it), then
    the composite proof cropped to the print area (worker thread: Pillow only)."""
    out = []
    for plate in result.plates:
        film = Image.fromarray(np.where(plate.mask, 0, 255).astype(np.uint8), "L")
        pantone = f"\n{plate.ink.pantone}" if plate.ink.pantone else ""
        name = tr("White underbase") if plate.underbase else plate.ink.name
        out.append((f"{plate.order} · {name}{pantone}", fit(film, box)))
    if result.proof is not None:
        m, layout = result.layout.margin, result.layout
        proof = result.proof.crop((m, m, m + layout.width, m + layout.height))
        out.append((tr("Composite proof on {garment}").format(garment=result.garment[0]),
                    fit(proof, box)))  # fmt: skip
    return out


class Tile(QWidget):
    """A thumbnail above its caption, framed so white plates stay visible on a light theme."""

    def __init__(self, caption: str, image: Image.Image | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFixedSize(THUMB_PX + 8, THUMB_PX + 8)
        self.set_background("#ffffff")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.caption.setFixedWidth(THUMB_PX + 8)
        self.setAccessibleName(caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        if image is not None:
            self.set_image(image)
        else:
            self.picture.setText(tr("Rendering…"))

    def set_background(self, color: str) -> None:
        """What shows through transparent parts: white, or the garment a print goes on."""
        self.picture.setStyleSheet(f"QLabel {{ border: 1px solid #9a9a9a; background: {color}; }}")

    def set_image(self, image: Image.Image) -> None:
        self.picture.setPixmap(to_pixmap(image))
