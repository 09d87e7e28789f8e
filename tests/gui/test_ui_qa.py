"""What a QA pass driving the editor found broken, each held here as a user meets it: the window
fitting a small screen, lengths in the brief's units, the font a text really has, readable
controls in the dark theme, the node tool's markers alone on the path, a toolbar that keeps
still."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QToolBar

from studio.document.model import Rect, Style


def test_the_editor_fits_a_small_laptop_screen(window, fraise_brief_path: Path) -> None:
    window.open_path(fraise_brief_path)
    hint = window.minimumSizeHint()
    # The welcome page (hidden now) no longer sets the editor's minimum size.
    assert hint.width() <= 1024 and hint.height() <= 640, hint
    window.resize(1024, 600)
    assert window.width() == 1024 and window.height() == 600
    window.close_design()
    assert window.stack.currentWidget() is window.welcome
    assert window.minimumSizeHint().width() <= 1024


def test_stroke_width_is_shown_and_typed_in_the_briefs_unit(window, fraise_brief_path) -> None:
    window.open_path(fraise_brief_path)  # a brief in inches
    ctrl, props = window.ctrl, window.properties
    rect = Rect(x=50, y=50, width=40, height=30, style=Style(fill="#d62839", stroke="#2f8f46"))
    rect.style.stroke_width = 2.54  # mm: a tenth of an inch
    ctrl.add([rect])
    ctrl.select([rect.id])
    assert props.stroke_width.suffix() == " in"
    assert props.stroke_width.value() == 0.1
    props.stroke_width.setValue(0.02)  # the brief's "Lines at least 0.02 in thick"
    assert abs(rect.style.stroke_width - 0.508) < 1e-9


def test_text_sizes_are_in_pixels_on_a_pixel_brief(window, samples_dir) -> None:
    window.open_path(samples_dir / "display-ad" / "display-ad.brief.json")  # 72 dpi, in px
    props = window.properties
    assert props.font_size.suffix() == " px"
    assert props.font_size.value() == 48.0  # what the next text will be: 48 px
    assert props.boxes["x"].suffix() == props.stroke_width.suffix() == " px"


def test_the_font_field_names_the_texts_family_even_when_not_installed(
    window, fraise_brief_path
) -> None:
    from studio.document.model import Text

    window.open_path(fraise_brief_path)
    text = Text(x=60, y=100, content="Hello", size=8.0, name="Hello")
    text.family = "Zzyzx Sans Uninstalled"
    window.ctrl.add([text])
    window.ctrl.select([text.id])
    assert window.properties.family.currentText() == "Zzyzx Sans Uninstalled"
    assert text.family == "Zzyzx Sans Uninstalled"  # showing it changed nothing
    window.ctrl.select([])  # the next text: the brief's first font
    assert window.properties.family.currentText() == "Noto Sans"


def _edge_contrast(widget, background: str) -> float:
    """The strongest contrast of any pixel of ``widget`` against ``background``."""
    from studio.a11y import contrast_ratio

    image = widget.grab().toImage()
    colors = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width())
        for y in range(0, image.height())
    }
    return max(contrast_ratio(c, background) for c in colors)


def test_dark_theme_check_boxes_and_fields_have_visible_edges(qtbot) -> None:
    """A pixel check: what is wrong is what is drawn. Unchecked, unfocused, empty: only the
    edge can stand out."""
    from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLineEdit, QVBoxLayout, QWidget

    from studio import themes
    from studio.gui.preferences import apply_theme

    apply_theme("dark")
    try:
        host = QWidget()
        qtbot.addWidget(host)
        layout = QVBoxLayout(host)
        box, field, spin = QCheckBox(host), QLineEdit(host), QDoubleSpinBox(host)
        spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
        spin.setSpecialValueText(" ")  # no digits to stand out in its place
        for widget in (box, field, spin):
            layout.addWidget(widget)
        host.show()
        qtbot.waitExposed(host)
        dark = themes.theme("dark")
        for widget in (box, field, spin):
            for background in (dark["window"], dark["base"]):
                assert _edge_contrast(widget, background) >= 3.0, (widget, background)
    finally:
        apply_theme("system")


def test_the_node_tool_shows_nodes_without_the_scale_handles(window, fraise_brief_path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.gui.conftest import click

    window.open_path(fraise_brief_path)
    window.set_tool("pen")
    click(None, window, (50, 50))
    click(None, window, (100, 80))
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    assert window.ctrl.selection and window.scene.overlay.isVisible()
    window.set_tool("nodes")
    assert window.tools["nodes"].markers
    assert not window.scene.overlay.isVisible()
    window.set_tool("select")
    assert window.scene.overlay.isVisible()


def test_the_toolbar_keeps_still_as_the_undo_text_changes(window, fraise_brief_path) -> None:
    window.open_path(fraise_brief_path)
    bar = window.findChild(QToolBar, "main-toolbar")
    undo = bar.widgetForAction(window.acts["undo"])
    fit = bar.widgetForAction(window.acts["fit"])
    QApplication.processEvents()
    x = fit.x()
    window.ctrl.add([Rect(x=50, y=50, width=40, height=30, style=Style(fill="#d62839"))])
    QApplication.processEvents()
    assert undo.text() == "Undo" and undo.isEnabled()
    assert "Draw" in undo.toolTip() or "Add" in undo.toolTip(), undo.toolTip()
    assert (
        window.acts["undo"].text().replace("&", "").startswith("Undo ")
    )  # the Edit menu names the command
    assert fit.x() == x
    window.acts["undo"].trigger()
    redo = bar.widgetForAction(window.acts["redo"])
    assert redo.text() == "Redo" and redo.isEnabled() and not undo.isEnabled()
