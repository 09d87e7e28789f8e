"""``run_checks``: one design against one brief, every rule family, one report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from studio.brief.model import Brief
from studio.checks.context import CheckContext
from studio.checks.model import Finding, Report
from studio.checks.outputsize import brief_for_canvas
from studio.checks.rules import RASTER_RULES, VECTOR_RULES, Rule, inks
from studio.design import Design


def run_checks(
    design: Design,
    brief: Brief,
    *,
    output_dir: str | Path | None = None,
    now: datetime | None = None,
    canvas_override: tuple[float, float] | None = None,
) -> Report:
    """Check ``design`` against ``brief``. With ``output_dir``, the brief's deliverables are
    exported there first and the ``output.*`` rules weigh the real files.

    ``canvas_override=(width_mm, height_mm)`` checks one output of another size (an ad
    variant): the canvas, zones and minimum sizes are the brief's carried over to that size
    (``studio.checks.outputsize``)."""
    if canvas_override is not None:
        brief = brief_for_canvas(brief, *canvas_override)
    ctx = CheckContext(design, brief, Path(output_dir) if output_dir else None, now)
    return run_context(ctx)


def run_context(ctx: CheckContext, before_inks: Callable[[], None] | None = None) -> Report:
    """Every rule family on ``ctx``. With ``before_inks``, the ink rules run last, after
    calling it (the live session finishes drawing its tiles while the other rules run); the
    findings are listed in the rules' order all the same."""
    rules = RASTER_RULES if ctx.design.is_raster else VECTOR_RULES
    found: dict[Rule, list[Finding]] = {}
    for rule in rules:
        if before_inks is None or rule is not inks.check:
            found[rule] = rule(ctx)
    if before_inks is not None and inks.check in rules:
        before_inks()
        found[inks.check] = inks.check(ctx)
    report = Report(ctx.brief.id, ctx.brief.version, ctx.design.path)
    for rule in rules:
        report.findings += found.get(rule, [])
    return report
