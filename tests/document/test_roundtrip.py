"""The design file round-trips exactly: save then load gives the same document."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from studio.document.fileio import load_document, save_document
from studio.document.importer import import_svg
from studio.document.model import (
    BriefLink,
    Document,
    Element,
    Ellipse,
    GradientStop,
    Group,
    Guide,
    Image,
    Layer,
    LinearGradient,
    Polygon,
    RadialGradient,
    Rect,
    Style,
    SvgArt,
    Text,
)
from studio.document.model import (
    Path as PathEl,
)
from studio.document.svgread import document_from_svg
from studio.document.svgwrite import document_to_svg
from studio.safety.svg import parse_svg

num = st.floats(min_value=-5000, max_value=5000, allow_nan=False, allow_infinity=False)
pos = st.floats(min_value=0.001, max_value=5000, allow_nan=False, allow_infinity=False)
unit = st.floats(min_value=0, max_value=1, allow_nan=False)
color = st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)
xml_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"), blacklist_characters="\r"),
    max_size=30,
)
ids = st.uuids().map(lambda u: f"el-{u.hex[:12]}")
stops = st.lists(st.builds(GradientStop, unit, color, unit), min_size=1, max_size=3)
paint = st.one_of(
    st.none(),
    color,
    st.builds(LinearGradient, stops, unit, unit, unit, unit),
    st.builds(RadialGradient, stops, unit, unit, unit),
)
style = st.builds(
    Style,
    fill=paint,
    stroke=paint,
    stroke_width=pos,
    stroke_join=st.sampled_from(["miter", "round", "bevel"]),
    stroke_cap=st.sampled_from(["butt", "round", "square"]),
    opacity=unit,
)
matrix = st.tuples(num, num, num, num, num, num)
common = dict(
    id=ids,
    name=xml_text.filter(lambda s: s.strip() == s),
    transform=matrix,
    visible=st.booleans(),
    locked=st.booleans(),
    required=st.one_of(st.none(), st.from_regex(r"[a-z]{1,8}", fullmatch=True)),
)


def _png(w: int, h: int) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (w, h), (200, 30, 40)).save(out, "PNG")
    return out.getvalue()


ART = import_svg(
    b'<svg xmlns="http://www.w3.org/2000/svg" width="20mm" height="10mm">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="red"/>'
    b'</linearGradient></defs><rect width="20" height="10" fill="url(#g)"/></svg>',
    "art.svg",
)

leaf = st.one_of(
    st.builds(Rect, x=num, y=num, width=pos, height=pos, rx=pos, style=style, **common),
    st.builds(Ellipse, cx=num, cy=num, rx=pos, ry=pos, style=style, **common),
    st.builds(
        Polygon,
        cx=num,
        cy=num,
        radius=pos,
        sides=st.integers(3, 24),
        inner_ratio=st.one_of(st.none(), unit),
        rotation=num,
        style=style,
        **common,
    ),
    st.builds(
        PathEl,
        commands=st.lists(
            st.one_of(
                st.tuples(st.just("M"), st.tuples(num, num)),
                st.tuples(st.just("L"), st.tuples(num, num)),
                st.tuples(st.just("C"), st.tuples(num, num, num, num, num, num)),
                st.just(("Z", ())),
            ),
            max_size=6,
        ),
        style=style,
        **common,
    ),
    st.builds(
        Text,
        x=num,
        y=num,
        content=st.lists(xml_text, min_size=1, max_size=3).map("\n".join),
        family=st.sampled_from(["Noto Sans", "Source Sans Pro"]),
        size=pos,
        weight=st.sampled_from([400, 700]),
        italic=st.booleans(),
        align=st.sampled_from(["start", "middle", "end"]),
        letter_spacing=pos,
        line_height=pos,
        style=style,
        **common,
    ),
    st.builds(
        Image,
        x=num,
        y=num,
        width=pos,
        height=pos,
        data=st.just(_png(3, 2)),
        mime=st.just("image/png"),
        pixel_width=st.just(3),
        pixel_height=st.just(2),
        style=st.builds(Style, opacity=unit),
        **common,
    ),
    st.builds(
        SvgArt,
        x=num,
        y=num,
        width=pos,
        height=pos,
        markup=st.just(ART.markup),
        asset_sha256=st.just(ART.asset_sha256),
        style=st.builds(Style, opacity=unit),
        **common,
    ),
)
element: st.SearchStrategy[Element] = st.recursive(
    leaf,
    lambda kids: st.builds(
        Group, children=st.lists(kids, max_size=3), style=st.builds(Style, opacity=unit), **common
    ),
    max_leaves=8,
)


def _unique_ids(doc: Document) -> bool:
    seen = [e.id for e in doc.walk()]
    return len(seen) == len(set(seen))


documents = st.builds(
    Document,
    width=pos,
    height=pos,
    dpi=st.floats(10, 2400),
    bleed=pos,
    unit=st.sampled_from(["mm", "in", "px"]),
    layers=st.lists(
        st.builds(
            Layer,
            name=xml_text,
            id=st.uuids().map(lambda u: f"layer-{u.hex}"),
            visible=st.booleans(),
            locked=st.booleans(),
            elements=st.lists(element, max_size=4),
        ),
        max_size=3,
    ),
    guides=st.lists(st.builds(Guide, st.sampled_from(["horizontal", "vertical"]), num), max_size=3),
    brief=st.one_of(
        st.none(),
        st.builds(
            BriefLink,
            st.from_regex(r"[a-z0-9.]{1,12}", fullmatch=True),
            st.integers(1, 99),
            st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
        ),
    ),
    title=xml_text,
).filter(_unique_ids)


@settings(max_examples=60, deadline=None)
@given(documents)
def test_any_document_round_trips_through_its_file(doc: Document) -> None:
    again = document_from_svg(parse_svg(document_to_svg(doc), "mem"))
    assert again == doc


def test_save_and_load_from_disk(tmp_path: Path, fraise_design_path: Path) -> None:
    doc = load_document(fraise_design_path)
    target = tmp_path / "copy.motif.svg"
    save_document(doc, target)
    assert load_document(target) == doc
    assert target.read_bytes() == fraise_design_path.read_bytes()
