"""Text, typed in place on the canvas. The editor is a temporary item: what is typed becomes the
element's content in one undoable step when editing ends (Escape, a click elsewhere)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QFontMetricsF, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem

from studio.document.model import Text
from studio.gui.canvas.items import TEXT_PX, brush_for, qtransform, text_font
from studio.gui.i18n import N_, tr
from studio.gui.tools.base import Tool


class TextEditor(QGraphicsTextItem):
    """Rich-text-free, in-place editor placed exactly over the text it edits."""

    def __init__(self, text: Text, done: Callable[[str], None]) -> None:
        super().__init__()
        self.done, self.finished = done, False
        font = text_font(text)
        self.setFont(font)
        self.document().setDocumentMargin(0)
        self.setPlainText(text.content)
        color = brush_for(text.style.fill if isinstance(text.style.fill, str) else "#000000")
        self.setDefaultTextColor(QColor(color.color()))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        k = text.size / TEXT_PX
        ascent = QFontMetricsF(font).ascent()
        self.setTransform(qtransform((k, 0, 0, k, text.x, text.y - ascent * k)), combine=False)
        self.setTransform(self.transform() * qtransform(text.transform))
        self.setZValue(30_000)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.commit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit()

    def commit(self) -> None:
        if self.finished:
            return
        self.finished = True
        content = self.toPlainText()
        scene = self.scene()
        if scene is not None:
            self.clearFocus()
            scene.removeItem(self)
        self.done(content)


def edit_text(view, element_id: str) -> TextEditor | None:
    """Edit an existing text element in place (its canvas item hides meanwhile)."""
    ctrl, scene = view.canvas.ctrl, view.canvas
    text = ctrl.doc.find(element_id)
    if not isinstance(text, Text):
        return None
    item = scene.items_by_id.get(element_id)
    if item is not None:
        item.setVisible(False)

    def done(content: str) -> None:
        if item is not None and scene.items_by_id.get(element_id) is item:
            item.setVisible(text.visible)
        if content.strip():
            ctrl.set_attrs({element_id: {"content": content}}, tr("Edit text"))
        else:
            ctrl.select([element_id])
            ctrl.delete_selection()

    editor = TextEditor(text, done)
    scene.addItem(editor)
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.select(cursor.SelectionType.Document)
    editor.setTextCursor(cursor)
    view.setFocus()
    return editor


def new_text(ctrl, x: float = 0.0, y: float = 0.0) -> Text:
    """The empty text the Text tool starts with: 24 pt (48 px on a pixel brief), the current
    fill, the brief's first allowed font. The properties panel shows these when no text is
    selected, so what it shows is what the next text will be."""
    size = 24 * 25.4 / 72 if ctrl.doc.unit != "px" else 48 * 25.4 / ctrl.doc.dpi
    text = Text(x=x, y=y, content="", size=size)
    text.style.fill = ctrl.fill if isinstance(ctrl.fill, str) else "#000000"
    fonts = ctrl.brief.rules.fonts if ctrl.brief is not None else None
    if fonts:
        text.family = fonts[0]
    return text


class TextTool(Tool):
    name = "text"
    label = N_("Text")
    cursor = Qt.CursorShape.IBeamCursor

    def __init__(self, view) -> None:
        super().__init__(view)
        self.editor: TextEditor | None = None

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        if self.editor is not None and not self.editor.finished:
            self.editor.commit()
            return
        hit = self.element_at(pos)
        if hit and getattr(self.ctrl.doc.find(hit), "kind", "") == "text":
            self.editor = edit_text(self.view, hit)
            return
        ctrl = self.ctrl
        text = new_text(ctrl, pos.x(), pos.y())

        def done(content: str) -> None:
            if content.strip():
                text.content = content
                ctrl.add([text], tr("Add text"))

        self.editor = TextEditor(text, done)
        self.scene.addItem(self.editor)
        self.editor.setFocus()
        self.view.setFocus()

    def deactivate(self) -> None:
        if self.editor is not None and not self.editor.finished:
            self.editor.commit()
        self.editor = None
