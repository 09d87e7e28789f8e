"""The core must run headless: no module outside ``studio.gui`` may import Qt widgets."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "studio"
FORBIDDEN = ("PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtSvgWidgets")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def test_core_modules_import_no_qt_widgets() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        if "gui" in path.relative_to(CORE).parts:
            continue
        for name in _imports(path):
            if name.startswith(FORBIDDEN):
                offenders.append(f"{path.relative_to(CORE.parent)} imports {name}")
    assert offenders == []


def test_the_check_itself_sees_an_offending_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\n")
    assert "PySide6.QtWidgets.QWidget" in _imports(bad)
