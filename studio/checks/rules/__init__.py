"""One module per family of brief rules; each has ``check(ctx) -> list[Finding]``.

Order here is the order findings are listed in a report.
"""

from __future__ import annotations

from collections.abc import Callable

from studio.checks.context import CheckContext
from studio.checks.model import Finding
from studio.checks.rules import (
    bounds,
    canvas,
    deadline,
    images,
    inks,
    output,
    required,
    strokes,
    text,
)

Rule = Callable[[CheckContext], list[Finding]]

VECTOR_RULES: tuple[Rule, ...] = (
    canvas.check,
    deadline.check,
    bounds.check,
    required.check,
    images.check,
    inks.check,
    text.check,
    strokes.check,
    output.check,
)
"""Every rule family, for SVG designs."""

RASTER_RULES: tuple[Rule, ...] = (canvas.check, deadline.check, inks.check, output.check)
"""What makes sense for a PNG/JPEG design: its pixels and its size."""
