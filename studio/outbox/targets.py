"""Where a brief asks submissions to go (``brief.targets``) and the settings to send them with.

A brief names a connector and default settings; the creator may have configured that connector
(the Connectors page keeps its accepted settings), and what the creator set wins, since only the
creator knows their own disk or account. ``~`` in a brief's path-like setting means the
creator's home: a brand cannot know it, and connectors want absolute paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.brief.model import Brief


@dataclass(frozen=True)
class Target:
    connector: str
    settings: dict[str, Any]


def brief_targets(brief: Brief) -> list[Target]:
    """The brief's targets that name a connector, in the brief's order."""
    out = []
    for raw in brief.targets:
        connector = raw.get("connector") if isinstance(raw, dict) else None
        if isinstance(connector, str) and connector:
            settings = raw.get("settings")
            out.append(Target(connector, dict(settings) if isinstance(settings, dict) else {}))
    return out


def target_settings(target: Target, saved: dict[str, Any]) -> dict[str, Any]:
    """The brief's settings with ``~`` expanded, overridden by the creator's saved ones."""
    merged = {
        key: str(Path(value).expanduser()) if isinstance(value, str) and value.startswith("~")
        else value
        for key, value in target.settings.items()
    }  # fmt: skip
    merged.update(saved)
    return merged
