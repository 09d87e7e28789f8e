"""The editor's controller: it holds the document, the undo stack and the selection, turns
user intentions into commands and announces changes. Widgets and scene items only call it and
listen to its signals, so every flow can be driven (and tested) without a widget.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from studio.brief.model import Brief
from studio.document import ops
from studio.document.fileio import DESIGN_SUFFIX, load_document, save_document
from studio.document.geometry import Matrix, multiply, scale, translate
from studio.document.model import Document, Element, Guide, Layer, Paint, default_name
from studio.gui.commands import (
    AddElements,
    EditStructure,
    SetAttrs,
    SetGuides,
    SetLayerAttr,
    get_attr,
)
from studio.gui.i18n import tr


class Controller(QObject):
    document_replaced = Signal()
    structure_changed = Signal()
    elements_changed = Signal(list)
    selection_changed = Signal(list)
    brief_changed = Signal()  # the open design now answers another brief (or version of it)
    guides_changed = Signal()  # a guide was added, moved or removed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = Document(width=210, height=297)
        self.doc.layers.append(Layer(tr("Artwork")))
        self.brief: Brief | None = None
        self.path: Path | None = None
        self.selection: list[str] = []
        self.stack = QUndoStack(self)
        self.fill: Paint = "#000000"
        self.stroke: Paint = None
        self.stroke_width = 1.0
        self.has_document = False
        self.recovered = False  # opened from a recovery file: unsaved until saved
        # The design's brief is still being looked for (at start, after the first frame): the
        # panels say so instead of "no brief", and the checks wait for it.
        self.brief_pending = False

    # --- documents -------------------------------------------------------------------------
    def set_document(
        self,
        doc: Document,
        path: Path | None = None,
        brief: Brief | None = None,
        brief_pending: bool = False,
    ):
        """Show ``doc``; ``brief_pending``: its brief comes later, through :meth:`attach_brief`."""
        self.doc, self.path = doc, path
        if brief is not None:
            self.brief = brief
        self.brief_pending = brief_pending
        self.has_document = True
        self.recovered = False
        self.selection = []
        self.stack.clear()
        self.stack.setClean()
        palette = self.palette()
        self.fill = palette[0][1] if palette else "#000000"
        self.document_replaced.emit()
        self.selection_changed.emit([])

    def attach_brief(self, brief: Brief | None) -> None:
        """The pending brief of the open design is found (or not, ``None``). Not an edit: the
        undo stack and the saved state are untouched; the swatches' default fill becomes the
        brief's first ink, as when a design opens with its brief."""
        self.brief_pending = False
        self.brief = brief
        palette = self.palette()
        if palette and self.fill == "#000000":
            self.fill = palette[0][1]
        self.brief_changed.emit()

    def new_from_brief(self, brief: Brief) -> None:
        from studio.document.from_brief import document_from_brief  # (and the importer)

        self.set_document(document_from_brief(brief), None, brief)

    def open(self, path: str | Path) -> None:
        self.brief = None
        self.set_document(load_document(path), Path(path))

    def save(self, path: str | Path | None = None) -> Path:
        target = Path(path) if path else self.path
        assert target is not None, "save needs a path"
        if not target.name.endswith(DESIGN_SUFFIX):
            target = target.with_name(target.name.removesuffix(".svg") + DESIGN_SUFFIX)
        save_document(self.doc, target)
        self.path = target
        self.recovered = False
        self.stack.setClean()
        return target

    @property
    def dirty(self) -> bool:
        return self.recovered or not self.stack.isClean()

    def palette(self) -> list[tuple[str, str]]:
        """The swatches: the brief's inks (name, colour)."""
        if self.brief is None:
            return []
        return [(ink.name, ink.color) for ink in self.brief.inks.palette]

    # --- selection -------------------------------------------------------------------------
    def select(self, ids: list[str]) -> None:
        ids = [i for i in ids if self.doc.find(i) is not None]
        if ids != self.selection:
            self.selection = ids
            self.selection_changed.emit(list(ids))

    def selected(self) -> list[Element]:
        return [e for e in (self.doc.find(i) for i in self.selection) if e is not None]

    # --- edits -----------------------------------------------------------------------------
    def set_attrs(self, values: dict[str, dict[str, Any]], text: str, merge_key: object = None):
        """Push one command setting ``{id: {attr: new}}``; unchanged values are skipped."""
        changes: dict[str, dict[str, tuple[Any, Any]]] = {}
        for element_id, attrs in values.items():
            element = self.doc.find(element_id)
            if element is None:
                continue
            diff = {a: (get_attr(element, a), v) for a, v in attrs.items()}
            diff = {a: p for a, p in diff.items() if p[0] != p[1]}
            if diff:
                changes[element_id] = diff
        if changes:
            self.stack.push(SetAttrs(self, changes, text, merge_key))

    def set_transforms(self, transforms: dict[str, Matrix], text: str, merge_key: object = None):
        self.set_attrs({i: {"transform": m} for i, m in transforms.items()}, text, merge_key)

    def move_selection(self, dx: float, dy: float, merge_key: object = "nudge") -> None:
        self.set_transforms(ops.moved(self.doc, self.selection, dx, dy), tr("Move"), merge_key)

    def set_style(self, attr: str, value: Any) -> None:
        """Fill, stroke or stroke width of the selection (and the default for new shapes)."""
        setattr(
            self, {"fill": "fill", "stroke": "stroke", "stroke_width": "stroke_width"}[attr], value
        )
        targets = [e.id for e in self.selected() if e.kind not in ("image", "svg", "group")]
        targets = ops.movable(self.doc, targets)
        label = {
            "fill": tr("Set fill"),
            "stroke": tr("Set stroke"),
            "stroke_width": tr("Set stroke width"),
        }.get(attr, attr)
        self.set_attrs({i: {f"style.{attr}": value} for i in targets}, label)

    def set_geometry(self, x: float, y: float, width: float, height: float) -> None:
        """Place the selection's box at ``x, y`` with size ``width × height`` (mm)."""
        box = ops.selection_box(self.doc, self.selection)
        if box is None or box.width <= 0 or box.height <= 0:
            return
        sx, sy = max(width, 1e-3) / box.width, max(height, 1e-3) / box.height
        m = multiply(translate(x, y), multiply(scale(sx, sy), translate(-box.x, -box.y)))
        self.set_transforms(ops.transformed(self.doc, self.selection, m), tr("Resize"))

    def target_layer(self) -> Layer:
        """Where new elements go: the layer of the selection, else the top unlocked layer."""
        for element_id in reversed(self.selection):
            layer = self.doc.layer_of(element_id)
            if layer is not None and not layer.locked:
                return layer
        unlocked = [lay for lay in self.doc.layers if not lay.locked]
        if unlocked:
            return unlocked[-1]
        layer = Layer(tr("Artwork"))
        self.doc.layers.append(layer)
        self.structure_changed.emit()
        return layer

    def add(self, elements: list[Element], text: str = "") -> None:
        for element in elements:
            if not element.name:
                element.name = default_name(element)
        self.stack.push(AddElements(self, self.target_layer().id, elements, text or tr("Add")))

    def _structure(self, text: str, edit: Any, select_after: Any = None) -> bool:
        command = EditStructure(self, text, edit, select_after)
        if not command.changed:
            return False
        self.stack.push(command)
        return True

    def delete_selection(self) -> None:
        ids = list(self.selection)
        self._structure(tr("Delete"), lambda d: ops.remove(d, ids))

    def duplicate_selection(self) -> None:
        ids = list(self.selection)
        self._structure(tr("Duplicate"), lambda d: ops.duplicate(d, ids), lambda new: new)

    def group_selection(self) -> None:
        ids = list(self.selection)
        self._structure(tr("Group"), lambda d: ops.group(d, ids), lambda gid: [gid])

    def ungroup_selection(self) -> None:
        ids = list(self.selection)

        def edit(doc: Document) -> list[str]:
            out: list[str] = []
            for element_id in ids:
                out += ops.ungroup(doc, element_id)
            return out

        self._structure(tr("Ungroup"), edit, lambda children: children)

    def restack(self, where: str) -> None:
        ids = ops.movable(self.doc, list(self.selection))
        order = ids if where in ("lower", "bottom") else list(reversed(ids))
        self._structure(
            {
                "top": tr("Bring to front"),
                "raise": tr("Bring forward"),
                "lower": tr("Send backward"),
                "bottom": tr("Send to back"),
            }.get(where, where),
            lambda d: ops.restack(d, order, where),  # type: ignore[arg-type]
            lambda _: ids,
        )

    def align(self, mode: str) -> None:
        self.set_transforms(ops.aligned(self.doc, self.selection, mode), self._align_text(mode))  # type: ignore[arg-type]

    @staticmethod
    def _align_text(mode: str) -> str:
        return {
            "left": tr("Align left edges"),
            "hcenter": tr("Align horizontal centres"),
            "right": tr("Align right edges"),
            "top": tr("Align top edges"),
            "vcenter": tr("Align vertical centres"),
            "bottom": tr("Align bottom edges"),
        }.get(mode, mode)

    def distribute(self, axis: str) -> None:
        self.set_transforms(ops.distributed(self.doc, self.selection, axis), tr("Distribute"))  # type: ignore[arg-type]

    def set_guides(self, guides: list[Guide], text: str) -> None:
        """Replace the document's guides as one undoable edit (none when nothing changed)."""
        if guides != self.doc.guides:
            self.stack.push(SetGuides(self, self.doc.guides, guides, text))

    # --- layers ----------------------------------------------------------------------------
    def set_layer(self, layer_id: str, attr: str, value: Any) -> None:
        layer = next(lay for lay in self.doc.layers if lay.id == layer_id)
        if getattr(layer, attr) != value:
            label = {
                "visible": tr("Show layer") if value else tr("Hide layer"),
                "locked": tr("Lock layer") if value else tr("Unlock layer"),
                "name": tr("Rename layer"),
            }[attr]
            self.stack.push(SetLayerAttr(self, layer_id, attr, value, label))

    def move_layer(self, layer_id: str, index: int) -> None:
        def edit(doc: Document) -> bool:
            layer = next(lay for lay in doc.layers if lay.id == layer_id)
            old = doc.layers.index(layer)
            doc.layers.remove(layer)
            doc.layers.insert(max(0, min(index, len(doc.layers))), layer)
            return doc.layers.index(layer) != old

        self._structure(tr("Reorder layers"), edit)

    def move_elements(self, ids: list[str], layer_id: str, index: int | None) -> None:
        ids = ops.movable(self.doc, ids)
        target = next(lay for lay in self.doc.layers if lay.id == layer_id)
        if not ids or target.locked:
            return

        def edit(doc: Document) -> bool:
            before = [[e.id for e in lay.elements] for lay in doc.layers]
            ops.move_to_layer(doc, ids, layer_id, index)
            return before != [[e.id for e in lay.elements] for lay in doc.layers]

        self._structure(tr("Reorder"), edit, lambda _: ids)
