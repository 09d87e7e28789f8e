"""Guard against a Qt binding that leaks references to None (PySide6 6.12.0 did: every void
call dropped one, and the app died with "deallocating None" after a few thousand edits)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QPen


def test_void_qt_calls_keep_none_alive() -> None:
    pen = QPen()
    before = sys.getrefcount(None)
    for _ in range(200):
        pen.setWidthF(2.0)
    # Other code may take or drop a few references meanwhile; a leak loses one per call.
    assert abs(before - sys.getrefcount(None)) < 50
