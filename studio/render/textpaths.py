"""``<text>`` turned into ``<path>`` outlines, so a PDF never depends on the printer's fonts.

Fonts are the bundled ones, ``MOTIF_STUDIO_FONT_DIRS`` and the system's (the same the raster
path loads), matched by family list, weight and style; runs are shaped with HarfBuzz
(kerning, ligatures, any script HarfBuzz knows) and drawn with fontTools.

Covered: ``x``/``y`` on text and tspans (first value), ``dx``/``dy`` (first value),
``text-anchor``, font-family/size/weight/style from attributes, ``style`` and inheritance.
Not covered (the raster fallback in :mod:`studio.render.pdf` handles files that need them):
textPath, per-glyph coordinate lists, rotate, letter-spacing, writing-mode, baselines.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from studio.render.fonts import DEFAULT_FAMILY, GENERIC_FAMILIES
from studio.safety.svg_size import CSS_PX_PER_UNIT, parse_css_length
from studio.safety.xml import SVG_NS, split_tag

SYSTEM_FONT_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                    Path.home() / ".fonts", Path("/Library/Fonts"), Path("C:/Windows/Fonts")]
_FONT_PROPS = ("font-family", "font-size", "font-weight", "font-style", "text-anchor")
_STYLE_DECL = re.compile(r"\s*([\w-]+)\s*:\s*([^;]+)")


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int
    family: str
    weight: int
    italic: bool


@functools.cache
def font_index(dirs: tuple[Path, ...]) -> tuple[FontFace, ...]:
    """Every readable TrueType/OpenType face under ``dirs``."""
    faces = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in (".ttf", ".otf", ".ttc"):
                continue
            try:
                font = TTFont(path, fontNumber=0, lazy=True)
                name = font["name"]
                family = str(name.getBestFamilyName() or path.stem)
                os2 = font.get("OS/2")
                weight = int(os2.usWeightClass) if os2 else 400
                italic = bool(os2.fsSelection & 1) if os2 else "italic" in path.stem.lower()
                faces.append(FontFace(path, 0, family, weight, italic))
            except Exception:  # a broken font file on the system is not our input
                continue
    return tuple(faces)


def _weight(value: str) -> int:
    value = value.strip().lower()
    named = {"normal": 400, "bold": 700, "bolder": 700, "lighter": 300}
    if value in named:
        return named[value]
    try:
        return int(float(value))
    except ValueError:
        return 400


def match_face(faces: tuple[FontFace, ...], families: str, weight: int,
               italic: bool) -> FontFace | None:
    """The face for a CSS family list: first family present, then nearest weight and style."""
    names = [f.strip().strip("'\"") for f in families.split(",") if f.strip()]
    names = [GENERIC_FAMILIES.get(n.lower(), n) for n in names] + [DEFAULT_FAMILY, "Noto Sans"]
    for name in names:
        candidates = [f for f in faces if f.family.lower() == name.lower()]
        if candidates:
            return min(candidates, key=lambda f: (f.italic != italic, abs(f.weight - weight)))
    return faces[0] if faces else None


@functools.cache
def _hb_font(path: Path) -> tuple[hb.Font, TTFont]:
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    return hb.Font(face), TTFont(path, fontNumber=0)


def _shape(face: FontFace, text: str, size: float, x: float, y: float) -> tuple[str, float]:
    """SVG path data of ``text`` with its baseline origin at (x, y), and its advance."""
    font, tt = _hb_font(face.path)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    upem = tt["head"].unitsPerEm
    scale = size / upem
    glyph_set = tt.getGlyphSet()
    order = tt.getGlyphOrder()
    pen = SVGPathPen(glyph_set)
    cursor = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gx = x + (cursor + pos.x_offset) * scale
        gy = y - pos.y_offset * scale
        glyph_set[order[info.codepoint]].draw(TransformPen(pen, (scale, 0, 0, -scale, gx, gy)))
        cursor += pos.x_advance
    return pen.getCommands(), cursor * scale


def _own_props(el: ET.Element) -> dict[str, str]:
    props = {k: el.attrib[k] for k in _FONT_PROPS if k in el.attrib}
    for match in _STYLE_DECL.finditer(el.get("style", "")):
        if match.group(1) in _FONT_PROPS:
            props[match.group(1)] = match.group(2).strip()
    return props


def _length(value: str | None, font_size: float = 16.0) -> float | None:
    if not value:
        return None
    parsed = parse_css_length(value.replace(",", " ").split()[0])
    if parsed is None or parsed[1] == "%":
        return None
    if parsed[1] == "em":
        return parsed[0] * font_size
    return parsed[0] * CSS_PX_PER_UNIT[parsed[1]]


class _Outliner:
    def __init__(self, root: ET.Element, faces: tuple[FontFace, ...]) -> None:
        self.faces = faces
        self.parents = {child: parent for parent in root.iter() for child in parent}

    def props(self, el: ET.Element) -> dict[str, str]:
        chain = [el]
        while chain[-1] in self.parents:
            chain.append(self.parents[chain[-1]])
        merged: dict[str, str] = {"font-family": DEFAULT_FAMILY, "font-size": "16",
                                  "font-weight": "400", "font-style": "normal",
                                  "text-anchor": "start"}
        for node in reversed(chain):
            merged.update(_own_props(node))
        return merged

    def runs(self, el: ET.Element, pos: list[float]) -> list[tuple[str, float]]:
        """Path data for ``el``'s text and its tspans, advancing ``pos`` (x, y)."""
        props = self.props(el)
        size = _length(props["font-size"]) or 16.0
        x, y = _length(el.get("x"), size), _length(el.get("y"), size)
        pos[0] = x if x is not None else pos[0]
        pos[1] = y if y is not None else pos[1]
        pos[0] += _length(el.get("dx"), size) or 0.0
        pos[1] += _length(el.get("dy"), size) or 0.0
        face = match_face(self.faces, props["font-family"], _weight(props["font-weight"]),
                          props["font-style"] in ("italic", "oblique"))
        out: list[tuple[str, float]] = []

        def add(text: str | None) -> None:
            text = " ".join((text or "").split()) if text else ""
            if text and face is not None:
                d, advance = _shape(face, text, size, pos[0], pos[1])
                out.append((d, pos[0]))
                pos[0] += advance

        add(el.text)
        for child in el:
            if split_tag(child.tag)[1] == "tspan":
                out += self.runs(child, pos)
            add(child.tail)
        return out

    def replace(self, text: ET.Element) -> None:
        pos = [0.0, 0.0]
        start = _length(text.get("x"), 16.0) or 0.0
        runs = self.runs(text, pos)
        anchor = self.props(text)["text-anchor"]
        shift = {"middle": (pos[0] - start) / 2, "end": pos[0] - start}.get(anchor, 0.0)
        keep = {k: v for k, v in text.attrib.items()
                if k not in ("x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust")}
        text.clear()
        text.tag = f"{{{SVG_NS}}}g"
        text.attrib.update(keep)
        if shift:
            text.set("transform", f"{text.get('transform', '')} translate({-shift:.4f} 0)")
        d = " ".join(r[0] for r in runs if r[0])
        if d:
            ET.SubElement(text, f"{{{SVG_NS}}}path", {"d": d})


def outline_text(root: ET.Element, font_dirs: list[Path]) -> int:
    """Replace every ``<text>`` in ``root`` by a group of outlines; returns how many."""
    faces = font_index(tuple([*font_dirs, *SYSTEM_FONT_DIRS]))
    outliner = _Outliner(root, faces)
    texts = [el for el in root.iter() if split_tag(el.tag)[1] == "text"]
    for text in texts:
        outliner.replace(text)
    return len(texts)
