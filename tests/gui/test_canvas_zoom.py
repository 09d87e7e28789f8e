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
    return (
        np.frombuffer(image.constBits(), np.uint8)
        .reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3]
        .astype(int)
    )


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


def _sharp(view) -> np.ndarray:
    """The view painted as a plain repaint paints it (every item, now)."""
    view.settle()
    return _pixels(view.viewport().grab().toImage())


def test_frames_during_a_pinch_are_the_sharp_frame_scaled_until_the_new_one_is_ready(
    window, qtbot
) -> None:
    _open(window)
    view = window.view
    at = QPoint(view.viewport().width() // 2, view.viewport().height() // 2)
    _pinch(window, at, Qt.NativeGestureType.ZoomNativeGesture, 0.1)
    during = _pixels(view.viewport().grab().toImage())  # nothing kept yet: painted sharply
    for _ in range(3):
        _pinch(window, at, Qt.NativeGestureType.ZoomNativeGesture, 0.1)
    assert view.interim
    scaled = _pixels(view.viewport().grab().toImage())  # the first frame, scaled 1.1³
    assert (scaled != during).any()
    _pinch(window, at, Qt.NativeGestureType.EndNativeGesture)
    qtbot.waitUntil(lambda: not view.interim, timeout=5000)  # no event needed: it comes
    presented = _pixels(view.frames.image)
    sharp = _sharp(view)
    assert np.abs(presented - sharp).max() <= 1  # what a full repaint paints
    assert np.abs(scaled - sharp).mean() < 4  # the same picture at the same place
    assert (sharp != sharp[0, 0]).any(axis=1).sum() > 100  # ...and it shows the artwork


def test_a_zoom_from_the_menu_is_shown_scaled_at_once_then_sharp(window, qtbot) -> None:
    _open(window)
    view = window.view
    qtbot.waitUntil(lambda: view.frames.valid, timeout=5000)  # prepared while the canvas is still
    window.acts["zoom_in"].trigger()
    assert view.interim
    qtbot.waitUntil(lambda: not view.interim, timeout=5000)
    assert view.frames.transform == view.viewportTransform()
    assert np.abs(_pixels(view.frames.image) - _sharp(view)).max() <= 1


def test_an_edit_during_a_zoom_is_painted_at_once(window, qtbot) -> None:
    _open(window)
    view = window.view
    qtbot.waitUntil(lambda: view.frames.valid, timeout=5000)
    window.acts["zoom_out"].trigger()
    assert view.interim
    window.ctrl.add([Rect(x=0, y=0, width=30, height=30, style=Style(fill="#1f2a44"))], "Add")
    assert not view.interim and not view.frames.valid  # the old frame is not shown any more
    qtbot.waitUntil(lambda: view.frames.valid, timeout=5000)  # a new one is made once still


def test_sharp_frames_painted_in_strips_equal_one_full_repaint(window, qtbot, monkeypatch) -> None:
    """At a zoom where strokes and antialiased edges cross the strips' edges (strips made thin,
    as a heavy design's are)."""
    monkeypatch.setattr("studio.gui.canvas.frames.SLICE_MS", 0.0)  # 4-pixel strips
    doc = Document(width=200, height=150)
    shapes = [
        Ellipse(cx=10 + 13 * i, cy=10 + 9 * i, rx=9, ry=6, style=Style(fill="#d62839",
                stroke="#111111", stroke_width=0.7))
        for i in range(15)
    ]  # fmt: skip
    doc.layers.append(Layer("Artwork", elements=shapes))
    window.ctrl.set_document(doc)
    QApplication.processEvents()  # laid out, as on screen
    view = window.view
    view.set_zoom(1.7)
    qtbot.waitUntil(lambda: view.frames.valid, timeout=5000)
    view.frames.stats.slices_ms.clear()
    window.acts["zoom_in"].trigger()
    qtbot.waitUntil(lambda: not view.interim, timeout=5000)
    assert len(view.frames.stats.slices_ms) >= 50  # the frame was painted in strips
    assert np.abs(_pixels(view.frames.image) - _sharp(view)).max() <= 1
