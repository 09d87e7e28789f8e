"""Accessibility of the main window as a screen-reader or keyboard-only user meets it: every
control has a name, every control is reachable with Tab (or its command from a menu), menus
have mnemonics, and the themes stay readable once applied to the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QMenu,
    QSlider,
    QTabBar,
    QToolButton,
    QWidget,
)

from studio import themes
from studio.a11y import contrast_ratio
from studio.gui.preferences import apply_theme

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QSlider,
    QTabBar,
)


def _interactive(win) -> list[QWidget]:
    out = []
    for widget in win.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE) and widget.isVisible() and widget.window() is win:
            if isinstance(widget, QLineEdit) and isinstance(
                widget.parent(), (QComboBox, QAbstractSpinBox)
            ):
                continue  # the editor inside a combo or spin box: the box is the control
            out.append(widget)
    return out  # fmt: skip


def _name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    exposed = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return (widget.accessibleName() or exposed or "").strip()


@pytest.fixture
def opened(window, fraise_brief_path: Path):
    assert window.open_path(fraise_brief_path)
    QApplication.processEvents()
    return window


def test_every_visible_control_has_an_accessible_name(opened) -> None:
    widgets = _interactive(opened)
    assert len(widgets) > 20  # the docks, toolbars and panels are really there
    nameless = [f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
                for w in widgets if not _name(w)]  # fmt: skip
    assert not nameless, nameless


def test_tab_reaches_every_control_and_toolbar_commands_are_in_menus(opened, qtbot) -> None:
    opened.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is opened)
    opened.view.setFocus()
    reached: set[int] = set()
    for _ in range(600):
        focus = QApplication.focusWidget()
        if focus is not None:
            reached.add(id(focus))
            proxy = focus.focusProxy()
            if proxy is not None:
                reached.add(id(proxy))
        opened.focusNextChild()
    menu_actions = {id(a) for m in opened.menuBar().findChildren(QMenu) for a in m.actions()}
    missed = []
    for widget in _interactive(opened):
        if not widget.isEnabled():
            continue
        if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
            action = widget.defaultAction()
            if id(action) in menu_actions or not action.shortcut().isEmpty():
                continue  # a toolbar button: its command is in a menu or on a key
        if isinstance(widget.parent(), QDockWidget):
            continue  # a dock's float/close button: View → Panels shows and hides each dock
        if isinstance(widget, QHeaderView) and not widget.sectionsClickable():
            continue  # column titles only, no command behind them
        if id(widget) not in reached and id(widget.focusProxy()) not in reached:
            missed.append(f"{type(widget).__name__} {_name(widget)!r}")
    assert not missed, missed


def test_every_menu_has_a_mnemonic(opened) -> None:
    titles = [m.title() for m in opened.menuBar().findChildren(QMenu) if m.title()]
    assert "&Help" in titles or any("Help" in t for t in titles)
    assert all("&" in t for t in titles), titles
    for action in opened.menuBar().actions():
        assert "&" in action.text(), action.text()


@pytest.mark.parametrize("name", sorted(themes.THEMES))
def test_applied_theme_palette_meets_wcag_aa(window, name: str) -> None:
    apply_theme(name)
    try:
        palette = QApplication.palette()
        group, role = QPalette.ColorGroup, QPalette.ColorRole

        def hex_of(r: str) -> str:
            (group_name, role_name) = themes.QT_ROLES[r][0]
            g = group.Active if group_name == "All" else getattr(group, group_name)
            return palette.color(g, getattr(role, role_name)).name()

        for r in themes.QT_ROLES:
            assert hex_of(r) == themes.theme(name)[r]  # what was applied is what was checked
        checked = 0
        for fg, bg, minimum in themes.CONTRAST_RULES:
            if fg in themes.QT_ROLES and bg in themes.QT_ROLES:
                assert contrast_ratio(hex_of(fg), hex_of(bg)) >= minimum, (fg, bg)
                checked += 1
        assert checked >= 10
        QApplication.processEvents()
        assert window.palette().color(role.WindowText).name() == themes.theme(name)["window_text"]
    finally:
        apply_theme("system")
