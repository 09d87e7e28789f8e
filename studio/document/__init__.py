"""The design document: model, SVG file format, import and atomic saving."""

from studio.document.model import Document, Layer

__all__ = ["Document", "Layer"]
