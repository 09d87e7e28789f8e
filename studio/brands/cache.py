"""Copies of every brief a design was made from, keyed by the brief's sha256.

A brand may publish version 2 of a brief while a creator works on version 1. To tell the
creator *what* changed, the app needs version 1 still: the file may be gone or overwritten by
then, so a copy is kept in the per-user cache when the design is made.
"""

from __future__ import annotations

import re
from pathlib import Path

from studio.brands.authoring import dump_brief, zip_entries
from studio.brands.userdirs import cache_dir
from studio.brief.load import load_brief
from studio.brief.model import Brief
from studio.errors import InputError
from studio.fsutil import atomic_write

_SHA = re.compile(r"^[0-9a-f]{64}$")


class BriefCache:
    """``ROOT/<sha256>.brief``: the brief's JSON and assets as a package."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or cache_dir() / "briefs"

    def path_for(self, sha256: str) -> Path | None:
        return self.root / f"{sha256}.brief" if _SHA.match(sha256) else None

    def remember(self, brief: Brief) -> Path | None:
        """Keep a copy of ``brief`` (no-op when already kept or when it has no sha256)."""
        path = self.path_for(brief.sha256)
        if path is None or path.is_file():
            return path
        entries = {
            name: data for name, data in brief.assets.items() if not name.startswith("META-INF/")
        }
        entries["brief.json"] = dump_brief(brief.raw)
        self.root.mkdir(parents=True, exist_ok=True)
        atomic_write(path, zip_entries(entries))
        return path

    def get(self, sha256: str) -> Brief | None:
        """The brief whose sha256 was ``sha256``, or ``None`` if never kept (or damaged)."""
        path = self.path_for(sha256)
        if path is None or not path.is_file():
            return None
        try:
            brief = load_brief(path)
        except InputError:
            return None
        brief.sha256 = sha256
        return brief


def remember_brief(brief: Brief) -> None:
    """Call when a design is made from ``brief``: a later version can then be diffed."""
    BriefCache().remember(brief)
