from __future__ import annotations

from studio.settings import SETTINGS, setting


def test_every_setting_is_declared_once_with_a_description() -> None:
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    assert all(s.description and s.coerce(None) == s.default for s in SETTINGS)


def test_values_read_back_are_coerced_or_fall_back_to_default() -> None:
    assert setting("autosave/interval_s").coerce("45") == 45
    assert setting("autosave/interval_s").coerce("1") == 30
    assert setting("ui/theme").coerce("purple") == "system"
    assert setting("canvas/snap").coerce("false") is False
    assert setting("recent/designs").coerce("/a.motif.svg") == ["/a.motif.svg"]
