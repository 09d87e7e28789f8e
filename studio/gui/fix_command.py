"""A quick fix from the checks panel as ONE undo step, however many elements it edits.

``studio.checks.fixes`` computes pure :class:`~studio.checks.fixes.Edit` objects; redo applies
them (``apply_edit`` hands back the inverse of each), undo applies the inverses in reverse
order. The values are copied on every redo, so later edits that change an element's style
in place can never reach back into the fix stored on the stack.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from studio.checks.fixes import Edit, apply_edit, edits_for_fix
from studio.checks.model import Fix

if TYPE_CHECKING:
    from studio.gui.controller import Controller


class ApplyFix(QUndoCommand):
    def __init__(self, ctrl: Controller, edits: list[Edit], text: str) -> None:
        super().__init__(text)
        self.ctrl = ctrl
        self.edits = edits
        self.inverses: list[Edit] = []

    def redo(self) -> None:
        self.inverses = [
            apply_edit(self.ctrl.doc, Edit(e.element_id, e.label, _copied(e.changes)))
            for e in self.edits
        ]
        self._changed()

    def undo(self) -> None:
        for inverse in reversed(self.inverses):
            apply_edit(self.ctrl.doc, inverse)
        self.inverses = []
        self._changed()

    def _changed(self) -> None:
        self.ctrl.elements_changed.emit(list(dict.fromkeys(e.element_id for e in self.edits)))


def _copied(changes: dict[str, Any]) -> dict[str, Any]:
    return {name: copy.copy(value) for name, value in changes.items()}


def apply_fix(ctrl: Controller, fix: Fix) -> bool:
    """Push the fix as one command; False when it has nothing left to change (the document
    moved on since the check, e.g. the colour was already snapped)."""
    try:
        edits = edits_for_fix(ctrl.doc, fix)
    except (KeyError, ValueError, TypeError):
        return False  # the element is gone or changed kind since the check
    if not edits:
        return False
    ctrl.stack.push(ApplyFix(ctrl, edits, fix.label))
    return True
