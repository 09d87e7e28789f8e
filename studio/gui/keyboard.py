"""Keyboard reach the main window's own widgets lack by default.

Qt gives the tab bars of tabified docks (Brief / History / Checks) no keyboard focus, so a
keyboard-only user could never bring the Checks panel to the front. The main window creates
those bars itself, whenever docks get tabified, so a filter on the window makes each new bar
reachable with Tab (arrow keys then switch panels)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMainWindow, QTabBar

from studio.gui.i18n import tr


class _DockTabs(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QTabBar):
                _fix(child)
        return False


def _fix(bar: QTabBar) -> None:
    bar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if not bar.accessibleName():
        bar.setAccessibleName(tr("Panels"))


def focusable_dock_tabs(window: QMainWindow) -> None:
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        _fix(bar)
    watcher = _DockTabs(window)
    window.installEventFilter(watcher)
