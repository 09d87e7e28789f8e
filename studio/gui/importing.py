"""Bringing outside artwork in (file dialog, drag and drop, paste): the bytes go through
``studio.document.importer`` (and its safety checks), the element is placed and added as one
undoable step. Refused files are explained in a dialog, never a traceback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMimeData
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QWidget

from studio.document.fileio import read_bytes
from studio.document.geometry import multiply, scale, translate
from studio.document.importer import import_image, import_svg
from studio.document.model import Element, Image, SvgArt
from studio.errors import InputError
from studio.gui.controller import Controller
from studio.gui.i18n import N_, tr

IMAGE_FILTER = N_("Images and SVG (*.png *.jpg *.jpeg *.webp *.svg)")
MAX_IMPORT_BYTES = 128 * 1024 * 1024


def element_from_bytes(
    ctrl: Controller, data: bytes, source: str, *, chosen: bool = False
) -> Element:
    """The element for imported bytes. ``chosen``: the bytes are a file the user picked (dialog,
    drop), so an SVG keeps the images and style sheets it links from under its own folder, as
    the command line's export does; pasted or downloaded markup never reads the disk."""
    if source.lower().endswith(".svg") or data.lstrip()[:5] in (b"<?xml", b"<svg "):
        return import_svg(data, source, allow_local_images=chosen)
    return import_image(data, source, ctrl.doc.dpi)


def place(ctrl: Controller, element: Element, at: tuple[float, float] | None) -> None:
    """Centre at ``at`` (or on the artboard), shrunk to fit 80 % of the artboard if larger."""
    assert isinstance(element, Image | SvgArt)
    doc = ctrl.doc
    k = min(1.0, 0.8 * doc.width / element.width, 0.8 * doc.height / element.height)
    cx, cy = at if at is not None else (doc.width / 2, doc.height / 2)
    w, h = element.width * k, element.height * k
    element.transform = multiply(translate(cx - w / 2, cy - h / 2), scale(k))


def import_data(
    ctrl: Controller, data: bytes, source: str, at=None, parent=None, *, chosen: bool = False
) -> bool:
    try:
        element = element_from_bytes(ctrl, data, source, chosen=chosen)
    except InputError as exc:
        QMessageBox.warning(parent, tr("Cannot import"), exc.one_line())
        return False
    place(ctrl, element, at)
    ctrl.add([element], tr("Import"))
    return True


def import_file(ctrl: Controller, path: str | Path, at=None, parent: QWidget | None = None) -> bool:
    try:
        data = read_bytes(path, MAX_IMPORT_BYTES)
    except InputError as exc:
        QMessageBox.warning(parent, tr("Cannot import"), exc.one_line())
        return False
    return import_data(ctrl, data, str(path), at, parent, chosen=True)


def image_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"PNG")
    return bytes(buffer.data().data())


def import_mime(ctrl: Controller, mime: QMimeData, at=None, parent=None) -> bool:
    """Files dropped or pasted (local URLs), else an image on the clipboard."""
    done = False
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                done = import_file(ctrl, url.toLocalFile(), at, parent) or done
    if not done and mime.hasImage():
        image = QImage(mime.imageData())
        if not image.isNull():
            done = import_data(ctrl, image_bytes(image), "pasted image.png", at, parent)
    return done
