"""What the checks panel and its badge say, headless: grouping, counts, badge states."""

from __future__ import annotations

from studio.checks import presentation
from studio.checks.model import Finding, Fix, Report


def _report(*findings: Finding) -> Report:
    return Report("brief", 1, "design.svg", list(findings))


ERROR = Finding("inks.palette", "error", "Off-palette colour", "el-1", (1, 2, 3, 4))
OTHER = Finding("text.size", "error", "Text too small", "el-2", fix=Fix("swap_font", "Use X"))
WARN = Finding("deadline.soon", "warning", "The deadline is close")


def test_sections_put_errors_first_with_counts_and_skip_empty_ones() -> None:
    got = presentation.sections(_report(WARN, ERROR, OTHER))
    assert [(s.severity, s.title) for s in got] == [
        ("error", "Errors (2)"),
        ("warning", "Warnings (1)"),
    ]
    assert got[0].findings == (ERROR, OTHER)
    assert [s.severity for s in presentation.sections(_report(WARN))] == ["warning"]
    assert presentation.sections(_report()) == []


def test_badge_says_ready_problems_or_checking() -> None:
    assert presentation.badge(_report()).text == "Ready to submit"
    assert presentation.badge(_report()).tone == "ok"
    assert presentation.badge(_report(WARN)).text == "Ready to submit (1 warning)"
    problems = presentation.badge(_report(ERROR, OTHER, WARN))
    assert (problems.text, problems.tone) == ("2 problems", "problem")
    assert presentation.badge(_report(ERROR)).text == "1 problem"
    assert presentation.badge(_report(ERROR), checking=True).text == "Checking…"
    assert presentation.badge(None).tone == "busy"
    assert presentation.badge(None, has_brief=False).text == "No brief"


def test_tooltip_names_the_rule_and_same_problem_survives_a_new_message() -> None:
    assert presentation.tooltip(ERROR).startswith("Rule: inks.palette\n")
    assert "select the element" in presentation.tooltip(ERROR)
    assert presentation.tooltip(WARN) == "Rule: deadline.soon"
    moved = Finding("inks.palette", "error", "Off-palette colour (40%)", "el-1", (5, 5, 3, 4))
    assert presentation.finding_key(moved) == presentation.finding_key(ERROR)
    assert presentation.finding_key(OTHER) != presentation.finding_key(ERROR)
