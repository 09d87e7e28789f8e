"""Briefs: the brand's contract, read from ``.brief.json`` files and ``.brief`` packages."""

from studio.brief.load import load_brief, parse_brief
from studio.brief.model import Brief, InkSpec, OutputSpec, RequiredElement, Zone

__all__ = [
    "Brief",
    "InkSpec",
    "OutputSpec",
    "RequiredElement",
    "Zone",
    "load_brief",
    "parse_brief",
]
