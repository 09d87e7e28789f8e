"""Layers and their elements (topmost first, as design tools show them): show, lock, rename,
reorder by drag, select. The tree is rebuilt from the model when its structure changes; an
edit of some elements updates their rows only (a drag among 1000 elements changes one
element per mouse move, and rebuilding 1000 rows cost ~30 ms a step)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from studio.document.model import Element, Group, Layer
from studio.gui.controller import Controller
from studio.gui.i18n import tr

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class LayersPanel(QTreeWidget):
    def __init__(self, ctrl: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctrl = ctrl
        self.setAccessibleName(tr("Layers"))
        self.setHeaderLabels([tr("Name"), tr("Visible"), tr("Locked")])
        self.header().setAccessibleName(tr("Layer columns"))
        self.setColumnCount(3)
        # names take the room; the check columns fit their headers (longer in French)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self._syncing = False
        self._rows: dict[str, QTreeWidgetItem] = {}  # element and layer id -> its row
        # Rebuilding deletes the tree's items: never do it inside one of their own signals
        # (a checkbox click that hides a layer), so rebuilds wait for the event loop.
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.rebuild)
        ctrl.document_replaced.connect(self.rebuild)
        ctrl.structure_changed.connect(self._later.start)
        ctrl.elements_changed.connect(self._update_rows)
        ctrl.selection_changed.connect(self.show_selection)
        self.itemChanged.connect(self._item_changed)
        self.itemSelectionChanged.connect(self._selection_edited)
        self.rebuild()

    def _row(self, name: str, item_id: str, kind: str, visible: bool, locked: bool):
        item = QTreeWidgetItem([name, "", ""])
        item.setData(0, ID_ROLE, item_id)
        item.setData(0, KIND_ROLE, kind)
        flags = item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        if kind == "layer":
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        else:
            flags &= ~Qt.ItemFlag.ItemIsDropEnabled
        item.setFlags(flags)
        item.setCheckState(1, Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
        item.setCheckState(2, Qt.CheckState.Checked if locked else Qt.CheckState.Unchecked)
        self._rows[item_id] = item
        return item

    def _element_row(self, element: Element) -> QTreeWidgetItem:
        row = self._row(
            element.name or element.kind, element.id, "element", element.visible, element.locked
        )
        if isinstance(element, Group):
            for child in reversed(element.children):
                row.addChild(self._element_row(child))
        return row

    def rebuild(self) -> None:
        self._later.stop()
        self._syncing = True
        self.clear()
        self._rows = {}
        for layer in reversed(self.ctrl.doc.layers):
            row = self._row(layer.name, layer.id, "layer", layer.visible, layer.locked)
            for element in reversed(layer.elements):
                row.addChild(self._element_row(element))
            self.addTopLevelItem(row)
            row.setExpanded(True)
        self._syncing = False
        self.show_selection(self.ctrl.selection)
        self.resizeColumnToContents(1)
        self.resizeColumnToContents(2)

    def _update_rows(self, ids: list[str]) -> None:
        """The rows of ``ids`` show their elements' name, visibility and lock again; a group
        (whose children may have changed) or an element without a row rebuilds the tree."""
        if self._later.isActive():
            return  # a rebuild is on its way
        self._syncing = True
        try:
            for element_id in ids:
                element, row = self.ctrl.doc.find(element_id), self._rows.get(element_id)
                if element is None or row is None or isinstance(element, Group):
                    self._later.start()
                    return
                if row.text(0) != (element.name or element.kind):
                    row.setText(0, element.name or element.kind)
                for column, on in ((1, element.visible), (2, element.locked)):
                    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                    if row.checkState(column) != state:
                        row.setCheckState(column, state)
        finally:
            self._syncing = False

    def show_selection(self, ids: list[str]) -> None:
        """Select the rows of ``ids`` and only them, touching only the rows that change."""
        self._syncing = True
        wanted = set(ids)
        shown = {item.data(0, ID_ROLE) for item in self.selectedItems()}
        for item_id in shown ^ wanted:
            row = self._rows.get(item_id)
            if row is not None:
                row.setSelected(item_id in wanted)
        self._syncing = False

    def _selection_edited(self) -> None:
        if self._syncing:
            return
        ids = [i.data(0, ID_ROLE) for i in self.selectedItems() if i.data(0, KIND_ROLE) != "layer"]
        self.ctrl.select(ids)

    def _layer(self, layer_id: str) -> Layer | None:
        return next((lay for lay in self.ctrl.doc.layers if lay.id == layer_id), None)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._syncing:
            return
        item_id, kind = item.data(0, ID_ROLE), item.data(0, KIND_ROLE)
        checked = item.checkState(column) == Qt.CheckState.Checked
        if kind == "layer":
            attr = {0: "name", 1: "visible", 2: "locked"}[column]
            value = item.text(0) if column == 0 else checked
            self.ctrl.set_layer(item_id, attr, value)
        else:
            attr = {0: "name", 1: "visible", 2: "locked"}[column]
            value = item.text(0) if column == 0 else checked
            self.ctrl.set_attrs(
                {item_id: {attr: value}},
                {
                    "name": tr("Rename"),
                    "visible": tr("Show or hide"),
                    "locked": tr("Lock or unlock"),
                }[attr],
            )

    def dropEvent(self, event) -> None:
        """Turn the drop into a controller call; the tree is then rebuilt from the model."""
        target = self.itemAt(event.position().toPoint())
        moving = self.selectedItems()
        event.ignore()
        if target is None or not moving:
            return
        position = self.dropIndicatorPosition()
        below = position == QAbstractItemView.DropIndicatorPosition.BelowItem
        on = position == QAbstractItemView.DropIndicatorPosition.OnItem
        self.drop(
            moving[0].data(0, ID_ROLE),
            moving[0].data(0, KIND_ROLE),
            target.data(0, ID_ROLE),
            target.data(0, KIND_ROLE),
            below,
            on,
            [m.data(0, ID_ROLE) for m in moving if m.data(0, KIND_ROLE) != "layer"],
        )

    def drop(self, source_id, source_kind, target_id, target_kind, below, on, element_ids):
        doc = self.ctrl.doc
        if source_kind == "layer":
            if target_kind != "layer":
                target_id = doc.layer_of(target_id).id  # type: ignore[union-attr]
            index = next(i for i, lay in enumerate(doc.layers) if lay.id == target_id)
            # the list shows the top layer first: "below" in the list is lower in the stack
            self.ctrl.move_layer(source_id, index if below else index + 1 if not on else index)
            return
        if target_kind == "layer":
            self.ctrl.move_elements(element_ids, target_id, None)
            return
        layer = doc.layer_of(target_id)
        if layer is None:
            return
        siblings = [e.id for e in layer.elements if e.id not in element_ids]
        index = siblings.index(target_id) if target_id in siblings else len(siblings)
        self.ctrl.move_elements(element_ids, layer.id, index if below else index + 1)
