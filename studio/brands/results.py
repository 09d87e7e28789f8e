"""One row of a bulk re-check: what the brand sees about one submission package.

Plain picklable data: rows travel back from worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["pass", "fail", "broken"]


@dataclass(frozen=True)
class RowFinding:
    rule: str
    severity: str  # "error" or "warning"
    message: str


@dataclass
class RowResult:
    """``broken``: the package could not be read at all (not a zip, hostile, no manifest);
    ``fail``: it was read and something is wrong; ``pass``: no error finding."""

    package: str
    status: Status
    creator: str = ""
    contact: str = ""
    findings: list[RowFinding] = field(default_factory=list)
    package_sha256: str = ""
    files: list[tuple[str, str]] = field(default_factory=list)  # (path, sha256)
    thumbnail_png: bytes | None = None
    preflight: str = "not run"
    claimed_passed: bool | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time the worker spent on it (the benchmark reads it)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity != "error" for f in self.findings)


def broken_row(package: str, message: str, rule: str = "package.unreadable") -> RowResult:
    return RowResult(package, "broken", findings=[RowFinding(rule, "error", message)])
