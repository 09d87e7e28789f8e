"""Small builders the production tests share (a module of their own: two test folders have a
conftest.py, so ``from conftest import ...`` depended on which one was imported last)."""

from __future__ import annotations

from studio.brief import Brief
from studio.document.model import BriefLink, Document, Element, Layer, Rect, Style

RED, GREEN, CREAM, BLACK, YELLOW = "#d62839", "#2a7f3f", "#f5ecd7", "#111111", "#f2b705"


def flat_doc(brief: Brief, elements: list[Element]) -> Document:
    doc = Document(width=brief.width, height=brief.height, dpi=brief.dpi)
    doc.brief = BriefLink(brief.id, brief.version, brief.sha256)
    doc.layers.append(Layer("Artwork", elements=elements))
    return doc


def rect(x: float, y: float, w: float, h: float, color: str, opacity: float = 1.0) -> Rect:
    return Rect(x=x, y=y, width=w, height=h, style=Style(fill=color, opacity=opacity))
