"""The menu bar and the toolbars: every command the window offers, with standard shortcuts.

Actions only call the window's or the controller's methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QToolBar, QToolButton

from studio.gui.i18n import marked, tr

if TYPE_CHECKING:
    from studio.gui.mainwindow import MainWindow

SK = QKeySequence.StandardKey


def _action(window, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def build(window: MainWindow) -> dict[str, QAction]:
    ctrl = window.ctrl
    a: dict[str, QAction] = {}
    bar = window.menuBar()
    file = bar.addMenu(tr("&File"))
    a["open_brief"] = _action(window, tr("Open &Brief…"), window.open_brief_dialog, "Ctrl+Shift+B")
    a["open"] = _action(window, tr("&Open…"), window.open_dialog, SK.Open)
    a["save"] = _action(window, tr("&Save"), window.save, SK.Save)
    a["save_as"] = _action(window, tr("Save &As…"), window.save_as, SK.SaveAs)
    a["import"] = _action(window, tr("&Import Image or SVG…"), window.import_dialog, "Ctrl+I")
    a["close"] = _action(window, tr("&Close Design"), window.close_design, SK.Close)
    a["quit"] = _action(window, tr("&Quit"), window.close, SK.Quit)
    a["export"] = _action(window, tr("&Export…"), window.delivery.export, "Ctrl+E")
    a["submission"] = _action(
        window, tr("Prepare &Submission…"), window.delivery.prepare_submission
    )
    for key in ("open_brief", "open", "save", "save_as", "import", "export", "submission",
                "close", "quit"):  # fmt: skip
        file.addAction(a[key])
        if key in ("open", "import", "submission", "close"):
            file.addSeparator()
    a["new_brief"] = _action(window, tr("&New Brief…"), window.briefs.new_brief_dialog)
    file.insertAction(a["open_brief"], a["new_brief"])
    edit = bar.addMenu(tr("&Edit"))
    a["undo"] = ctrl.stack.createUndoAction(window, tr("&Undo"))
    a["undo"].setShortcut(SK.Undo)
    a["redo"] = ctrl.stack.createRedoAction(window, tr("&Redo"))
    a["redo"].setShortcut(SK.Redo)
    a["paste"] = _action(window, tr("&Paste"), window.paste, SK.Paste)
    a["duplicate"] = _action(window, tr("D&uplicate"), ctrl.duplicate_selection, "Ctrl+D")
    a["delete"] = _action(window, tr("&Delete"), ctrl.delete_selection, SK.Delete)
    a["select_all"] = _action(window, tr("Select &All"), window.select_all, SK.SelectAll)
    for key in ("undo", "redo", "paste", "duplicate", "delete", "select_all"):
        edit.addAction(a[key])
    obj = bar.addMenu(tr("&Object"))
    a["group"] = _action(window, tr("&Group"), ctrl.group_selection, "Ctrl+G")
    a["ungroup"] = _action(window, tr("&Ungroup"), ctrl.ungroup_selection, "Ctrl+Shift+G")
    obj.addAction(a["group"])
    obj.addAction(a["ungroup"])
    obj.addSeparator()
    for key, text, shortcut in (
        ("top", tr("Bring to &Front"), "Ctrl+Shift+]"),
        ("raise", tr("Bring &Forward"), "Ctrl+]"),
        ("lower", tr("Send &Backward"), "Ctrl+["),
        ("bottom", tr("Send to Bac&k"), "Ctrl+Shift+["),
    ):
        a[key] = _action(window, text, lambda _=False, w=key: ctrl.restack(w), shortcut)
        obj.addAction(a[key])
    align = obj.addMenu(tr("&Align"))
    for mode, text in (
        ("left", tr("Left edges")),
        ("hcenter", tr("Horizontal centres")),
        ("right", tr("Right edges")),
        ("top", tr("Top edges")),
        ("vcenter", tr("Vertical centres")),
        ("bottom", tr("Bottom edges")),
    ):
        a[f"align_{mode}"] = _action(window, text, lambda _=False, m=mode: ctrl.align(m))
        align.addAction(a[f"align_{mode}"])
    dist = obj.addMenu(tr("&Distribute"))
    a["dist_x"] = _action(window, tr("Horizontally"), lambda: ctrl.distribute("x"))
    a["dist_y"] = _action(window, tr("Vertically"), lambda: ctrl.distribute("y"))
    dist.addAction(a["dist_x"])
    dist.addAction(a["dist_y"])
    view = bar.addMenu(tr("&View"))
    a["zoom_in"] = _action(window, tr("Zoom &In"), lambda: window.view.zoom_by(1.25), SK.ZoomIn)
    a["zoom_out"] = _action(window, tr("Zoom &Out"), lambda: window.view.zoom_by(0.8), SK.ZoomOut)
    a["fit"] = _action(window, tr("&Fit Artboard"), window.view.fit, "Ctrl+0")
    a["actual"] = _action(
        window, tr("&Actual Size (100 %)"), lambda: window.view.set_zoom(1.0), "Ctrl+1"
    )
    a["preview"] = _action(window, tr("&Print Preview"), window.set_preview, "Ctrl+Shift+P", True)
    for key in ("zoom_in", "zoom_out", "fit", "actual", "preview"):
        view.addAction(a[key])
    view.addSeparator()
    docks = view.addMenu(tr("&Panels"))
    for dock in window.docks.values():
        docks.addAction(dock.toggleViewAction())
    docks.addAction(window.delivery.outbox_dock.toggleViewAction())
    tools_menu = bar.addMenu(tr("&Tools"))
    a["connectors"] = _action(window, tr("&Connectors…"), window.delivery.connectors)
    tools_menu.addAction(a["connectors"])
    from studio.gui import help_menu  # Edit → Preferences…, the Help menu

    help_menu.install(window, a, edit)
    _toolbars(window, a)
    return a


def _toolbars(window: MainWindow, a: dict[str, QAction]) -> None:
    main = QToolBar(tr("Main"), window)
    main.setObjectName("main-toolbar")
    main.setAccessibleName(tr("Main toolbar"))
    for key in ("open", "save", "undo", "redo", "import"):
        main.addAction(a[key])
    for key, label in (("undo", tr("&Undo")), ("redo", tr("&Redo"))):
        _steady_button(main, a[key], label)
    main.addSeparator()
    main.addAction(a["fit"])
    main.addAction(a["preview"])
    window.garment_box = QComboBox(main)
    window.garment_box.setAccessibleName(tr("Garment colour"))
    window.garment_box.setToolTip(tr("Garment colour of the mock-up"))
    window.garment_box.currentIndexChanged.connect(window.garment_chosen)
    window.garment_action = main.addWidget(window.garment_box)
    window.addToolBar(main)
    tools = QToolBar(tr("Tools"), window)
    tools.setObjectName("tools-toolbar")
    tools.setAccessibleName(tr("Tools"))
    group = QActionGroup(window)
    for i, (name, label, key) in enumerate(window.TOOLS):
        action = _action(
            window, marked(label), lambda _=False, n=name: window.set_tool(n), key, True
        )
        action.setToolTip(f"{marked(label)} ({key})")
        group.addAction(action)
        tools.addAction(action)
        a[f"tool_{name}"] = action
        if i == 0:
            action.setChecked(True)
    window.addToolBar(Qt.ToolBarArea.LeftToolBarArea, tools)


def _steady_button(bar: QToolBar, action: QAction, label: str) -> None:
    """The toolbar button of Undo or Redo keeps a short label; the command it would undo
    ("Undo Draw rectangle", as in the Edit menu) is in its tool tip. Following the action's
    text, the button grew and shrank at every edit, and every button after it jumped."""
    button = bar.widgetForAction(action)
    if not isinstance(button, QToolButton):
        return

    def steady() -> None:  # after Qt copied the action's new text to the button
        if not shiboken6.isValid(button):  # the window is closing; the undo stack lives on
            return
        button.setText(label.replace("&", ""))
        button.setToolTip(action.text().replace("&", ""))

    action.changed.connect(steady)
    steady()
