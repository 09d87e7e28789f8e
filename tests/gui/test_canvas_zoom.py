"""Zooming the canvas with a touchpad pinch (a native zoom gesture sent to the view, as the
platform sends it): about the fingers' position, with scaled frames while the gesture lasts
and a sharp one once it ends."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QNativeGestureEvent, QPointingDevice
from PySide6.QtWidgets import QApplication

from studio.document.model import Document, Ellipse, Layer, Rect, Style


def _open(window) -> None:
    doc = Document(width=200, height=150)
    doc.layers.append(
        Layer(
            "Artwork",
            elements=[
                Rect(x=20, y=20, width=90, height=60, style=Style(fill="#d62839")),
                Ellipse(cx=120, cy=90, rx=40, ry=30, style=Style(fill="#2a7f3f")),
            ],
        )
    )
    window.ctrl.set_document(doc)
    QApplication.processEvents()


def _pinch(window, at: QPoint, kind: Qt.NativeGestureType, value: float = 0.0) -> None:
    viewport = window.view.viewport()
    local = QPointF(at)
    event = QNativeGestureEvent(
        kind,
        QPointingDevice.primaryPointingDevice(),
        2,
        local,
        local,
        QPointF(viewport.mapToGlobal(at)),
        value,
        QPointF(),
        0,
    )
    QApplication.sendEvent(viewport, event)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )[:, : image.width() * 3].astype(int)


def test_a_pinch_zooms_about_the_fingers(window) -> None:
    _open(window)
    view = window.view
    at = QPoint(view.viewport().width() // 3, view.viewport().height() // 4)
    under = view.mapToScene(at)
    zoom = view.zoom
    _pinch(window, at, Qt.NativeGestureType.ZoomNativeGesture, 0.25)
    assert abs(view.zoom / zoom - 1.25) < 1e-9
    after = view.mapToScene(at)
    one_px = 1.0 / view.scale_factor
    assert abs(after.x() - under.x()) <= one_px and abs(after.y() - under.y()) <= one_px
    _pinch(window, at, Qt.NativeGestureType.ZoomNativeGesture, -0.2)  # fingers closing
    assert abs(view.zoom / zoom - 1.0) < 1e-9
    assert window.zoom_label.text() == f"{zoom * 100:.0f} %"


def test_frames_during_a_pinch_are_the_sharp_frame_scaled_until_it_ends(window) -> None:
    _open(window)
    view = window.view
    at = QPoint(view.viewport().width() // 2, view.viewport().height() // 2)
    _pinch(window, at, Qt.NativeGestureType.ZoomNativeGesture, 0.1)
    QApplication.processEvents()
    assert not view.interim  # a gesture's first frame is painted sharply, and kept
    for _ in range(3):
        _pinch(window, at, Qt.NativeGestureType.ZoomNativeGesture, 0.1)
        QApplication.processEvents()
    assert view.interim  # the gesture's first frame, kept and scaled 1.1³
    during = _pixels(view.viewport().grab().toImage())
    _pinch(window, at, Qt.NativeGestureType.EndNativeGesture)
    assert not view.interim
    sharp = _pixels(view.viewport().grab().toImage())
    diff = np.abs(during - sharp)
    assert diff.mean() < 4  # the same picture at the same place (softer edges only)
    assert (sharp != sharp[0, 0]).any(axis=1).sum() > 100  # ...and it shows the artwork
