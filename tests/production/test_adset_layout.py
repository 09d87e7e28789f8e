"""The automatic layout of each ad size of the display-ad sample: everything inside its canvas,
text no smaller than the brief's minimum, the logo at its minimum width when it fits, and the
per-size preflight clean; a long headline wraps; per-size findings name their output."""

from __future__ import annotations

from dataclasses import replace

import pytest

from studio.brief import Brief, load_brief
from studio.checks import run_checks
from studio.document.fileio import load_document
from studio.document.geometry import Box, axis_scales
from studio.document.model import Document, Element, Text
from studio.document.shapes import bounds
from studio.document.svgread import document_from_svg
from studio.document.svgwrite import document_to_svg
from studio.production.adset import check_output, design_for_output, resized_outputs
from studio.production.checking import run_preflight
from studio.production.layout import auto_variant, output_size_mm, variant_document
from studio.production.textfit import text_box
from studio.safety.svg import parse_svg
from studio.samples import sample_brief_path, sample_design_path

AD_SIZES = ["medium-rectangle", "leaderboard", "skyscraper", "social-square"]
EPS = 1e-6


@pytest.fixture(scope="module")
def brief() -> Brief:
    return load_brief(sample_brief_path("display-ad"))


@pytest.fixture
def doc() -> Document:
    return load_document(sample_design_path("display-ad"))


def laid_out(doc: Document, brief: Brief, output_id: str) -> Document:
    output = next(o for o in brief.outputs if o.id == output_id)
    w, h = output_size_mm(brief, output)
    if abs(w - doc.width) < EPS and abs(h - doc.height) < EPS:
        return doc
    return variant_document(doc, auto_variant(doc, brief, output))


def drawn_box(element: Element) -> Box | None:
    """The element's box in the artboard; for texts measured with real glyph widths."""
    if isinstance(element, Text):
        return text_box(element).transformed(element.transform)
    return bounds(element)


@pytest.mark.parametrize("output_id", AD_SIZES)
def test_each_size_keeps_everything_inside_and_legible(
    doc: Document, brief: Brief, output_id: str
) -> None:
    variant = laid_out(doc, brief, output_id)
    minimum = brief.rules.min_text_size
    assert minimum is not None
    logo_min = brief.rules.required[0].min_width
    assert logo_min is not None
    for element in variant.walk():
        box = drawn_box(element)
        if box is None or not element.visible:
            continue
        assert box.x >= -EPS and box.y >= -EPS, (output_id, element.name, box)
        assert box.right <= variant.width + EPS, (output_id, element.name, box)
        assert box.bottom <= variant.height + EPS, (output_id, element.name, box)
        if isinstance(element, Text):
            size = element.size * axis_scales(element.transform)[1]
            assert size >= minimum - EPS, (output_id, element.name, size)
        if element.required == "logo":
            fits = logo_min <= 0.9 * variant.width
            width = box.width
            assert width >= (logo_min if fits else 0.9 * variant.width) - 0.05, output_id


@pytest.mark.parametrize("output_id", AD_SIZES)
def test_each_size_passes_its_own_check(doc: Document, brief: Brief, output_id: str) -> None:
    output = next(o for o in brief.outputs if o.id == output_id)
    design = design_for_output(doc, brief, output)
    report = run_checks(design, brief, canvas_override=output_size_mm(brief, output))
    assert report.findings == []
    assert check_output(doc, brief, output) == []


def test_a_long_headline_is_wrapped_and_scaled_to_fit(doc: Document, brief: Brief) -> None:
    headline = next(e for e in doc.walk() if e.name == "Headline")
    assert isinstance(headline, Text)
    headline.content = "Ride into spring on a brand new city e-bike, delivered to your door"
    sky = laid_out(doc, brief, "skyscraper")
    placed = next(e for e in sky.walk() if e.name == "Headline")
    assert isinstance(placed, Text)
    assert placed.content.count("\n") >= 4
    assert placed.content.replace("\n", " ") == headline.content
    box = text_box(placed).transformed(placed.transform)
    assert box.x >= 0 and box.right <= sky.width
    assert placed.size * axis_scales(placed.transform)[1] >= (brief.rules.min_text_size or 0)
    output = next(o for o in brief.outputs if o.id == "skyscraper")
    assert check_output(doc, brief, output) == []


def test_wrapped_lines_survive_saving(doc: Document, brief: Brief) -> None:
    output = next(o for o in brief.outputs if o.id == "skyscraper")
    doc.variants[output.id] = auto_variant(doc, brief, output)
    again = document_from_svg(parse_svg(document_to_svg(doc), "design"))
    assert again.variants[output.id].overrides == doc.variants[output.id].overrides


def test_a_variant_findings_carry_their_output_id(doc: Document, brief: Brief) -> None:
    output = next(o for o in brief.outputs if o.id == "medium-rectangle")
    variant = auto_variant(doc, brief, output)
    offer = next(e for e in doc.walk() if e.name == "Offer")
    override = variant.overrides[offer.id]
    assert override.transform is not None
    a, b, c, d, e, f = override.transform
    variant.overrides[offer.id] = replace(override, transform=(a / 3, b, c, d / 3, e, f))
    doc.variants[output.id] = variant
    findings = check_output(doc, brief, output)
    assert "text.size" in {f.rule for f in findings}
    assert {f.output for f in findings} == {"medium-rectangle"}
    assert all(f.to_json()["output"] == "medium-rectangle" for f in findings)
    report = run_preflight(design_for_output(doc, brief, brief.outputs[3]), brief)
    assert report.findings == findings


def test_only_other_sizes_are_variants(doc: Document, brief: Brief) -> None:
    assert [o.id for o in resized_outputs(doc, brief)] == AD_SIZES[:3]
