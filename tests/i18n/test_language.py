"""Which language the user gets, and that the command line and brief errors speak it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from studio import i18n
from studio.brief.load import parse_brief
from studio.cli.main import main
from studio.errors import BriefError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start from a machine that names no language at all."""
    for var in ("MOTIF_STUDIO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    i18n.set_language(None)
    i18n.set_platform_languages([])
    yield
    i18n.set_language(None)
    i18n.set_platform_languages([])


@pytest.mark.parametrize(
    ("variables", "language"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "de:fr", "LANG": "de_DE.UTF-8"}, "fr"),
        ({"LANGUAGE": "en_GB:fr"}, "en"),
        ({"LC_MESSAGES": "fr_BE.UTF-8@euro"}, "fr"),
        ({"MOTIF_STUDIO_LANG": "fr", "LANG": "en_US.UTF-8"}, "fr"),
        ({"MOTIF_STUDIO_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_language_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], language: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert i18n.current_language() == language
    assert i18n._("interrupted") == {"en": "interrupted", "fr": "interrompu"}[language]


def test_the_setting_beats_the_system_and_the_override_beats_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    i18n.set_language("fr")
    assert i18n._("interrupted") == "interrompu"
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "en")
    assert i18n._("interrupted") == "interrupted"


def test_platform_languages_count_only_without_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    i18n.set_platform_languages(["fr-FR", "en-US"])
    assert i18n.current_language() == "fr"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.current_language() == "en"


def test_catalogue_compiles_in_memory_without_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(ROOT / "resources" / "locale", resources / "locale")
    for mo in resources.glob("locale/*/LC_MESSAGES/*.mo"):
        mo.unlink()
    po = resources / "locale" / "fr" / "LC_MESSAGES" / "motif-studio.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "interrompu"', 'msgstr "arrêté"'),
        encoding="utf-8",
    )
    monkeypatch.setenv("MOTIF_STUDIO_RESOURCES", str(resources))
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "fr")
    assert i18n._("interrupted") == "arrêté"
    assert not list(resources.glob("locale/*/LC_MESSAGES/*.mo"))  # nothing written


def test_a_stale_mo_loses_to_its_newer_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(ROOT / "resources" / "locale", resources / "locale")
    po = resources / "locale" / "fr" / "LC_MESSAGES" / "motif-studio.po"
    mo = po.with_suffix(".mo")
    mo.write_bytes(i18n.compile_po(po))
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "interrompu"', 'msgstr "arrêté"'),
        encoding="utf-8",
    )
    os.utime(mo, (1, 1))
    monkeypatch.setenv("MOTIF_STUDIO_RESOURCES", str(resources))
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "fr")
    assert i18n._("interrupted") == "arrêté"


def test_cli_help_and_errors_in_french(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "fr")
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage\u00a0: motif-studio export")
    assert "affiche cette aide et quitte" in out
    assert "résolution de sortie (formats matriciels)" in out
    assert main(["export", "dessin.svg", "-o", "sortie.bmp"]) == 2
    err = capsys.readouterr().err
    # (InputError.one_line folds every space, the no-break ones too, into plain spaces.)
    assert err == (
        "motif-studio: sortie.bmp: format impossible à deviner : "
        "précisez --format png|jpg|pdf|svg\n"
    )
    with pytest.raises(SystemExit):
        main(["export", "--dpi"])
    assert "erreur\u00a0: " in capsys.readouterr().err


def test_brief_errors_in_french(monkeypatch: pytest.MonkeyPatch, fraise_brief_path: Path) -> None:
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "fr")
    raw = json.loads(fraise_brief_path.read_text(encoding="utf-8"))
    del raw["title"]
    raw["canvas"]["dpi"] = "trois cents"
    with pytest.raises(BriefError) as caught:
        parse_brief(json.dumps(raw), source="concours.brief.json")
    message = caught.value.one_line()
    assert message.startswith("concours.brief.json: ")
    assert "(et 1 autre problème)" in message
    assert "obligatoire" in message or "devrait être un nombre" in message
