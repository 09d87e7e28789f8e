"""Preflight: checking a design against a brief, headless, for the CLI and the live panel.

``run_checks(design, brief)`` returns a :class:`Report` of :class:`Finding` objects (rule ids
from ``brief-format.md``). It reads only the design's SVG, so designs from any tool are
checked alike; see ``studio.checks.live`` for the incremental session the app uses.

The engine (numpy, the renderer) loads on first use, so the app's window and the checks
panel's module can import ``studio.checks.model`` without paying for it at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.checks.model import Finding, Fix, Report

if TYPE_CHECKING:
    from studio.checks.engine import run_checks

__all__ = ["Finding", "Fix", "Report", "run_checks"]


def __getattr__(name: str) -> Any:
    if name == "run_checks":
        from studio.checks.engine import run_checks

        return run_checks
    raise AttributeError(f"module 'studio.checks' has no attribute {name!r}")
