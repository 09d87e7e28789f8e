"""Opening briefs in the window: who signed them, first-use trust, changed keys, tampering."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from brief_helpers import Answers, signed_package

from studio.brands.signing import group_fingerprint, verify_brief_package
from studio.brands.trust import TrustStore


def test_signed_brief_shows_signer_and_fingerprint_after_trusting(
    window, monkeypatch: pytest.MonkeyPatch, fraise_brief_path: Path, tmp_path: Path
) -> None:
    package = signed_package(fraise_brief_path, tmp_path / "fraise.brief", "fraise")
    answers = Answers(monkeypatch, "trust")
    assert window.open_path(package)
    assert answers.asked[0]["title"] == "Trust this brand's key?"
    fingerprint = verify_brief_package(package).fingerprint
    assert group_fingerprint(fingerprint) in str(answers.asked[0]["text"])
    panel = window.brief_panel
    assert panel.signature_level == "ok"
    assert "Signed by Fraise Club" in panel.signature_text
    assert group_fingerprint(fingerprint) in panel.signature_text
    assert group_fingerprint(fingerprint) in panel.toPlainText()  # shown, not only stored
    assert TrustStore().pinned("brand:fraise club") == fingerprint
    # Next time the key is known: no question.
    window.ctrl.stack.setClean()
    assert window.open_path(package) and len(answers.asked) == 1


def test_declining_trust_opens_without_pinning(
    window, monkeypatch: pytest.MonkeyPatch, fraise_brief_path: Path, tmp_path: Path
) -> None:
    package = signed_package(fraise_brief_path, tmp_path / "fraise.brief", "fraise")
    Answers(monkeypatch, "open")
    assert window.open_path(package)
    assert TrustStore().pins == {}
    assert "not trusted this key yet" in window.brief_panel.signature_text


def test_unsigned_brief_is_opened_with_a_warning(
    window, monkeypatch: pytest.MonkeyPatch, fraise_brief_path: Path
) -> None:
    answers = Answers(monkeypatch)
    assert window.open_path(fraise_brief_path)
    assert answers.asked == []  # a warning in the panel, not a question
    assert window.brief_panel.signature_level == "warning"
    assert "Unsigned brief" in window.brief_panel.toPlainText()


def test_tampered_brief_is_refused(
    window, monkeypatch: pytest.MonkeyPatch, fraise_brief_path: Path, tmp_path: Path
) -> None:
    package = signed_package(fraise_brief_path, tmp_path / "fraise.brief", "fraise")
    with zipfile.ZipFile(package) as source:
        entries = {n: source.read(n) for n in source.namelist()}
    entries["brief.json"] = entries["brief.json"].replace(b"500 EUR", b"5 EUR")
    tampered = tmp_path / "tampered.brief"
    with zipfile.ZipFile(tampered, "w") as out:
        for name, data in entries.items():
            out.writestr(name, data)
    answers = Answers(monkeypatch)
    assert not window.open_path(tampered)
    assert answers.asked[0]["title"] == "Brief refused"
    assert "brief.json" in str(answers.asked[0]["details"])
    assert not window.ctrl.has_document and window.stack.currentIndex() == 0
    assert window.store.get("recent/briefs") == []


def test_changed_key_warns_strongly_and_cancel_opens_nothing(
    window, monkeypatch: pytest.MonkeyPatch, fraise_brief_path: Path, tmp_path: Path
) -> None:
    genuine = signed_package(fraise_brief_path, tmp_path / "genuine.brief", "fraise")
    answers = Answers(monkeypatch, "trust", "cancel")
    assert window.open_path(genuine)
    window.close_design()
    impostor = signed_package(fraise_brief_path, tmp_path / "impostor.brief", "impostor")
    assert not window.open_path(impostor)
    question = answers.asked[1]
    assert question["title"] == "Warning: the brand's key changed"
    assert question["default"] == "cancel"  # Enter does not open an impostor's brief
    old = group_fingerprint(verify_brief_package(genuine).fingerprint)
    assert old in str(question["text"]) and not window.ctrl.has_document


def test_changed_key_opened_anyway_is_flagged_in_the_panel(
    window, monkeypatch: pytest.MonkeyPatch, fraise_brief_path: Path, tmp_path: Path
) -> None:
    genuine = signed_package(fraise_brief_path, tmp_path / "genuine.brief", "fraise")
    Answers(monkeypatch, "trust", "open")
    window.open_path(genuine)
    window.close_design()
    impostor = signed_package(fraise_brief_path, tmp_path / "impostor.brief", "impostor")
    assert window.open_path(impostor)
    assert window.brief_panel.signature_level == "danger"
    assert "impostor" in window.brief_panel.signature_text
