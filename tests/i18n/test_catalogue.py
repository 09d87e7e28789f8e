"""The French catalogue matches the source exactly: every wrapped string translated, nothing
left over, placeholders kept; and the checker itself sees each kind of problem."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from studio import i18n_check
from studio.i18n_check import Problem, extract, problems

ROOT = Path(__file__).resolve().parents[2]


def test_every_string_in_studio_is_translated_in_french() -> None:
    found = problems()
    assert found == [], "\n".join(map(str, found)) + "\n(fix: python -m studio.i18n_check --update)"


def test_extraction_sees_the_cli_the_core_and_argparse() -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extract()}
    assert "export a design to PNG, JPEG, PDF or SVG" in ids  # studio/cli
    assert "no such brief file" in ids  # studio/brief
    assert "usage: " in ids  # argparse's words
    assert "(and {count} more problem)" in ids  # plural


def _package(tmp_path: Path, source: str) -> Path:
    root = tmp_path / "studio"
    (root / "gui").mkdir(parents=True)
    (root / "gui" / "window.py").write_text(source, encoding="utf-8")
    return root


def _resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: dict[str, str]) -> Path:
    resources = tmp_path / "resources"
    po = resources / "locale" / "fr" / "LC_MESSAGES" / "motif-studio.po"
    po.parent.mkdir(parents=True)
    catalog = Catalog(locale="fr", domain="motif-studio")
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    with po.open("wb") as fh:
        write_po(fh, catalog)
    monkeypatch.setenv("MOTIF_STUDIO_RESOURCES", str(resources))
    return po


def test_checker_reports_missing_untranslated_obsolete_and_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _package(
        tmp_path,
        'tr("Open brief")\ntr("Save")\ntr("{count} inks")\n_("Export")\n',
    )
    _resources(
        tmp_path,
        monkeypatch,
        {"Save": "", "{count} inks": "{nombre} encres", "Export": "Exporter", "Old": "Vieux"},
    )
    found = set(problems(root=root))
    assert found == {
        Problem("fr", "missing", "Open brief"),
        Problem("fr", "untranslated", "Save"),
        Problem("fr", "placeholders", "{count} inks"),
        Problem("fr", "obsolete", "Old"),
    }


def test_checker_rejects_a_string_extraction_cannot_see(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _package(tmp_path, 'name = "x"\ntr(f"Hello {name}")\n_(name)\n')
    _resources(tmp_path, monkeypatch, {})
    found = problems(root=root)
    assert [(p.kind, p.message) for p in found] == [
        ("not-literal", "studio/gui/window.py:2"),
        ("not-literal", "studio/gui/window.py:3"),
    ]


def test_update_merges_new_strings_and_drops_old_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _package(tmp_path, 'tr("Open brief")\n_("Export")\n')
    po = _resources(tmp_path, monkeypatch, {"Export": "Exporter", "Old": "Vieux"})
    i18n_check.update(extract(root))
    assert {(p.kind, p.message) for p in problems(root=root)} == {("untranslated", "Open brief")}
    assert "Exporter" in po.read_text(encoding="utf-8")


def test_compiled_catalogue_loads_with_gettext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(ROOT / "resources" / "locale", resources / "locale")
    for stale in resources.glob("locale/*/LC_MESSAGES/*.mo"):
        stale.unlink()
    monkeypatch.setenv("MOTIF_STUDIO_RESOURCES", str(resources))
    (mo,) = i18n_check.compile_all()
    with mo.open("rb") as fh:
        french = gettext.GNUTranslations(fh)
    assert french.gettext("interrupted") == "interrompu"
    assert french.ngettext("(and {count} more problem)", "(and {count} more problems)", 3) == (
        "(et {count} autres problèmes)"
    )


def test_a_msgid_written_twice_is_reported(tmp_path: Path) -> None:
    from studio.i18n_check import duplicate_ids

    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Cancel"\nmsgstr "Annuler"\n\n'
        'msgid "Cancel"\nmsgstr ""\n"Abandonner"\n\nmsgid "OK"\nmsgstr "OK"\n'
    )
    assert duplicate_ids(po) == ['msgid "Cancel"']
