"""How wide a line of text really is, and lines re-wrapped to fit a width.

Two measures, the larger wins: the checks' estimate (``GLYPH_WIDTH_EM`` per character, what
``bounds.*`` and ``text.coverage`` see) and the advance HarfBuzz shapes with the font the
renderer would pick (bundled fonts, ``MOTIF_STUDIO_FONT_DIRS``, the system's). Laying out with
the larger keeps text inside the canvas both for the checks and in the pixels; without any font
file the estimate alone is used (bold faces then run a little wider than laid out).
"""

from __future__ import annotations

import functools

from studio.checks.svgtree import GLYPH_WIDTH_EM
from studio.document.geometry import Box
from studio.document.model import Text

ASCENT_EM = 0.8
"""Top of the line box above the baseline, as the checks place it."""


@functools.cache
def _advance_em(family: str, weight: int, italic: bool, line: str) -> float | None:
    """The shaped advance of ``line`` in em, or ``None`` when no font file is found."""
    try:
        import uharfbuzz as hb

        from studio.render.raster import font_dirs
        from studio.render.textpaths import SYSTEM_FONT_DIRS, font_index, match_face

        faces = font_index(tuple([*font_dirs(), *SYSTEM_FONT_DIRS]))
        face = match_face(faces, family, weight, italic)
        if face is None:
            return None
        blob = hb.Blob.from_file_path(str(face.path))
        font = hb.Font(hb.Face(blob))
        buf = hb.Buffer()
        buf.add_str(line)
        buf.guess_segment_properties()
        hb.shape(font, buf, {"kern": True, "liga": True})
        upem = font.face.upem
        return float(sum(p.x_advance for p in buf.glyph_positions)) / float(upem)
    except (ImportError, OSError, RuntimeError):
        return None


def line_width(text: Text, line: str, size: float | None = None) -> float:
    """Width of ``line`` set in ``text``'s font at ``size`` (default its own), in mm."""
    size = text.size if size is None else size
    estimate = len(line) * (size * GLYPH_WIDTH_EM + text.letter_spacing)
    shaped = _advance_em(text.family, text.weight, text.italic, line) if line else None
    real = shaped * size + len(line) * text.letter_spacing if shaped is not None else 0.0
    return max(estimate, real)


def text_box(text: Text, content: str | None = None) -> Box:
    """The box of ``text`` (with ``content`` instead of its own), untransformed, measured with
    :func:`line_width`: its top is the checks' line top, its bottom the last line's."""
    lines = (text.content if content is None else content).split("\n")
    width = max(line_width(text, line) for line in lines)
    height = text.size * (1 + text.line_height * (len(lines) - 1))
    x = text.x - {"start": 0.0, "middle": width / 2, "end": width}[text.align]
    return Box(x, text.y - text.size * ASCENT_EM, width, height)


def wrap(text: Text, width: float, size: float) -> str | None:
    """``text``'s content with its lines broken at spaces so each is at most ``width`` mm wide
    at ``size``; the author's own line breaks stay. ``None`` when a single word is wider."""
    out: list[str] = []
    for paragraph in text.content.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and line_width(text, candidate, size) > width:
                out.append(line)
                candidate = word
            line = candidate
            if line_width(text, line, size) > width:
                return None
        out.append(line)
    return "\n".join(out)
