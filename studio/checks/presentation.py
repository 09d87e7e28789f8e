"""What the checks panel and its status-bar badge say about a report, without Qt.

The panel only lays out what these functions return, so the wording, the grouping and the
badge's state are tested headless and read the same in every language (``_()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from studio.checks.model import Finding, Report
from studio.i18n import _, ngettext

Tone = Literal["ok", "problem", "busy", "none"]


@dataclass(frozen=True)
class Section:
    """One group of findings under a header such as "Errors (2)"."""

    severity: str
    title: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Badge:
    """The status-bar summary: its text, its tone (the colour) and its tooltip."""

    text: str
    tone: Tone
    tooltip: str


def sections(report: Report) -> list[Section]:
    """Errors first, then warnings; a severity with no findings gets no section."""
    titles = {"error": _("Errors ({n})"), "warning": _("Warnings ({n})")}
    out = []
    for severity, findings in report.by_severity().items():
        if findings:
            title = titles[severity].format(n=len(findings))
            out.append(Section(severity, title, tuple(findings)))
    return out


def tooltip(finding: Finding) -> str:
    """The rule id (what the CLI and the brief format call it), then what can be done."""
    lines = [_("Rule: {rule}").format(rule=finding.rule)]
    if finding.element:
        lines.append(_("Click to select the element and show where it is."))
    elif finding.bbox is not None:
        lines.append(_("Click to show where it is."))
    return "\n".join(lines)


def finding_key(finding: Finding) -> tuple[str, str | None, str]:
    """What identifies "the same problem" from one report to the next (the message may
    change as the user edits, e.g. the percentage of a colour)."""
    return (finding.rule, finding.element, finding.fix.kind if finding.fix else "")


def badge(report: Report | None, *, checking: bool = False, has_brief: bool = True) -> Badge:
    """``Checking…`` while a check runs; otherwise ready to submit or the number of
    problems (errors: what would make the brand reject the design)."""
    if not has_brief:
        return Badge(_("No brief"), "none", _("Open the design from its brief to check it."))
    if checking or report is None:
        return Badge(_("Checking…"), "busy", _("Checking the design against the brief…"))
    errors, warnings = len(report.errors), len(report.warnings)
    hint = _("Click to show the checks.")
    if errors:
        text = ngettext("{n} problem", "{n} problems", errors).format(n=errors)
        return Badge(text, "problem", hint)
    if warnings:
        text = ngettext(
            "Ready to submit ({n} warning)", "Ready to submit ({n} warnings)", warnings
        ).format(n=warnings)
        return Badge(text, "ok", hint)
    return Badge(_("Ready to submit"), "ok", _("The design meets every rule of the brief."))


def empty_message(report: Report | None, *, has_brief: bool) -> str:
    """What the panel says when it lists no finding."""
    if not has_brief:
        return _("No brief: open the design from its brief to check it.")
    if report is None:
        return _("Checking…")
    return _("No problems: the design meets every rule of the brief.")
