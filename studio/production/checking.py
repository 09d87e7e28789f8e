"""The preflight the package and ``verify`` record: ``studio.checks`` plus the weight findings
that only packaging can know (the deliverables it actually wrote)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio.brief.model import Brief
from studio.checks import Finding, run_checks
from studio.design import Design

ENGINE = "studio.checks"

__all__ = ["ENGINE", "CheckReport", "Finding", "run_preflight"]


@dataclass
class CheckReport:
    """The findings recorded in a package's manifest, and which engine produced them."""

    engine: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "passed": self.passed,
            "findings": [f.to_json() for f in self.findings],
        }


def run_preflight(design: Design, brief: Brief) -> CheckReport:
    """The check report of ``design`` against ``brief``; for an ad, each other size's layout
    too (``adset.check_outputs``), those findings tagged with their output's id."""
    findings = list(run_checks(design, brief).findings)
    if brief.kind == "ad" and design.document is not None:
        from studio.production.adset import check_outputs

        findings += check_outputs(design.document, brief)
    return CheckReport(ENGINE, findings)
