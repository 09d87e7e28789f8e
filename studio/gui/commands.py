"""Every edit is one small QUndoCommand acting on the model through the controller.

Commands find elements by id (never hold scene items) and tell the controller what changed so
the views refresh. Drags and nudges merge into one step (``merge_key``); multi-part edits are
macros on the stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from studio.document import ops
from studio.document.model import Element, Guide

if TYPE_CHECKING:
    from studio.gui.controller import Controller

SET_ATTRS_ID = 1001


class SetAttrs(QUndoCommand):
    """Set attributes of elements: ``changes = {id: {attr: (old, new)}}``. Style attributes are
    written ``"style.fill"``."""

    def __init__(
        self,
        ctrl: Controller,
        changes: dict[str, dict[str, tuple[Any, Any]]],
        text: str,
        merge_key: object = None,
    ) -> None:
        super().__init__(text)
        self.ctrl = ctrl
        self.changes = changes
        self.merge_key = merge_key

    def _set(self, which: int) -> None:
        for element_id, attrs in self.changes.items():
            element = self.ctrl.doc.find(element_id)
            if element is None:
                continue
            for attr, pair in attrs.items():
                set_attr(element, attr, pair[which])
        self.ctrl.elements_changed.emit(list(self.changes))

    def redo(self) -> None:
        self._set(1)

    def undo(self) -> None:
        self._set(0)

    def id(self) -> int:
        return SET_ATTRS_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, SetAttrs)
            or self.merge_key is None
            or other.merge_key != self.merge_key
            or other.changes.keys() != self.changes.keys()
        ):
            return False
        for element_id, attrs in other.changes.items():
            mine = self.changes[element_id]
            for attr, (old, new) in attrs.items():
                mine[attr] = (mine[attr][0] if attr in mine else old, new)
        return True


def get_attr(element: Element, attr: str) -> Any:
    if attr.startswith("style."):
        return getattr(element.style, attr[6:])
    return getattr(element, attr)


def set_attr(element: Element, attr: str, value: Any) -> None:
    if attr.startswith("style."):
        setattr(element.style, attr[6:], value)
    else:
        setattr(element, attr, value)


class SetLayerAttr(QUndoCommand):
    """Show, hide, lock, unlock or rename a layer."""

    def __init__(self, ctrl: Controller, layer_id: str, attr: str, value: Any, text: str) -> None:
        super().__init__(text)
        self.ctrl, self.layer_id, self.attr, self.new = ctrl, layer_id, attr, value
        self.old = getattr(self._layer(), attr)

    def _layer(self) -> Any:
        return next(lay for lay in self.ctrl.doc.layers if lay.id == self.layer_id)

    def redo(self) -> None:
        setattr(self._layer(), self.attr, self.new)
        self.ctrl.structure_changed.emit()

    def undo(self) -> None:
        setattr(self._layer(), self.attr, self.old)
        self.ctrl.structure_changed.emit()


class AddElements(QUndoCommand):
    """Put new elements on top of a layer."""

    def __init__(self, ctrl: Controller, layer_id: str, elements: list[Element], text: str) -> None:
        super().__init__(text)
        self.ctrl, self.layer_id, self.elements = ctrl, layer_id, elements

    def redo(self) -> None:
        layer = next(lay for lay in self.ctrl.doc.layers if lay.id == self.layer_id)
        layer.elements.extend(self.elements)
        self.ctrl.structure_changed.emit()
        self.ctrl.select([e.id for e in self.elements])

    def undo(self) -> None:
        ids = {e.id for e in self.elements}
        layer = next(lay for lay in self.ctrl.doc.layers if lay.id == self.layer_id)
        layer.elements[:] = [e for e in layer.elements if e.id not in ids]
        self.ctrl.select([])
        self.ctrl.structure_changed.emit()


class EditStructure(QUndoCommand):
    """A structural edit (delete, duplicate, group, ungroup, restack, reorder layers) recorded
    as the document's structure before and after: ``edit(doc)`` runs once, then the two
    snapshots are swapped in and out."""

    def __init__(self, ctrl: Controller, text: str, edit: Any, select_after: Any = None) -> None:
        super().__init__(text)
        self.ctrl = ctrl
        self.before = ops.snapshot(ctrl.doc)
        self.selection_before = list(ctrl.selection)
        result = edit(ctrl.doc)
        self.after = ops.snapshot(ctrl.doc)
        self.selection_after = select_after(result) if select_after else []
        self.changed = result not in (None, False, [], {})

    def redo(self) -> None:
        ops.restore(self.ctrl.doc, self.after)
        self.ctrl.structure_changed.emit()
        self.ctrl.select(self.selection_after)

    def undo(self) -> None:
        ops.restore(self.ctrl.doc, self.before)
        self.ctrl.structure_changed.emit()
        self.ctrl.select(self.selection_before)


class SetGuides(QUndoCommand):
    """Add, move or remove guides: the document's guides before and after (a handful, copied
    whole; layers are not snapshotted, so a guide edit does not rebuild the canvas)."""

    def __init__(self, ctrl: Controller, before: list[Guide], after: list[Guide], text: str):
        super().__init__(text)
        self.ctrl = ctrl
        self.before = [Guide(g.orientation, g.position) for g in before]
        self.after = [Guide(g.orientation, g.position) for g in after]

    def _set(self, guides: list[Guide]) -> None:
        self.ctrl.doc.guides = [Guide(g.orientation, g.position) for g in guides]
        self.ctrl.guides_changed.emit()

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)
