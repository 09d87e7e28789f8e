"""The main window: welcome page or canvas in the middle, docks around, menus and status bar.

It wires widgets to the controller and shows dialogs; the editing itself is the controller's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QUndoView,
    QWidget,
)

from studio.errors import InputError
from studio.gui import actions, deferred, keyboard, preferences, recovery
from studio.gui.briefs import BriefFlow
from studio.gui.canvas.rulers import THICKNESS, Ruler
from studio.gui.canvas.scene import CanvasScene
from studio.gui.canvas.view import CanvasView
from studio.gui.controller import Controller
from studio.gui.delivery import Delivery
from studio.gui.i18n import N_, marked, tr
from studio.gui.panels.brief import BriefPanel
from studio.gui.panels.checks import create_checks_panel, install_badge
from studio.gui.panels.layers import LayersPanel
from studio.gui.panels.properties import PropertiesPanel
from studio.gui.settings_store import Store
from studio.gui.welcome import WelcomePage
from studio.units import format_length

BRIEF_FILTER = N_("Briefs (*.brief.json *.brief)")
DESIGN_FILTER = N_("Motif Studio designs (*.motif.svg)")


class MainWindow(QMainWindow):
    TOOLS = (
        ("select", N_("Select"), "V"),
        ("nodes", N_("Edit nodes"), "N"),
        ("rect", N_("Rectangle"), "R"),
        ("ellipse", N_("Ellipse"), "E"),
        ("polygon", N_("Polygon"), "Shift+P"),
        ("star", N_("Star"), "S"),
        ("line", N_("Line"), "L"),
        ("pen", N_("Pen"), "B"),
        ("text", N_("Text"), "T"),
    )

    def __init__(self, store: Store | None = None) -> None:
        super().__init__()
        deferred.watch(self)  # what the first frame does not show waits until it is painted
        self.setWindowTitle("Motif Studio")
        self.store = store or Store()
        preferences.apply_at_start(self.store)  # migrations, language, theme: before any text
        self.ctrl = Controller(self)
        self.scene = CanvasScene(self.ctrl)
        self.view = CanvasView(self.scene)
        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self)
        self.welcome.open_brief_requested.connect(self.open_brief_dialog)
        self.welcome.open_design_requested.connect(self.open_dialog)
        self.welcome.path_chosen.connect(self.open_path)
        self.briefs = BriefFlow(self)
        self.welcome.new_brief_requested.connect(self.briefs.new_brief_dialog)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self._editor())
        self.stack.currentChanged.connect(self._page_shown)
        self._page_shown(self.stack.currentIndex())
        self.setCentralWidget(self.stack)
        self.docks: dict[str, QDockWidget] = {}
        self.layers = LayersPanel(self.ctrl)
        self.properties = PropertiesPanel(self.ctrl)
        self.ctrl.brief_changed.connect(self.properties.refresh)  # its swatches and default fill
        self.brief_panel = BriefPanel()
        history = QUndoView(self.ctrl.stack)
        history.setAccessibleName(tr("History"))
        history.setEmptyLabel(tr("Opened"))
        area = Qt.DockWidgetArea
        self._dock(N_("Layers"), self.layers, area.RightDockWidgetArea)
        self._dock(N_("Properties"), self.properties, area.RightDockWidgetArea)
        self._dock(N_("Brief"), self.brief_panel, area.LeftDockWidgetArea)
        self._dock(N_("History"), history, area.LeftDockWidgetArea)
        self.checks_panel = create_checks_panel(self.ctrl, self.scene)
        self._dock(N_("Checks"), self.checks_panel, area.LeftDockWidgetArea)
        self.tabifyDockWidget(self.docks["Brief"], self.docks["History"])
        self.tabifyDockWidget(self.docks["History"], self.docks["Checks"])
        self.docks["Brief"].raise_()
        keyboard.focusable_dock_tabs(self)  # dock tabs reachable with Tab
        self.garment_box: QComboBox
        self.garment_action: QAction
        self.tools = self._tools()
        self.tool_name = ""
        self.delivery = Delivery(self)
        self.acts = actions.build(self)
        self._status()
        self.checks_badge = install_badge(self, self.checks_panel, self.docks["Checks"])
        self.ctrl.stack.cleanChanged.connect(lambda _: self.update_title())
        self.ctrl.document_replaced.connect(self._document_replaced)
        self.autosaver = recovery.Autosaver(
            self.ctrl, self.store.get("autosave/interval_s"), self.store.get("autosave/idle_s")
        )
        self.set_tool("select")
        self.garment_action.setVisible(False)
        self.show_welcome()
        self._restore_geometry()

    # --- building ----------------------------------------------------------------------------
    def _editor(self) -> QWidget:
        editor = QWidget(self)
        grid = QGridLayout(editor)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        corner = QWidget(editor)
        corner.setFixedSize(THICKNESS, THICKNESS)
        grid.addWidget(corner, 0, 0)
        grid.addWidget(Ruler(self.view, True), 0, 1)
        grid.addWidget(Ruler(self.view, False), 1, 0)
        grid.addWidget(self.view, 1, 1)
        return editor

    def _dock(self, title: str, widget: QWidget, where: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(marked(title), self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setAccessibleName(marked(title))
        dock.setWidget(widget)
        widget.setMinimumWidth(260)
        self.addDockWidget(where, dock)
        self.docks[title] = dock

    def _tools(self) -> dict:
        from studio.gui.tools.nodes import NodeTool
        from studio.gui.tools.pen import PenTool
        from studio.gui.tools.select import SelectTool
        from studio.gui.tools.shapes import ShapeTool
        from studio.gui.tools.text import TextTool

        out = {
            "select": SelectTool(self.view),
            "nodes": NodeTool(self.view),
            "pen": PenTool(self.view),
            "text": TextTool(self.view),
        }
        for kind in ("rect", "ellipse", "polygon", "star", "line"):
            out[kind] = ShapeTool(self.view, kind)
        return out

    def _status(self) -> None:
        self.zoom_label = QLabel("100 %", self)
        self.zoom_label.setAccessibleName(tr("Zoom"))
        self.pos_label = QLabel("", self)
        self.pos_label.setAccessibleName(tr("Cursor position"))
        self.statusBar().addPermanentWidget(self.pos_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))
        self.view.cursor_moved.connect(self._cursor_moved)

    def _cursor_moved(self, x: float, y: float) -> None:
        doc = self.ctrl.doc
        self.pos_label.setText(
            f"X {format_length(x, doc.unit, doc.dpi)}   Y {format_length(y, doc.unit, doc.dpi)}"
        )

    # --- pages and tools -------------------------------------------------------------------
    def show_welcome(self) -> None:
        self.welcome.set_recent(self.store.get("recent/designs"), self.store.get("recent/briefs"))
        self.stack.setCurrentIndex(0)
        for dock in self.docks.values():
            dock.hide()
        for bar in self.editor_bars():
            bar.hide()
        self.update_title()

    def show_editor(self) -> None:
        self.stack.setCurrentIndex(1)
        for dock in self.docks.values():
            dock.show()
        for bar in self.editor_bars():
            bar.show()
        self.docks["Brief"].raise_()
        self.view.setFocus()

    def _page_shown(self, index: int) -> None:
        """Only the page shown counts for the window's minimum size: a QStackedWidget is as
        large as its largest page, so the welcome page's cards and lists (over 1100 px wide
        with the docks beside them, 1360 in French) kept the editor from fitting a small
        screen."""
        policy = QSizePolicy.Policy
        for i in range(self.stack.count()):
            page = self.stack.widget(i)
            shown = policy.Preferred if i == index else policy.Ignored
            if page is not None:
                page.setSizePolicy(shown, shown)

    def editor_bars(self) -> list[QToolBar]:
        """The toolbars that only mean something with a design open. Found by name: asking
        for every QToolBar makes PySide wrap each of the window's hundreds of children."""
        return self.findChildren(QToolBar, "tools-toolbar")

    def set_tool(self, name: str) -> None:
        if self.tool_name and self.tool_name in self.tools:
            self.tools[self.tool_name].deactivate()
        self.tool_name = name
        tool = self.tools[name]
        self.view.tool = tool
        tool.activate()
        action = getattr(self, "acts", {}).get(f"tool_{name}")
        if action is not None:
            action.setChecked(True)
        self.statusBar().showMessage(marked(self.tools[name].label), 2000)

    def _document_replaced(self) -> None:
        brief = self.ctrl.brief
        if self.ctrl.brief_pending:
            self.brief_panel.show_pending()
        else:
            self.brief_panel.show_brief(brief)
        self.garment_box.blockSignals(True)
        self.garment_box.clear()
        if brief is not None and brief.mockup:
            for color in brief.garment_colors:
                self.garment_box.addItem(color.name, color.color)
        self.garment_box.blockSignals(False)
        self.garment_action.setVisible(self.garment_box.count() > 0)
        self.show_editor()
        self.view.fit(scaled=False)  # a new design: sharp at once
        self.update_title()

    def garment_chosen(self, index: int) -> None:
        if index >= 0:
            self.scene.set_garment(self.garment_box.itemData(index))

    def set_preview(self, on: bool) -> None:
        self.scene.set_preview(bool(on))

    def update_title(self) -> None:
        if not self.ctrl.has_document:
            self.setWindowTitle("Motif Studio")
            return
        name = self.ctrl.path.name if self.ctrl.path else (self.ctrl.doc.title or tr("Untitled"))
        self.setWindowTitle(f"{name}[*] — Motif Studio")
        self.setWindowModified(self.ctrl.dirty)

    # --- files -------------------------------------------------------------------------------
    def open_path(self, path: str | Path, at_start: bool = False) -> bool:
        """Open a brief (a new design from it) or a design; errors are shown, not raised.
        ``at_start``: a design's brief is looked for after the window's first frame."""
        path = Path(path)
        if path.name.endswith((".brief.json", ".brief")):
            return self.briefs.open_brief(path)  # asks about unsaved changes itself
        if not self.maybe_save():
            return False
        try:
            self.briefs.open_design(path, brief_later=at_start)
            if at_start:  # writing the settings file can wait until the window is shown
                deferred.after_first_frame(lambda: self.store.add_recent("recent/designs", path))
            else:
                self.store.add_recent("recent/designs", path)
        except InputError as exc:
            QMessageBox.warning(self, tr("Cannot open"), exc.one_line())
            return False
        return True

    def open_brief_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open a brief"), "", marked(BRIEF_FILTER))
        if path:
            self.open_path(path)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open a design"), "", f"{marked(DESIGN_FILTER)};;{marked(BRIEF_FILTER)}"
        )
        if path:
            self.open_path(path)

    def save(self) -> bool:
        if not self.ctrl.has_document:
            return False
        if self.ctrl.path is None:
            return self.save_as()
        try:
            self.ctrl.save()
        except OSError as exc:
            QMessageBox.critical(
                self, tr("Cannot save"), f"{self.ctrl.path}: {exc.strerror or exc}"
            )
            return False
        self.store.add_recent("recent/designs", self.ctrl.path)
        self.update_title()
        return True

    def save_as(self) -> bool:
        if not self.ctrl.has_document:
            return False
        suggested = (self.ctrl.doc.title or tr("design")).replace("/", "-") + ".motif.svg"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save design"), suggested, marked(DESIGN_FILTER)
        )
        if not path:
            return False
        self.ctrl.path = Path(path)
        return self.save()

    def import_dialog(self) -> None:
        from studio.gui.importing import IMAGE_FILTER, import_file

        path, _ = QFileDialog.getOpenFileName(self, tr("Import"), "", marked(IMAGE_FILTER))
        if path:
            import_file(self.ctrl, path, None, self)

    def paste(self) -> None:
        from studio.gui.importing import import_mime

        import_mime(self.ctrl, QGuiApplication.clipboard().mimeData(), None, self)

    def select_all(self) -> None:
        self.ctrl.select(
            [
                e.id
                for lay in self.ctrl.doc.layers
                if lay.visible and not lay.locked
                for e in lay.elements
                if not e.locked
            ]
        )

    def maybe_save(self) -> bool:
        """Ask before losing unsaved changes; False means the user cancelled."""
        if not self.ctrl.has_document or not self.ctrl.dirty:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            tr("Unsaved changes"),
            tr("The design has unsaved changes. Save them before closing?"),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        return answer == buttons.Discard

    def close_design(self) -> None:
        if self.maybe_save():
            self.autosaver.discard()
            self.ctrl.has_document = False
            self.ctrl.stack.clear()
            self.show_welcome()

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest recovery file back. True when recovered."""
        entries = recovery.pending()
        if not entries:
            return False
        entry = entries[0]
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            tr("Recover unsaved work?"),
            tr(
                "Motif Studio did not close properly last time. Recover the unsaved design{name}?"
            ).format(name=f" ({Path(entry.original).name})" if entry.original else ""),
            buttons.Yes | buttons.No,
            buttons.Yes,
        )
        if answer != buttons.Yes:
            for old in entries:
                old.discard()
            return False
        try:
            self.ctrl.open(entry.design)
        except InputError as exc:
            QMessageBox.warning(self, tr("Cannot recover"), exc.one_line())
            return False
        self.ctrl.path = Path(entry.original) if entry.original else None
        self.ctrl.recovered = True
        self.autosaver.save_now()
        for old in entries:
            old.discard()
        self.update_title()
        return True

    # --- window state ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.store.get("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.store.set("window/geometry", bytes(self.saveGeometry().data()))
        self.autosaver.stop()
        self.checks_panel.shutdown()
        self.delivery.stop()
        event.accept()
