"""Every user setting, declared once: key, type, default, description.

Core code (no Qt): the GUI stores the values with QSettings, and a preferences dialog can be
generated from this table later. Adding a setting means adding one line here; a value read back
that does not fit its declaration falls back to the default instead of breaking the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.i18n import N_


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def coerce(self, value: Any) -> Any:
        """``value`` as this setting's type, or the default when it does not fit (QSettings
        hands back strings from INI files, and a file edited by hand may hold anything)."""
        if value is None:
            return self.default
        try:
            if self.type is bool:
                if isinstance(value, str):
                    out: Any = value.strip().lower() in ("1", "true", "yes", "on")
                else:
                    out = bool(value)
            elif self.type is list:
                if isinstance(value, str):
                    out = [value] if value else []
                else:
                    out = [str(v) for v in value]
            else:
                out = self.type(value)
        except (TypeError, ValueError):
            return self.default
        if self.choices and out not in self.choices:
            return self.default
        if self.minimum is not None and out < self.minimum:
            return self.default
        if self.maximum is not None and out > self.maximum:
            return self.default
        return out


SETTINGS: tuple[Setting, ...] = (
    Setting("ui/theme", str, "system", N_("Colour theme of the app."), ("system", "light", "dark")),
    Setting(
        "ui/language",
        str,
        "system",
        N_("Language of the interface (applied at the next start)."),
        ("system", "en", "fr"),
    ),
    Setting(
        "export/folder", Path, Path(), N_("Folder the export dialogs open first (empty: home).")
    ),
    Setting("tour/shown", bool, False, N_("Whether the first-run tour has been shown.")),
    Setting("settings/version", int, 0, N_("Version of the settings file, for migrations.")),
    Setting("recent/designs", list, [], N_("Design files opened lately, newest first.")),
    Setting("recent/briefs", list, [], N_("Briefs opened lately, newest first.")),
    Setting("recent/max", int, 10, N_("How many recent files to remember."), minimum=1, maximum=50),
    Setting(
        "autosave/interval_s",
        int,
        30,
        N_("Seconds between automatic recovery saves while there are unsaved changes."),
        minimum=5,
        maximum=600,
    ),
    Setting(
        "autosave/idle_s",
        float,
        2.0,
        N_("Seconds of calm after an edit before a recovery save."),
        minimum=0.5,
        maximum=60,
    ),
    Setting("canvas/snap", bool, True, N_("Snap to guides, the artboard and other elements.")),
    Setting(
        "canvas/snap_px", int, 8, N_("Snapping distance in screen pixels."), minimum=1, maximum=50
    ),
    Setting("window/geometry", bytes, b"", N_("Size and place of the main window.")),
    Setting("window/state", bytes, b"", N_("Docks and toolbars of the main window.")),
)

BY_KEY = {s.key: s for s in SETTINGS}

# Settings the app keeps for itself: not shown in the preferences dialog.
INTERNAL = frozenset(
    {
        "recent/designs",
        "recent/briefs",
        "window/geometry",
        "window/state",
        "tour/shown",
        "settings/version",
    }
)


def section(key: str) -> str:
    """The group a setting is shown under: the part of its key before the slash."""
    return key.split("/", 1)[0]


def setting(key: str) -> Setting:
    """The declaration of ``key``; KeyError for a setting nobody declared."""
    return BY_KEY[key]
