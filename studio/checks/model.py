"""What a check reports: findings (rule id, severity, plain-words message, where) and the
report the CLI prints and the live panel lists.

Rule ids and the JSON shape are a public contract (``brief-format.md``, ``check-cli.md``).
A finding may offer a :class:`Fix`: a quick fix the app can apply as one undoable edit
(``studio.checks.fixes``); the fix is not part of the JSON contract, so the CLI leaves it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Fix:
    """A quick fix: ``kind`` names the function in ``studio.checks.fixes`` (``snap_color``,
    ``posterize_image``, ``move_inside``, ``scale_required``, ``swap_font``), ``label`` is the
    button text, ``params`` its arguments (element ids, colours, a target box in mm)."""

    kind: str
    label: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """One problem: ``bbox`` is ``[x, y, width, height]`` in mm from the trim's top-left;
    ``output`` names the brief's output (an ad size) the finding is about, if not the canvas."""

    rule: str
    severity: Severity
    message: str
    element: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    fix: Fix | None = None
    output: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.element:
            out["element"] = self.element
        if self.output:
            out["output"] = self.output
        if self.bbox is not None:
            out["bbox"] = [round(v, 3) for v in self.bbox]
        return out


@dataclass
class Report:
    """The findings of one check of one design against one brief."""

    brief_id: str
    brief_version: int
    design: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def by_severity(self) -> dict[str, list[Finding]]:
        """``{"error": [...], "warning": [...]}``, each in rule order."""
        return {"error": self.errors, "warning": self.warnings}

    def for_element(self, element_id: str) -> list[Finding]:
        return [f for f in self.findings if f.element == element_id]

    def to_json(self) -> dict[str, Any]:
        return {
            "brief": {"id": self.brief_id, "version": self.brief_version},
            "design": self.design,
            "passed": self.passed,
            "findings": [f.to_json() for f in self.findings],
        }


def bbox_of(box: Any) -> tuple[float, float, float, float] | None:
    """A ``Box`` (or ``None``) as a finding's bbox tuple."""
    if box is None:
        return None
    return (box.x, box.y, box.width, box.height)
