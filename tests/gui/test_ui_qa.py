"""What a QA pass driving the editor found broken, each held here as a user meets it: the window
fitting a small screen, lengths in the brief's units, the font a text really has, readable
controls in the dark theme, the node tool's markers alone on the path, a toolbar that keeps
still."""

from __future__ import annotations

from pathlib import Path


def test_the_editor_fits_a_small_laptop_screen(window, fraise_brief_path: Path) -> None:
    window.open_path(fraise_brief_path)
    hint = window.minimumSizeHint()
    # The welcome page (hidden now) no longer sets the editor's minimum size.
    assert hint.width() <= 1024 and hint.height() <= 640, hint
    window.resize(1024, 600)
    assert window.width() == 1024 and window.height() == 600
    window.close_design()
    assert window.stack.currentWidget() is window.welcome
    assert window.minimumSizeHint().width() <= 1024
