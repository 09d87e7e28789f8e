"""The preflight the package and ``verify`` rely on, behind one small adapter.

The real engine is ``studio.checks.run_checks(design, brief, output_dir=None) -> Report``
(findings with rule/severity/message/element/bbox, and ``passed``). It is imported lazily: while
it is absent, a clearly labelled minimal check runs instead (canvas size, required elements,
forbidden gradients, transparency and images, ink count), and the report says which engine ran.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from studio.brief.model import Brief
from studio.design import Design
from studio.document.model import Image, LinearGradient, RadialGradient, Style

ENGINE = "studio.checks"
FALLBACK = "minimal fallback (studio.checks not available)"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    element: str | None = None
    bbox: list[float] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "severity": self.severity}
        out["message"] = self.message
        if self.element:
            out["element"] = self.element
        if self.bbox is not None:
            out["bbox"] = self.bbox
        return out


@dataclass
class CheckReport:
    engine: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "passed": self.passed,
            "findings": [f.as_dict() for f in self.findings],
        }


def run_preflight(design: Design, brief: Brief) -> CheckReport:
    """The check report of ``design`` against ``brief``, from the real engine when present."""
    try:
        checks = importlib.import_module("studio.checks")
        run_checks = checks.run_checks
    except (ImportError, AttributeError):
        return CheckReport(FALLBACK, minimal_findings(design, brief))
    report = run_checks(design, brief, output_dir=None)
    return CheckReport(ENGINE, [_finding(f) for f in getattr(report, "findings", [])])


def _finding(f: Any) -> Finding:
    bbox = getattr(f, "bbox", None)
    return Finding(
        str(getattr(f, "rule", "")),
        str(getattr(f, "severity", "error")),
        str(getattr(f, "message", "")),
        getattr(f, "element", None),
        [float(v) for v in bbox] if bbox is not None else None,
    )


def minimal_findings(design: Design, brief: Brief) -> list[Finding]:
    out: list[Finding] = []
    tol = 25.4 / brief.dpi if brief.px_canvas else 0.5
    if abs(design.width - brief.width) > tol or abs(design.height - brief.height) > tol:
        out.append(
            Finding(
                "canvas.size",
                "error",
                f"the design is {design.width:.1f}×{design.height:.1f} mm, "
                f"the brief asks for {brief.width:.1f}×{brief.height:.1f} mm",
            )
        )
    doc = design.document
    if doc is None:
        return out
    elements = list(doc.walk())
    placed = {e.required for e in elements if e.required}
    for req in brief.rules.required:
        if req.id not in placed:
            out.append(Finding("required.missing", "error", f"required element {req.id!r} absent"))
    rules = brief.rules
    colors: set[str] = set()
    for e in elements:
        style: Style = e.style
        paints = [p for p in (style.fill, style.stroke) if p is not None]
        if rules.gradients == "forbid" and any(
            isinstance(p, LinearGradient | RadialGradient) for p in paints
        ):
            out.append(Finding("inks.gradient", "error", "a gradient in flat-ink artwork", e.id))
        if rules.transparency == "forbid" and style.opacity < 1.0:
            out.append(Finding("inks.transparency", "error", "partial opacity", e.id))
        if rules.raster_images == "forbid" and isinstance(e, Image):
            out.append(Finding("image.forbidden", "error", "a raster image", e.id))
        if not e.required:
            colors.update(p.lower() for p in paints if isinstance(p, str))
    if brief.inks.max_colors is not None and len(colors) > brief.inks.max_colors:
        out.append(
            Finding(
                "inks.count",
                "error",
                f"{len(colors)} inks, the brief allows {brief.inks.max_colors}",
            )
        )
    return out
