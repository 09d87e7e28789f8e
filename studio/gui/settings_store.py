"""Reading and writing the declared settings (``studio.settings``) with QSettings.

The INI file lives in the platform's config folder, looked up each time so tests (with their
temporary HOME) never see the user's settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths

from studio.settings import setting


def settings_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / "motif-studio" / "settings.ini"


class Store:
    def __init__(self) -> None:
        self.qs = QSettings(str(settings_path()), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        declared = setting(key)
        value = self.qs.value(key)
        if declared.type is bytes and value is not None:
            return bytes(value.data()) if hasattr(value, "data") else declared.default
        return declared.coerce(value)

    def set(self, key: str, value: Any) -> None:
        setting(key)  # only declared keys
        if isinstance(value, bytes):
            from PySide6.QtCore import QByteArray

            value = QByteArray(value)
        self.qs.setValue(key, value)
        self.qs.sync()

    def add_recent(self, key: str, path: str | Path) -> None:
        path = str(Path(path).resolve())
        items = [p for p in self.get(key) if p != path]
        self.set(key, [path, *items][: self.get("recent/max")])
