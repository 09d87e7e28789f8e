"""The live session: same findings as a full check, with only the edited region redone."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import Brief, load_brief
from studio.checks import engine, run_checks
from studio.checks.context import CheckContext
from studio.checks.imagecrop import ImageCrops
from studio.checks.live import CheckSession, document_copy
from studio.checks.model import Report
from studio.checks.tiles import Tiler, total
from studio.design import design_from_document, open_design
from studio.document.geometry import translate
from studio.document.model import Document, Ellipse, Image, Layer, Rect, Style, Text
from studio.samples import build_sample
from tests.checks.helpers import brief, noise_photo, write_svg
from tests.document.test_roundtrip import documents


def findings(report):  # type: ignore[no-untyped-def]
    return sorted((f.rule, f.severity, f.element or "") for f in report.findings)


def test_edits_redo_only_their_tiles_and_agree_with_a_full_check(
    fraise_brief_path: Path,
) -> None:
    brief = load_brief(fraise_brief_path)
    doc = build_sample("lafraise-tee")
    session = CheckSession(brief)
    first = session.update(doc)
    assert first.passed and session.stats.full

    blob = Ellipse(cx=150, cy=200, rx=8, ry=8, style=Style(fill="#f2b705"), name="Blob")
    doc.layer("Artwork").elements.append(blob)
    second = session.update(doc)
    assert not session.stats.full and session.stats.changed_elements == 1
    assert 0 < session.stats.tiles_rendered <= 4
    # A fourth ink: the yellow blob.
    assert "inks.count" in [f.rule for f in second.findings]
    assert findings(second) == findings(run_checks(design_from_document(doc), brief))

    blob.style.fill = "#d62839"
    third = session.update(doc)
    assert third.passed, third.findings
    assert session.stats.tiles_rendered <= 4

    blob.transform = translate(-135, 0)
    moved = session.update(doc)
    assert findings(moved) == findings(run_checks(design_from_document(doc), brief))
    assert "bounds.safe_area" in [f.rule for f in moved.findings]

    doc.layer("Artwork").elements.remove(blob)
    assert session.update(doc).passed


def test_findings_grouped_by_severity_for_the_panel(fraise_brief_path: Path) -> None:
    brief = load_brief(fraise_brief_path)
    doc = build_sample("lafraise-tee")
    session = CheckSession(brief)
    title = next(e for e in doc.walk() if e.name == "Title")
    title.family = "Papyrus"
    groups = session.update(doc).by_severity()
    assert [f.rule for f in groups["error"]] == ["text.font"]
    assert groups["warning"] == []
    assert groups["error"][0].fix is not None and groups["error"][0].fix.kind == "swap_font"
    assert session.report is not None and session.report.for_element(title.id)


# --- Any sequence of edits: the live session says what a full check says. ---------------

INKS = ["#d62839", "#2a7f3f", "#f5ecd7", "#f2b705"]
OTHER = ["#3a9f4f", "#777777", "#1f2a44"]  # near an ink, a grey, a fifth ink


@pytest.fixture(scope="module")
def ink_brief(tmp_path_factory: pytest.TempPathFactory) -> Brief:
    return brief(
        tmp_path_factory.mktemp("brief"),
        canvas={"width": "180mm", "height": "180mm", "dpi": 100, "safe_margin": "5mm"},
        inks={
            "max_colors": 3,
            "palette": [{"name": f"Ink {i}", "color": c} for i, c in enumerate(INKS)],
            "palette_only": True,
            "delta_e": 3.0,
        },
        rules={"min_stroke_width": "0.5mm", "min_text_size": "8pt", "fonts": ["Noto Sans"]},
    )


def motif() -> Document:
    art = Layer("Artwork")
    art.elements.append(Rect(x=10, y=10, width=160, height=160, style=Style(fill=INKS[2])))
    # A photo large enough that crop renders over it use a cut of it (studio.checks.imagecrop).
    art.elements.append(
        Image(
            x=30,
            y=60,
            width=120,
            height=80,
            data=noise_photo(1200, 800),
            pixel_width=1200,
            pixel_height=800,
        )
    )
    for i in range(8):
        art.elements.append(
            Ellipse(cx=30 + 17 * i, cy=40 + 11 * (i % 4), rx=9, ry=6, style=Style(fill=INKS[i % 2]))
        )
    art.elements.append(Text(x=40, y=150, content="FRAISE", size=14, style=Style(fill=INKS[0])))
    return Document(width=180, height=180, dpi=100, layers=[art])


def full_findings(report: Report) -> list[tuple[str, str, str, str]]:
    return sorted((f.rule, f.severity, f.element or "", f.message) for f in report.findings)


def live_edit(doc: Document, data: st.DataObject) -> None:
    elements = doc.layers[0].elements
    target = data.draw(st.sampled_from(elements[2:] or elements))
    kind = data.draw(
        st.sampled_from(["fill", "move", "grow", "add", "remove", "hide", "stroke", "raise"])
    )
    if kind == "fill":
        target.style.fill = data.draw(st.sampled_from(INKS + OTHER))
    elif kind == "move":
        dx, dy = data.draw(st.tuples(st.floats(-80, 80), st.floats(-80, 80)))
        target.transform = translate(dx, dy)
    elif kind == "grow" and isinstance(target, Ellipse):
        target.rx = data.draw(st.floats(1, 40))
    elif kind == "add":
        x, y = data.draw(st.tuples(st.floats(0, 180), st.floats(0, 180)))
        fill = data.draw(st.sampled_from(INKS + OTHER))
        elements.append(Ellipse(cx=x, cy=y, rx=7, ry=7, style=Style(fill=fill)))
    elif kind == "remove" and len(elements) > 2:
        elements.remove(target)
    elif kind == "hide":
        target.visible = not target.visible
    elif kind == "stroke":
        width = data.draw(st.sampled_from([0.2, 1.5]))
        target.style.stroke, target.style.stroke_width = data.draw(st.sampled_from(INKS)), width
    else:
        elements.remove(target)
        elements.append(target)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_after_any_edits_the_live_findings_are_those_of_a_full_check(
    ink_brief: Brief, data: st.DataObject
) -> None:
    doc = motif()
    session = CheckSession(ink_brief)
    session.update(doc)
    for _ in range(5):
        live_edit(doc, data)
        live = session.update(copy.deepcopy(doc))  # the GUI hands the session a copy
        assert not session.stats.full
        assert full_findings(live) == full_findings(
            run_checks(design_from_document(doc), ink_brief)
        )
    # Not only the findings: the very pixels counted, colour by colour.
    assert session._tiles is not None
    patched = session._tiles.total()
    tiler = Tiler(CheckContext(design_from_document(doc), ink_brief), ImageCrops())
    fresh = total(list(tiler.histograms(tiler.tile_keys()).values()))
    seen = patched.counts > 0
    assert np.array_equal(patched.colors[seen], fresh.colors)
    assert np.array_equal(patched.counts[seen], fresh.counts)
    assert np.array_equal(patched.interior_counts[seen], fresh.interior_counts)
    assert (patched.artwork, patched.partial_interior) == (fresh.artwork, fresh.partial_interior)


def mutable_parts(value: object, found: list[object]) -> list[object]:
    """Every object in ``value`` an edit could change in place."""
    if isinstance(value, list | dict) or hasattr(value, "__dataclass_fields__"):
        found.append(value)
        items = value.values() if isinstance(value, dict) else value
        for item in items if isinstance(value, list | dict) else vars(value).values():
            mutable_parts(item, found)
    return found


@settings(max_examples=40, deadline=None)
@given(doc=documents)
def test_a_document_copy_equals_the_document_and_shares_nothing_an_edit_changes(
    doc: Document,
) -> None:
    copied = document_copy(doc)
    assert copied == doc
    ours = {id(v) for v in mutable_parts(copied, [])}
    assert not ours & {id(v) for v in mutable_parts(doc, [])}


def test_a_design_with_filter_effects_is_checked_whole_and_agrees(
    tmp_path: Path, ink_brief: Brief
) -> None:
    body = (
        '<defs><filter id="soft"><feGaussianBlur stdDeviation="1"/></filter></defs>'
        '<rect x="20" y="20" width="60" height="40" fill="#d62839" filter="url(#soft)"/>'
        '<rect x="100" y="90" width="50" height="50" fill="{fill}"/>'
    )
    session = CheckSession(ink_brief)
    for fill in ("#2a7f3f", "#777777"):
        svg = write_svg(tmp_path, body.format(fill=fill), w="180mm", h="180mm", vb="0 0 180 180")
        design = open_design(svg, ink_brief.dpi)
        live = session.update(design)
        assert session.stats.full
        assert full_findings(live) == full_findings(run_checks(design, ink_brief))


def test_an_update_that_failed_is_redone_in_full(
    ink_brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = motif()
    session = CheckSession(ink_brief)
    session.update(doc)

    def broken(ctx: object) -> list[object]:
        raise RuntimeError("a rule failed")

    monkeypatch.setattr(engine, "VECTOR_RULES", (broken, *engine.VECTOR_RULES))
    doc.layers[0].elements[3].style.fill = OTHER[1]
    with pytest.raises(RuntimeError):
        session.update(copy.deepcopy(doc))
    monkeypatch.undo()
    live = session.update(copy.deepcopy(doc))
    assert session.stats.full
    assert full_findings(live) == full_findings(run_checks(design_from_document(doc), ink_brief))
