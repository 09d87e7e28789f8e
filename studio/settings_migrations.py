"""Upgrading a settings file written by an older version: renamed keys, changed units.

Each step moves the values from version ``n - 1`` to ``n``; :func:`migrate` applies the steps a
file has not seen yet, in order, and records the new version under ``settings/version``, so a
step runs once per file and an old file opened by a new app keeps its user's choices instead of
silently falling back to defaults. Core code: it works on a plain dict (the GUI copies its
QSettings in and out), so every step is tested without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

VERSION_KEY = "settings/version"
Values = dict[str, Any]


def _v1_theme_and_language(values: Values) -> None:
    """0.1 kept the theme at the top level (``theme``, any case) and the language as a locale
    (``ui/lang = fr_FR``)."""
    if "theme" in values:
        theme = str(values.pop("theme")).strip().lower()
        values.setdefault("ui/theme", theme if theme in ("light", "dark") else "system")
    if "ui/lang" in values:
        lang = str(values.pop("ui/lang")).strip().split("_")[0].lower()
        values.setdefault("ui/language", lang if lang in ("en", "fr") else "system")


def _v2_autosave_seconds(values: Values) -> None:
    """0.2 counted the autosave interval in milliseconds (``autosave/interval_ms``)."""
    if "autosave/interval_ms" in values:
        raw = values.pop("autosave/interval_ms")
        try:
            seconds = round(float(raw) / 1000)
        except (TypeError, ValueError):
            return
        values.setdefault("autosave/interval_s", max(5, min(600, seconds)))


def _v3_snap_distance(values: Values) -> None:
    """0.3 called the snapping distance ``canvas/snap_distance``."""
    if "canvas/snap_distance" in values:
        values.setdefault("canvas/snap_px", values.pop("canvas/snap_distance"))


STEPS: tuple[Callable[[Values], None], ...] = (
    _v1_theme_and_language,
    _v2_autosave_seconds,
    _v3_snap_distance,
)
CURRENT = len(STEPS)


def version_of(values: Values) -> int:
    """The version a settings file was written at (0: before versions were recorded)."""
    try:
        return max(0, int(values.get(VERSION_KEY, 0)))
    except (TypeError, ValueError):
        return 0


def migrate(values: Values) -> tuple[Values, list[str]]:
    """``values`` brought to :data:`CURRENT`, and the names of the steps applied. A file from
    a newer version is left alone (its keys may mean something this version does not know)."""
    out = dict(values)
    start = version_of(out)
    applied: list[str] = []
    for number, step in enumerate(STEPS, start=1):
        if number > start:
            step(out)
            applied.append(step.__name__.lstrip("_"))
    out[VERSION_KEY] = max(start, CURRENT)
    return out, applied
