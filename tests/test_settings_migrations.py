"""Settings files from older versions keep their user's choices after an upgrade."""

from __future__ import annotations

from studio.settings import setting
from studio.settings_migrations import CURRENT, VERSION_KEY, migrate


def test_a_version_0_file_is_brought_to_the_current_keys() -> None:
    old = {"theme": "Dark", "ui/lang": "fr_FR", "autosave/interval_ms": "45000",
           "canvas/snap_distance": "12"}  # fmt: skip
    new, applied = migrate(old)
    assert new["ui/theme"] == "dark"
    assert new["ui/language"] == "fr"
    assert setting("autosave/interval_s").coerce(new["autosave/interval_s"]) == 45
    assert setting("canvas/snap_px").coerce(new["canvas/snap_px"]) == 12
    assert not {"theme", "ui/lang", "autosave/interval_ms", "canvas/snap_distance"} & set(new)
    assert new[VERSION_KEY] == CURRENT
    assert len(applied) == CURRENT


def test_steps_run_once_and_never_overwrite_a_newer_key() -> None:
    new, _ = migrate({"theme": "dark", "ui/theme": "light"})
    assert new["ui/theme"] == "light"
    again, applied = migrate({**new, "theme": "dark"})
    assert applied == [] and again["theme"] == "dark"  # already current: nothing touched


def test_unknown_values_become_defaults_not_crashes() -> None:
    new, _ = migrate({"theme": "neon", "ui/lang": "de_DE", "autosave/interval_ms": "soon"})
    assert new["ui/theme"] == "system"
    assert new["ui/language"] == "system"
    assert "autosave/interval_s" not in new


def test_a_file_from_a_newer_version_is_left_alone() -> None:
    new, applied = migrate({VERSION_KEY: CURRENT + 5, "theme": "dark"})
    assert applied == [] and new["theme"] == "dark" and new[VERSION_KEY] == CURRENT + 5


def test_migration_runs_from_the_middle() -> None:
    new, applied = migrate({VERSION_KEY: "2", "canvas/snap_distance": 3, "theme": "dark"})
    assert applied == ["v3_snap_distance"]
    assert new["canvas/snap_px"] == 3 and new["theme"] == "dark"
