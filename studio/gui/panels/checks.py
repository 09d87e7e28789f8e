"""The Checks dock: a placeholder until the preflight work provides ``studio.checks.live``.

Merge hook: if ``studio.checks.live`` is importable and has ``create_panel(controller, parent)``
returning a QWidget, that widget fills the dock; otherwise the dock says checks are not
available. Nothing else in the GUI knows about checks.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studio.gui.controller import Controller
from studio.gui.deferred import DeferredWidget


def live_module():
    try:
        return importlib.import_module("studio.checks.live")
    except ImportError:
        return None


def create_checks_panel(ctrl: Controller, parent: QWidget | None = None) -> QWidget:
    """Built after the window's first frame: importing the checks (numpy...) takes ~0.4 s."""
    return DeferredWidget(lambda container: _build(ctrl, container), parent)


def _build(ctrl: Controller, parent: QWidget | None) -> QWidget:
    module = live_module()
    if module is not None and hasattr(module, "create_panel"):
        widget: QWidget = module.create_panel(ctrl, parent)
        return widget
    panel = QWidget(parent)
    layout = QVBoxLayout(panel)
    label = QLabel("Checks not available", panel)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName("Checks not available")
    layout.addWidget(label)
    return panel
