"""Translations of every user-visible string, for the command line and the app alike.

One gettext catalogue per language (``resources/locale/LANG/LC_MESSAGES/motif-studio.po``)
serves the core, the command line and the GUI (through ``studio.gui.i18n.tr``), so a translator
edits one file and one test (``tests/i18n``) proves it complete. Mark a string with ``_()``;
put variable parts in named ``{placeholders}`` filled by ``.format()`` after translation, so
the translator can move them: ``_("{file}: no such brief").format(file=path)``.

The language is, in order: ``MOTIF_STUDIO_LANG``, the app's setting (``set_language``), then
the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext reads them). A
missing language falls back to English, the language of the source strings.

The compiled ``.mo`` files are made at build time (``python -m studio.i18n_check --compile``);
in a checkout without them, or with a ``.po`` newer than its ``.mo``, the catalogue is compiled
in memory at first use (with Babel), so a translator sees an edit without a build step.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from pathlib import Path

from studio.paths import resources_dir

DOMAIN = "motif-studio"
ENV_OVERRIDE = "MOTIF_STUDIO_LANG"
SOURCE_LANGUAGE = "en"

_setting: str | None = None
_active: _gettext.NullTranslations | None = None
_active_language = SOURCE_LANGUAGE
_loaded_for: tuple[str, ...] = ()
_platform_languages: list[str] = []


def locale_dir() -> Path:
    """Where the catalogues live: ``resources/locale``."""
    return resources_dir() / "locale"


def normalize(code: str) -> str:
    """``fr_FR.UTF-8@euro`` -> ``fr_FR``; ``fr-CA`` -> ``fr_CA``; ``C``/``POSIX`` -> ``en``."""
    code = code.split(".")[0].split("@")[0].replace("-", "_").strip()
    if code in ("", "C", "POSIX"):
        return SOURCE_LANGUAGE
    lang, _, region = code.partition("_")
    return f"{lang.lower()}_{region.upper()}" if region else lang.lower()


def system_languages() -> list[str]:
    """The system's preferred languages, first first, as gettext reads the environment."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return [normalize(part) for part in value.split(":") if part]
    return list(_platform_languages)


def set_platform_languages(codes: list[str]) -> None:
    """The languages the platform reports where the environment names none (Windows and macOS
    set no ``LANG``): the GUI passes Qt's ``QLocale.system().uiLanguages()`` here."""
    global _platform_languages
    _platform_languages = [normalize(c) for c in codes if c]


def requested_languages() -> list[str]:
    """The languages to try, in order: the override, the setting, the system."""
    override = os.environ.get(ENV_OVERRIDE, "")
    if override:
        return [normalize(override)]
    if _setting:
        return [normalize(_setting)]
    return system_languages()


def available_languages() -> list[str]:
    """Languages with a catalogue, plus English (the source strings)."""
    found = {SOURCE_LANGUAGE}
    base = locale_dir()
    if base.is_dir():
        found |= {p.parent.parent.name for p in base.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found)


def set_language(code: str | None) -> None:
    """Apply the app's language setting (``None``, ``""`` or ``"system"``: follow the system)."""
    global _setting, _active
    _setting = code if code and code != "system" else None
    _active = None


def reload() -> None:
    """Forget the loaded catalogue: the next string is looked up afresh (environment changed)."""
    global _active
    _active = None


def _candidates(languages: list[str]) -> list[str]:
    out: list[str] = []
    for lang in languages:
        for code in (lang, lang.split("_")[0]):
            if code not in out:
                out.append(code)
    return out


def _load(lang: str) -> _gettext.NullTranslations | None:
    folder = locale_dir() / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.is_file():
        return _gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    return None


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalogue (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=po.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def translations() -> _gettext.NullTranslations:
    """The active catalogue (loaded at first use and whenever the requested language changes;
    English when nothing matches)."""
    global _active, _active_language, _loaded_for
    wanted = tuple(requested_languages())
    if _active is None or wanted != _loaded_for:
        _loaded_for = wanted
        _active, _active_language = _gettext.NullTranslations(), SOURCE_LANGUAGE
        for code in _candidates(requested_languages()):
            if code == SOURCE_LANGUAGE:
                break
            found = _load(code)
            if found is not None:
                _active, _active_language = found, code
                break
    return _active


def current_language() -> str:
    """The language the strings are shown in: ``fr``, ``en``…"""
    translations()
    return _active_language


def _(message: str) -> str:
    """The translation of ``message`` in the current language."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The translation of a message that depends on a count."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (module-level constants)."""
    return message
