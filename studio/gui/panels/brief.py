"""The brief, shown as the brand wrote it (Markdown) with its constraints in plain words."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from studio.brief.model import Brief
from studio.brief.summary import constraint_lines


def brief_html(brief: Brief) -> str:
    import markdown

    description = markdown.markdown(
        html.escape(brief.description, quote=False), extensions=[], output_format="html"
    )
    for level in (3, 2, 1):  # the brand's headings sit below the panel's own title
        description = description.replace(f"<h{level}>", f"<h{level + 2}>")
        description = description.replace(f"</h{level}>", f"</h{level + 2}>")
    parts = [
        f"<h2>{html.escape(brief.title)}</h2>",
        f"<p><b>Brand:</b> {html.escape(brief.brand_name)}</p>",
    ]
    if brief.deadline:
        parts.append(f"<p><b>Deadline:</b> {brief.deadline:%d %B %Y, %H:%M}</p>")
    parts.append(description)
    parts.append("<h4>What the brief asks</h4><ul>")
    parts += [f"<li>{html.escape(line)}</li>" for line in constraint_lines(brief)]
    parts.append("</ul>")
    if brief.licence:
        grant = html.escape(str(brief.licence.get("grant", "")))
        terms = html.escape(str(brief.licence.get("terms", "")))
        reward = html.escape(str(brief.licence.get("reward", "")))
        parts.append(f"<h4>Licence</h4><p><b>{grant}</b> {terms}</p>")
        if reward:
            parts.append(f"<p><b>Reward:</b> {reward}</p>")
    return "\n".join(parts)


class BriefPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Brief")
        self.setOpenExternalLinks(False)
        self.show_brief(None)

    def show_brief(self, brief: Brief | None) -> None:
        if brief is None:
            self.setHtml("<p>No brief: this design is not linked to a brief that is open.</p>")
        else:
            self.setHtml(brief_html(brief))
