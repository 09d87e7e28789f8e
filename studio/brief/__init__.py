"""Briefs: the brand's contract, read from ``.brief.json`` files and ``.brief`` packages.

``load_brief``/``parse_brief`` are imported on first use: loading pulls in jsonschema
(~0.2 s), which the editor's first window, needing only the model, must not wait for."""

from typing import TYPE_CHECKING, Any

from studio.brief.model import Brief, InkSpec, OutputSpec, RequiredElement, Zone

if TYPE_CHECKING:
    from studio.brief.load import load_brief, parse_brief

__all__ = [
    "Brief",
    "InkSpec",
    "OutputSpec",
    "RequiredElement",
    "Zone",
    "load_brief",
    "parse_brief",
]


def __getattr__(name: str) -> Any:
    if name in ("load_brief", "parse_brief"):
        from studio.brief import load

        return getattr(load, name)
    raise AttributeError(f"module 'studio.brief' has no attribute {name!r}")
