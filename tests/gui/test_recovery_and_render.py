"""Never losing work, one rendering truth, and the screenshot command."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QMessageBox

from studio.document.fileio import save_document
from studio.document.model import Document, Ellipse, Layer, Polygon, Rect, Style
from studio.gui import recovery
from studio.gui.canvas.scene import export_image
from tests.gui.conftest import drag


def test_recover_after_a_crash(window, fraise_design_path: Path, monkeypatch) -> None:
    from studio.document.fileio import load_document

    folder = recovery.recovery_dir()
    folder.mkdir(parents=True)
    save_document(load_document(fraise_design_path), folder / "session-dead.svg")
    note = {"original": "/somewhere/mine.motif.svg", "at": 1.0, "pid": os.getpid() + 1}
    (folder / "session-dead.json").write_text(json.dumps(note))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.offer_recovery()
    names = [e.name for e in window.ctrl.doc.walk()]
    assert "Strawberry" in names and window.ctrl.dirty
    assert window.ctrl.path == Path("/somewhere/mine.motif.svg")
    assert not (folder / "session-dead.svg").exists()  # now kept by this session's autosave


def test_autosave_writes_after_an_edit_and_cleans_up(window, fraise_brief_path, qtbot) -> None:
    window.open_path(fraise_brief_path)
    saver = window.autosaver
    saver.idle.setInterval(10)
    window.set_tool("rect")
    drag(None, window, (50, 50), (80, 80))
    qtbot.waitUntil(saver.design.exists, timeout=3000)
    assert recovery.pending() == []  # our own session's file is not offered to ourselves
    window.ctrl.save(Path(saver.design.parent.parent) / "saved.motif.svg")
    assert not saver.design.exists()


def test_canvas_matches_the_export_for_flat_shapes(window) -> None:
    doc = Document(width=100, height=80)
    doc.layers.append(
        Layer(
            "Artwork",
            elements=[
                Rect(x=5, y=5, width=60, height=40, style=Style(fill="#d62839")),
                Ellipse(
                    cx=60,
                    cy=50,
                    rx=30,
                    ry=20,
                    style=Style(fill="#2a7f3f", stroke="#111111", stroke_width=2),
                ),
                Polygon(
                    cx=30, cy=55, radius=18, sides=5, inner_ratio=0.5, style=Style(fill="#f2b705")
                ),
            ],
        )
    )
    window.ctrl.set_document(doc)
    canvas = window.scene.render_artwork(400, 320).convertToFormat(
        window.scene.render_artwork(1, 1).Format.Format_RGBA8888
    )
    exported = export_image(doc, 4.0)
    a = _on_white(np.frombuffer(canvas.constBits(), np.uint8).reshape(320, 400, 4))
    b = _on_white(np.frombuffer(exported.constBits(), np.uint8).reshape(320, 400, 4))
    diff = np.abs(a - b).max(axis=2)
    assert diff.mean() < 3 and (diff <= 40).mean() > 0.98


def _on_white(rgba: np.ndarray) -> np.ndarray:
    # the canvas image is premultiplied-then-converted, the export straight alpha: both end RGBA
    rgb, alpha = rgba[..., :3].astype(float), rgba[..., 3:4].astype(float) / 255
    return rgb * alpha + 255 * (1 - alpha)


def test_screenshot_writes_a_png(tmp_path: Path, fraise_brief_path: Path, qapp) -> None:
    from PIL import Image

    from studio.gui.app import run

    out = tmp_path / "shot.png"
    args = argparse.Namespace(design=str(fraise_brief_path), open_brief=None, screenshot=str(out))
    assert run(args) == 0
    with Image.open(out) as image:
        assert image.size[0] >= 1000
        small = np.asarray(image.convert("RGB").resize((32, 32))).reshape(-1, 3)
        assert len({tuple(p) for p in small}) > 10


def test_layers_panel_hides_and_locks_through_undoable_commands(window, fraise_brief_path):
    from PySide6.QtCore import Qt

    window.open_path(fraise_brief_path)
    row = window.layers.topLevelItem(1)  # the list shows the top layer first: Artwork is second
    assert row.text(0) == "Artwork"
    row.setCheckState(1, Qt.CheckState.Unchecked)
    assert not window.ctrl.doc.layer("Artwork").visible
    row = window.layers.topLevelItem(1)
    row.setText(0, "Motif")
    assert window.ctrl.doc.layers[0].name == "Motif"
    window.acts["undo"].trigger()
    window.acts["undo"].trigger()
    assert window.ctrl.doc.layers[0].name == "Artwork" and window.ctrl.doc.layers[0].visible
    window.layers.drop(
        window.ctrl.doc.layers[0].id,
        "layer",
        window.ctrl.doc.layers[1].id,
        "layer",
        False,
        False,
        [],
    )
    assert [lay.name for lay in window.ctrl.doc.layers] == ["Brand", "Artwork"]


def test_layers_panel_follows_edits_made_elsewhere(window, fraise_design_path, qtbot) -> None:
    """Renamed from the properties, hidden by undo, selected on the canvas: the rows follow."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.open_path(fraise_design_path)
    QApplication.processEvents()
    sun = next(e for e in window.ctrl.doc.walk() if e.name == "Sun")

    def row():
        artwork = window.layers.topLevelItem(1)
        found = [artwork.child(i) for i in range(artwork.childCount())]
        return next(r for r in found if r.data(0, Qt.ItemDataRole.UserRole) == sun.id)

    window.ctrl.set_attrs({sun.id: {"name": "Big sun"}}, "Rename")
    assert row().text(0) == "Big sun"
    window.ctrl.set_attrs({sun.id: {"visible": False}}, "Hide")
    assert row().checkState(1) == Qt.CheckState.Unchecked
    window.acts["undo"].trigger()
    assert row().checkState(1) == Qt.CheckState.Checked
    window.ctrl.select([sun.id])
    assert [r.text(0) for r in window.layers.selectedItems()] == ["Big sun"]
    window.ctrl.select([])
    assert window.layers.selectedItems() == []
