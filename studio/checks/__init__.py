"""Preflight: checking a design against a brief, headless, for the CLI and the live panel.

``run_checks(design, brief)`` returns a :class:`Report` of :class:`Finding` objects (rule ids
from ``brief-format.md``). It reads only the design's SVG, so designs from any tool are
checked alike; see ``studio.checks.live`` for the incremental session the app uses.
"""

from studio.checks.engine import run_checks
from studio.checks.model import Finding, Fix, Report

__all__ = ["Finding", "Fix", "Report", "run_checks"]
