"""Translations in the GUI: the same gettext catalogue as the core and the command line.

PySide6 6.12's Essentials wheel does ship pyside6-lupdate/lrelease, but a second catalogue
(.ts/.qm) would split every language in two files, two tools and two completeness checks,
while the strings the GUI shows most (check results, brief errors) come from the core's
gettext catalogue anyway. So widgets call ``tr("Open brief…")`` and one ``.po`` per language
covers everything; ``python -m studio.i18n_check`` extracts ``tr()`` calls too.

Qt's own words (the standard buttons, the file dialog) are translated by Qt's catalogues
(``qtbase_fr.qm``), which :func:`install` loads for the same language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studio import i18n

_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """The translation of a GUI string (extracted with the rest by ``studio.i18n_check``)."""
    return i18n._(text)


def N_(text: str) -> str:
    """Mark a GUI string for extraction where it is stored untranslated (a key, a class-level
    table): the language is chosen at start-up, after such tables are built."""
    return text


def marked(text: str) -> str:
    """The translation of a string marked with :func:`N_` where it was defined."""
    return i18n._(text)


def ntr(singular: str, plural: str, n: int) -> str:
    """The translation of a GUI string that depends on a count."""
    return i18n.ngettext(singular, plural, n)


def install(app: QCoreApplication, setting: str | None = None) -> str:
    """Choose the language (``MOTIF_STUDIO_LANG``, then ``setting``, then the system, which on
    Windows and macOS Qt knows best), load Qt's own catalogues for it and make it the default
    QLocale, so number fields and dates follow; return the language chosen."""
    i18n.set_platform_languages(QLocale.system().uiLanguages())
    i18n.set_language(setting)
    language = i18n.current_language()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
            break
    QLocale.setDefault(QLocale(language))
    return language
