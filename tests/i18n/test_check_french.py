"""A French creator reads check findings in French, numbers written the French way; the JSON a
program reads keeps the same rule ids, severities, elements and boxes in every language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from studio import i18n
from studio.cli.main import main
from studio.outbox import view
from studio.outbox.jobs import Job, State
from studio.outbox.worker import OFFLINE_ERROR
from studio.units import format_length
from tests.checks.helpers import write_brief, write_svg

NBSP = "\u00a0"
LABELLED_THIN_LINE = (
    '<line id="contour" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
    'inkscape:label="Contour" x1="2.5" y1="50" x2="90" y2="50" stroke="black" '
    'stroke-width="0.2"/>'
)


@pytest.fixture(autouse=True)
def no_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start from a machine that names no language: each test picks one."""
    for var in ("MOTIF_STUDIO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    i18n.set_language(None)


def _failing(tmp_path: Path) -> tuple[str, str]:
    """A design with a too-thin line crossing the safe margin, on a brief whose deadline passed."""
    brief = write_brief(
        tmp_path,
        canvas={"width": "100mm", "height": "100mm", "dpi": 100, "safe_margin": "5mm"},
        rules={"min_stroke_width": "1.5mm"},
        deadline="2001-01-01T00:00:00Z",
    )
    return str(write_svg(tmp_path, LABELLED_THIN_LINE)), str(brief)


def _check(
    args: list[str],
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str]:
    monkeypatch.setenv("MOTIF_STUDIO_LANG", language)
    code = main(["check", *args])
    out = capsys.readouterr()
    assert out.err == ""
    return code, out.out


def test_check_speaks_french_with_french_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    design, brief = _failing(tmp_path)
    code, out = _check([design, "--brief", brief], "fr", monkeypatch, capsys)
    assert code == 1
    assert "Erreurs (2)" in out and "Avertissements (1)" in out
    assert f"NON CONFORME{NBSP}: 2 erreur(s)" in out
    # The creator's own label, in French quotes; the lengths with a decimal comma.
    assert (
        f"«{NBSP}Contour{NBSP}» ne fait que 0,2 mm d'épaisseur{NBSP}; "
        "le brief demande au moins 1,5 mm" in out
    )
    assert "empiète de 2,6 mm sur la marge de sécurité" in out
    assert "La date limite du brief est passée" in out
    assert re.search(r"\d,\d mm", out) and not re.search(r"\d\.\d mm", out)
    for english in ("the brief", "asks for", "Errors", "FAILED", "“"):
        assert english not in out


def test_json_keeps_rule_ids_and_boxes_in_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    design, brief = _failing(tmp_path)
    args = [design, "--brief", brief, "--format", "json"]
    runs = {lang: _check(args, lang, monkeypatch, capsys) for lang in ("en", "fr")}
    assert runs["en"][0] == runs["fr"][0] == 1
    english, french = (json.loads(runs[lang][1]) for lang in ("en", "fr"))

    def contract(report: dict[str, object]) -> object:
        findings = report["findings"]
        assert isinstance(findings, list)
        return (
            report["brief"],
            report["passed"],
            [{k: v for k, v in f.items() if k != "message"} for f in findings],
        )

    assert contract(english) == contract(french)
    assert [f["rule"] for f in french["findings"]] == [
        "brief.deadline",
        "bounds.safe_area",
        "stroke.width",
    ]
    assert "the brief asks for at least 1.5 mm" in english["findings"][2]["message"]
    assert "le brief demande au moins 1,5 mm" in french["findings"][2]["message"]


def test_lengths_follow_the_interface_language(monkeypatch: pytest.MonkeyPatch) -> None:
    assert format_length(304.8, "in", 300) == "12 in"
    assert format_length(1234.56, "mm", 300) == "1234.56 mm"  # no thousands separator
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "fr")
    assert format_length(12.5, "mm", 300) == "12,5 mm"


def test_outbox_shows_a_stored_english_error_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    job = Job(
        id=1,
        package="/tmp/entry.zip",
        connector="folder",
        settings={},
        idempotency_key="k",
        state=State.FAILED_RETRYABLE,
        last_error=OFFLINE_ERROR,
        next_attempt=1030.0,
    )
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "fr")
    row = view.row(job, now=1000.0)
    assert row.label == "Nouvel essai en attente dans 30 s"
    assert row.error_full == f"hors ligne{NBSP}: le serveur est injoignable"
    assert view.header([job], None) == "Hors ligne · 1 en attente"
