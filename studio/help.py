"""The user guide (docs/guide/) for the app's Help menu: find a page in the user's language and
render it to HTML, offline.

The guide is Markdown so it reads well on the project's web pages too; the app shows it in a
text browser from the copy bundled with it (``docs/guide`` in a checkout, ``sys._MEIPASS/docs/
guide`` in a frozen build, ``MOTIF_STUDIO_DOCS`` to override). A page missing in the user's
language falls back to English.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from studio.i18n import SOURCE_LANGUAGE, current_language

PAGES = ("README", "creators", "brands", "plugins")


def guide_dir() -> Path:
    """The English guide's folder; each translation is a subfolder named by language."""
    override = os.environ.get("MOTIF_STUDIO_DOCS")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "docs" / "guide"
    return Path(__file__).resolve().parent.parent / "docs" / "guide"


def guide_page(name: str = "README", language: str | None = None) -> Path:
    """The page's file in ``language`` (default: the interface language), else in English."""
    if name not in PAGES:
        raise KeyError(f"no guide page {name!r}; pages: {', '.join(PAGES)}")
    lang = (language or current_language()).split("_")[0]
    base = guide_dir()
    if lang != SOURCE_LANGUAGE:
        translated = base / lang / f"{name}.md"
        if translated.is_file():
            return translated
    return base / f"{name}.md"


def page_html(name: str = "README", language: str | None = None) -> str:
    """The page as an HTML fragment (tables and fenced code kept) for a QTextBrowser."""
    import markdown

    text = guide_page(name, language).read_text(encoding="utf-8")
    html: str = markdown.markdown(text, extensions=["tables", "fenced_code"])
    return html
