"""What the PyInstaller spec must add for the connectors installed in the build environment.

Connectors are found at run time through the entry-point group ``motif_studio.connectors``;
PyInstaller cannot see imports made by name, so the spec asks this module which packages to
bundle and whose metadata to copy (without the metadata, ``entry_points()`` in the frozen app
finds nothing). Kept free of PyInstaller so tests can check it without a build.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass

GROUP = "motif_studio.connectors"


@dataclass(frozen=True)
class Connector:
    """One entry point: ``name = module:attr`` from the distribution ``dist``."""

    name: str
    module: str
    package: str
    dist: str | None


def connectors() -> list[Connector]:
    """Every connector entry point installed here, sorted by name (none is fine)."""
    found = []
    for ep in importlib.metadata.entry_points(group=GROUP):
        dist = getattr(ep, "dist", None)
        dist_name = dist.metadata["Name"] if dist is not None else None
        found.append(Connector(ep.name, ep.module, ep.module.split(".")[0], dist_name or None))
    return sorted(found, key=lambda c: c.name)
