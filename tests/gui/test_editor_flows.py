"""The editor driven as a user would: open a brief, draw, edit, undo, save, reopen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from studio.document.fileio import load_document
from studio.document.model import Ellipse, Polygon, Rect, Text
from studio.document.model import Path as PathEl
from studio.document.ops import element_box
from tests.gui.conftest import click, drag


def _artwork(win):
    return win.ctrl.doc.layer("Artwork").elements


def test_opening_a_brief_shows_it_and_builds_the_canvas(window, fraise_brief_path: Path) -> None:
    assert window.stack.currentIndex() == 0  # the welcome page first
    assert window.open_path(fraise_brief_path)
    assert window.stack.currentIndex() == 1
    doc = window.ctrl.doc
    assert (round(doc.width, 1), round(doc.height, 1)) == (304.8, 406.4)
    assert len(doc.guides) == 4
    brand = doc.layer("Brand")
    assert brand.locked and brand.elements[0].required == "logo"
    assert window.ctrl.palette()[0][1] == "#d62839"
    text = window.brief_panel.toPlainText()
    assert "Fraise Club summer tee contest" in text and "at most 3 ink colours" in text
    assert window.scene.mockup is not None
    assert window.garment_box.count() == 4
    window.garment_box.setCurrentIndex(3)
    assert window.scene.garment == "#ffffff"


def test_draw_with_each_shape_tool_then_undo_redo(window, fraise_brief_path: Path) -> None:
    window.open_path(fraise_brief_path)
    kinds = {"rect": Rect, "ellipse": Ellipse, "polygon": Polygon, "star": Polygon, "line": PathEl}
    for i, (tool, cls) in enumerate(kinds.items()):
        window.set_tool(tool)
        drag(None, window, (40 + i * 40, 40), (70 + i * 40, 80))
        assert isinstance(_artwork(window)[-1], cls), tool
    assert len(_artwork(window)) == 5
    rect = _artwork(window)[0]
    assert isinstance(rect, Rect) and abs(rect.width - 30) < 2 and rect.style.fill == "#d62839"
    window.acts["undo"].trigger()
    assert len(_artwork(window)) == 4
    window.acts["redo"].trigger()
    assert len(_artwork(window)) == 5
    assert window.ctrl.dirty and window.isWindowModified()


def test_move_with_mouse_is_one_undo_step_and_locked_logo_stays(window, fraise_brief_path):
    window.open_path(fraise_brief_path)
    window.set_tool("rect")
    drag(None, window, (100, 100), (140, 140))
    window.set_tool("select")
    count = window.ctrl.stack.count()
    drag(None, window, (120, 120), (160, 125), steps=6)
    rect = _artwork(window)[0]
    box = element_box(window.ctrl.doc, rect.id)
    assert abs(box.x - 140) < 2 and window.ctrl.stack.count() == count + 1
    logo = window.ctrl.doc.layer("Brand").elements[0]
    before = logo.transform
    b = element_box(window.ctrl.doc, logo.id)
    drag(None, window, b.center, (b.center[0] + 30, b.center[1] - 30))
    assert logo.transform == before


def test_keyboard_nudges_merge_and_shift_moves_ten(window, fraise_brief_path) -> None:
    window.open_path(fraise_brief_path)
    window.set_tool("rect")
    drag(None, window, (100, 100), (140, 140))
    window.set_tool("select")
    rect = _artwork(window)[0]
    x0 = element_box(window.ctrl.doc, rect.id).x
    count = window.ctrl.stack.count()
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    QTest.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert abs(element_box(window.ctrl.doc, rect.id).x - (x0 + 12)) < 1e-6
    assert window.ctrl.stack.count() == count + 1
    window.acts["undo"].trigger()
    assert abs(element_box(window.ctrl.doc, rect.id).x - x0) < 1e-6


def test_pen_draws_a_bezier_and_nodes_can_be_edited(window, fraise_brief_path) -> None:
    window.open_path(fraise_brief_path)
    window.set_tool("pen")
    click(None, window, (50, 50))
    drag(None, window, (100, 50), (120, 70))  # a smooth node
    click(None, window, (100, 120))
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    path = _artwork(window)[-1]
    assert isinstance(path, PathEl)
    assert [op for op, _ in path.commands] == ["M", "C", "C"]
    window.set_tool("nodes")
    assert window.tools["nodes"].markers
    drag(None, window, (50, 50), (60, 40))
    assert abs(path.commands[0][1][0] - 60) < 1.5 and abs(path.commands[0][1][1] - 40) < 1.5


def test_text_is_typed_and_edited_in_place(window, fraise_brief_path) -> None:
    window.open_path(fraise_brief_path)
    # Nothing selected: the (disabled) text fields show what the next text will be.
    props = window.properties
    assert not props.font_size.isEnabled()
    assert (props.font_size.value(), props.weight.currentText()) == (24.0, "Regular")
    window.set_tool("text")
    click(None, window, (60, 100))
    QTest.keyClicks(window.view, "Hello")
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    text = _artwork(window)[-1]
    assert isinstance(text, Text) and text.content == "Hello"
    assert text.family == "Noto Sans"
    window.set_tool("select")
    box = element_box(window.ctrl.doc, text.id)
    click(None, window, box.center, double=True)
    QTest.keyClicks(window.view, "Bye")
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    assert text.content == "Bye"
    window.acts["undo"].trigger()
    assert text.content == "Hello"


def test_import_an_image_then_group_align_duplicate_delete(window, fraise_brief_path, tmp_path):
    from PIL import Image

    png = tmp_path / "photo.png"
    Image.new("RGB", (300, 200), "#2a7f3f").save(png, dpi=(300, 300))
    window.open_path(fraise_brief_path)
    from studio.gui.importing import import_file

    assert import_file(window.ctrl, png)
    image = _artwork(window)[-1]
    assert image.kind == "image" and abs(image.width - 25.4) < 1e-6
    window.set_tool("rect")
    drag(None, window, (20, 20), (40, 40))
    window.select_all()
    window.acts["align_left"].trigger()
    boxes = [element_box(window.ctrl.doc, e.id) for e in _artwork(window)]
    assert abs(boxes[0].x - boxes[1].x) < 1e-6
    window.acts["group"].trigger()
    assert [e.kind for e in _artwork(window)] == ["group"]
    window.acts["duplicate"].trigger()
    assert len(_artwork(window)) == 2
    window.acts["delete"].trigger()
    window.acts["ungroup"].trigger() if False else None
    assert len(_artwork(window)) == 1
    window.select_all()
    window.acts["ungroup"].trigger()
    assert len(_artwork(window)) == 2


def test_save_reopen_and_close_prompt(window, fraise_brief_path, tmp_path, monkeypatch) -> None:
    window.open_path(fraise_brief_path)
    window.set_tool("ellipse")
    drag(None, window, (50, 50), (90, 90))
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    target = tmp_path / "mine.motif.svg"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    window.close()
    assert window.isVisible()  # cancelled
    window.close()
    assert not window.isVisible() and target.is_file()
    doc = load_document(target)
    assert any(isinstance(e, Ellipse) for e in doc.layer("Artwork").elements)
    window.show()
    assert window.open_path(target)
    assert isinstance(_artwork(window)[-1], Ellipse) and not window.ctrl.dirty


def test_an_imported_svg_keeps_the_image_beside_it_but_pasted_markup_reads_no_file(
    window, fraise_brief_path, tmp_path
) -> None:
    from PIL import Image

    from studio.gui.importing import import_data, import_file

    Image.new("RGB", (20, 20), "#2a7f3f").save(tmp_path / "leaf.png")
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="20mm" height="20mm" viewBox="0 0 20 20">'
        b'<image href="leaf.png" width="20" height="20"/></svg>'
    )
    (tmp_path / "art.svg").write_bytes(svg)
    window.open_path(fraise_brief_path)
    assert import_file(window.ctrl, tmp_path / "art.svg")  # chosen in the dialog or dropped
    art = _artwork(window)[-1]
    assert art.kind == "svg" and "data:image/png" in art.markup
    pasted = tmp_path / "elsewhere" / "pasted.svg"
    assert import_data(window.ctrl, svg, str(pasted))  # markup from the clipboard
    markup = _artwork(window)[-1].markup
    assert "leaf.png" not in markup and "data:image/png" not in markup
