"""The brief, shown as the brand wrote it (Markdown) with its constraints in plain words, under
a line saying who signed it and whether that signature is trusted."""

from __future__ import annotations

import html
import re

from PySide6.QtWidgets import QTextBrowser, QWidget

from studio.brief.model import Brief
from studio.gui.i18n import tr

# Light backgrounds with dark text, readable in the light and the dark theme alike.
BANNER = {
    "ok": ("#e3f4e6", "#114d22", "✔"),
    "info": ("#e6eefb", "#173a73", "ℹ"),
    "warning": ("#fff1d6", "#6b4200", "⚠"),
    "danger": ("#fde2e1", "#8a1010", "⚠"),
}
FINGERPRINT = re.compile(r"\b((?:[0-9A-F]{4} ){3,}[0-9A-F]{1,4})\b")


def brief_html(brief: Brief) -> str:
    # Loaded with the first brief shown, after the window's first frame (markdown, babel).
    import markdown
    from babel.dates import format_datetime

    from studio.brief.summary import constraint_lines
    from studio.l10n import locale_for

    description = markdown.markdown(
        html.escape(brief.description, quote=False), extensions=[], output_format="html"
    )
    for level in (3, 2, 1):  # the brand's headings sit below the panel's own title
        description = description.replace(f"<h{level}>", f"<h{level + 2}>")
        description = description.replace(f"</h{level}>", f"</h{level + 2}>")
    parts = [
        f"<h2>{html.escape(brief.title)}</h2>",
        "<p>" + tr("<b>Brand:</b> {brand}").format(brand=html.escape(brief.brand_name)) + "</p>",
    ]
    if brief.deadline:
        when = format_datetime(brief.deadline, "d MMMM y, HH:mm", locale=locale_for())
        parts.append("<p>" + tr("<b>Deadline:</b> {date}").format(date=when) + "</p>")
    parts.append(description)
    parts.append("<h4>" + tr("What the brief asks") + "</h4><ul>")
    parts += [f"<li>{html.escape(line)}</li>" for line in constraint_lines(brief)]
    parts.append("</ul>")
    if brief.licence:
        grant = html.escape(str(brief.licence.get("grant", "")))
        terms = html.escape(str(brief.licence.get("terms", "")))
        reward = html.escape(str(brief.licence.get("reward", "")))
        parts.append("<h4>" + tr("Licence") + f"</h4><p><b>{grant}</b> {terms}</p>")
        if reward:
            parts.append("<p>" + tr("<b>Reward:</b> {reward}").format(reward=reward) + "</p>")
    return "\n".join(parts)


def banner_html(level: str, text: str) -> str:
    """The signature line as a coloured band; key fingerprints in a fixed-width font, so the
    groups line up and are easy to compare with what the brand reads out."""
    background, color, mark = BANNER.get(level, BANNER["info"])
    body = FINGERPRINT.sub(r"<tt>\1</tt>", html.escape(text))
    return (
        f'<table width="100%" cellpadding="8" cellspacing="0" bgcolor="{background}">'
        f'<tr><td><span style="color:{color}"><b>{mark}</b> {body}</span>'
        "</td></tr></table>"
    )


class BriefPanel(QTextBrowser):
    """``set_signature`` records the signature line for one brief object; ``show_brief`` shows
    it whenever that brief is shown (the window calls ``show_brief`` on every new document)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Brief"))
        self.setOpenExternalLinks(False)
        self._notes: dict[int, tuple[Brief, str, str]] = {}
        self.signature_level = ""
        self.signature_text = ""
        self.show_brief(None)

    def set_signature(self, brief: Brief, level: str, text: str) -> None:
        self._notes[id(brief)] = (brief, level, text)
        while len(self._notes) > 16:  # a session opens a few briefs; keep the newest ones
            del self._notes[next(iter(self._notes))]

    def note_for(self, brief: Brief | None) -> tuple[str, str]:
        entry = self._notes.get(id(brief)) if brief is not None else None
        return (entry[1], entry[2]) if entry is not None and entry[0] is brief else ("", "")

    def show_pending(self) -> None:
        """While the window looks for the brief of the design it opened at start."""
        self.signature_level, self.signature_text = "", ""
        self.setAccessibleDescription("")
        self.setHtml("<p>" + tr("Looking for the brief this design answers…") + "</p>")

    def show_brief(self, brief: Brief | None) -> None:
        self.signature_level, self.signature_text = self.note_for(brief)
        self.setAccessibleDescription(self.signature_text)
        if brief is None:
            self.setHtml(
                "<p>" + tr("No brief: this design is not linked to a brief that is open.") + "</p>"
            )
            return
        top = banner_html(self.signature_level, self.signature_text) if self.signature_text else ""
        self.setHtml(top + brief_html(brief))
