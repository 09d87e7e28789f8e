"""Opening and saving design files (``*.motif.svg``)."""

from __future__ import annotations

from pathlib import Path

from studio.document.model import Document
from studio.document.svgread import document_from_svg, is_design
from studio.document.svgwrite import document_to_svg
from studio.errors import InputError
from studio.fsutil import atomic_write
from studio.i18n import _
from studio.safety.svg import MAX_SVG_BYTES, parse_svg

DESIGN_SUFFIX = ".motif.svg"


def save_document(doc: Document, path: str | Path) -> None:
    """Write the design atomically: the old file stays whole until the new one is complete."""
    atomic_write(path, document_to_svg(doc))


def read_bytes(path: str | Path, limit: int = MAX_SVG_BYTES) -> bytes:
    """Read a file from outside, refusing what is missing or larger than ``limit``."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                path,
                _("the file is {size} bytes, more than the {limit} allowed").format(
                    size=size, limit=limit
                ),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, _("no such file")) from None
    except IsADirectoryError:
        raise InputError(path, _("is a folder, not a file")) from None
    except PermissionError:
        raise InputError(path, _("permission denied")) from None


def load_document(path: str | Path) -> Document:
    """Open a design file; a plain SVG is refused here (import it instead)."""
    data = read_bytes(path)
    root = parse_svg(data, path)
    if not is_design(root):
        raise InputError(path, _("not a Motif Studio design (a plain SVG: import it instead)"))
    return document_from_svg(root, str(path))
