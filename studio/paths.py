"""Where the bundled resources live: next to the package in a checkout or an editable install,
or inside a frozen (PyInstaller) bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: schema, sample briefs, icons, translations."""
    override = os.environ.get("MOTIF_STUDIO_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample_briefs_dir() -> Path:
    """The bundled sample briefs, one folder each."""
    return resources_dir() / "briefs"
