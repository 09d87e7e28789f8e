"""The live session: same findings as a full check, with only the edited region redone."""

from __future__ import annotations

from pathlib import Path

from studio.brief import load_brief
from studio.checks import run_checks
from studio.checks.live import CheckSession
from studio.design import design_from_document
from studio.document.geometry import translate
from studio.document.model import Ellipse, Style
from studio.samples import build_sample


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
