"""Per-user folders (XDG base directories), so keys, trust pins and cached briefs never land in
the working directory and tests can point them at a temporary home."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "motif-studio"


def _base(var: str, fallback: str) -> Path:
    value = os.environ.get(var, "")
    # The XDG spec says a relative value is invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    return Path.home() / fallback


def data_dir() -> Path:
    """``$XDG_DATA_HOME/motif-studio``: the brand's signing keys."""
    return _base("XDG_DATA_HOME", ".local/share") / APP


def config_dir() -> Path:
    """``$XDG_CONFIG_HOME/motif-studio``: the trust store of brands' keys."""
    return _base("XDG_CONFIG_HOME", ".config") / APP


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/motif-studio``: copies of briefs, to diff later versions against."""
    return _base("XDG_CACHE_HOME", ".cache") / APP


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path
