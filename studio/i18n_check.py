"""Keep the translation catalogues in step with the source: extract, check, update, compile.

``python -m studio.i18n_check``            report what is missing, untranslated or obsolete
``python -m studio.i18n_check --update``   rewrite the template and merge it into every ``.po``
``python -m studio.i18n_check --compile``  write the ``.mo`` files the app loads (build time)

Extraction reads every ``_()``, ``N_()``, ``tr()`` and ``ngettext()`` call under ``studio/``
with Babel, so a string wrapped anywhere (core, command line or GUI) must be translated before
the tests pass. A translation must also keep the message's ``{placeholders}``: a dropped or
misspelt one would crash ``.format()`` in that language only.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from studio.i18n import DOMAIN, locale_dir

PACKAGE = Path(__file__).resolve().parent
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "N_": None,
    "tr": None,
    "ngettext": (1, 2),
}
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


@dataclass(frozen=True)
class Problem:
    """One catalogue problem, as a line a translator can act on."""

    language: str
    kind: str  # missing | untranslated | fuzzy | obsolete | placeholders | not-literal | duplicate
    message: str

    def __str__(self) -> str:
        return f"{self.language}: {self.kind}: {self.message!r}"


def extract(root: Path = PACKAGE) -> Catalog:
    """Every translatable string under ``root`` (the ``studio`` package by default)."""
    catalog = Catalog(domain=DOMAIN, project="Motif Studio", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        root,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(
            message, None, [(f"studio/{filename}", lineno)], auto_comments=comments, context=context
        )
    return catalog


def non_literal_calls(root: Path = PACKAGE) -> Iterator[str]:
    """``_(f"...")`` or ``_(name)``: calls extraction cannot see, so never translated."""
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_", "tr")
                and node.args
                and not (
                    isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                )
            ):
                yield f"{path.relative_to(root.parent)}:{node.lineno}"


def catalogues() -> dict[str, Path]:
    """Each language's ``.po`` file."""
    return {
        p.parent.parent.name: p for p in sorted(locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    }


def _read(po: Path) -> Catalog:
    with po.open("rb") as fh:
        return read_po(fh, locale=po.parent.parent.name, domain=DOMAIN)


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    """A message's identity: its msgid (the singular, for a plural message)."""
    return message_id if isinstance(message_id, str) else message_id[0]


def duplicate_ids(po: Path) -> list[str]:
    """msgids that appear more than once (merging catalogues line by line can do that); gettext
    would keep only one of them, silently."""
    text = po.read_text(encoding="utf-8")
    seen: set[str] = set()
    twice: list[str] = []
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if not ln.startswith("#")]
        if not lines or not lines[0].startswith("msgid "):
            continue
        head: list[str] = []
        for line in lines:
            if line.startswith(("msgstr", "msgid_plural")):
                break
            head.append(line)
        key = "\n".join(head)
        if key in seen and key != 'msgid ""':
            twice.append(key)
        seen.add(key)
    return twice


def problems(source: Catalog | None = None, root: Path = PACKAGE) -> list[Problem]:
    """Everything that keeps a catalogue from matching the source exactly."""
    source = source if source is not None else extract(root)
    found = [Problem("source", "not-literal", where) for where in non_literal_calls(root)]
    wanted = {_key(m.id): m for m in source if m.id}
    for language, po in catalogues().items():
        catalog = _read(po)
        found += [Problem(language, "duplicate", key) for key in duplicate_ids(po)]
        have = {_key(m.id): m for m in catalog if m.id}
        for key in sorted(wanted.keys() - have.keys()):
            found.append(Problem(language, "missing", key))
        for key in sorted(have.keys() - wanted.keys()):
            found.append(Problem(language, "obsolete", key))
        found += [Problem(language, "obsolete", _key(m.id)) for m in catalog.obsolete.values()]
        for key in sorted(wanted.keys() & have.keys()):
            entry = have[key]
            raw = entry.string
            strings = [raw] if isinstance(raw, str) else list(raw or [""])
            if not all(strings):
                found.append(Problem(language, "untranslated", key))
            elif entry.fuzzy:
                found.append(Problem(language, "fuzzy", key))
            elif any(_placeholders(s) != _placeholders(key) for s in strings):
                found.append(Problem(language, "placeholders", key))
    return found


def update(source: Catalog | None = None) -> list[Path]:
    """Write the template and merge it into every catalogue (new strings come untranslated)."""
    source = source if source is not None else extract()
    base = locale_dir()
    base.mkdir(parents=True, exist_ok=True)
    written = [base / f"{DOMAIN}.pot"]
    with written[0].open("wb") as fh:
        write_po(fh, source, omit_header=False, sort_output=True, width=100)
    for po in catalogues().values():
        catalog = _read(po)
        catalog.update(source, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with po.open("wb") as fh:
            write_po(fh, catalog, sort_output=True, width=100, include_previous=False)
        written.append(po)
    return written


def compile_all() -> list[Path]:
    """Write each catalogue's ``.mo`` beside it."""
    written = []
    for po in catalogues().values():
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, _read(po))
        written.append(mo)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studio.i18n_check", description=__doc__)
    parser.add_argument("--update", action="store_true", help="merge new strings into the .po")
    parser.add_argument("--compile", action="store_true", help="write the .mo files")
    args = parser.parse_args(argv)
    if args.update:
        for path in update():
            print(f"wrote {path}")
    if args.compile:
        for path in compile_all():
            print(f"wrote {path}")
        return 0
    found = problems()
    for problem in found:
        print(problem)
    print(f"{len(found)} problem(s) in {len(catalogues())} catalogue(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
