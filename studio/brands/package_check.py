"""One row of the bulk re-check: :func:`studio.production.verify.verify_package` (the one
verifier of the submission format, shared with ``motif-studio verify FILE.zip``) turned into
a report row, plus the thumbnail the report shows.

Only a package that cannot be read at all is ``broken``; any other problem is a finding in the
row (``fail``).
"""

from __future__ import annotations

import io
from pathlib import Path

from studio.brands.results import RowFinding, RowResult
from studio.brief.model import Brief
from studio.production.verify import verify_package

THUMB_PX = 160


def verify_one(path: Path, brief: Brief) -> RowResult:
    """The row for the package at ``path``. Raises only for bugs; hostile input is a row."""
    result = verify_package(path, brief)
    row = RowResult(
        path.name,
        "broken" if not result.readable else "pass" if result.ok else "fail",
        creator=result.creator.name,
        contact=result.creator.contact,
        findings=[RowFinding(f.rule, f.severity, f.message) for f in result.findings],
        package_sha256=result.package_sha256,
        files=sorted(result.files.items()),
        claimed_passed=result.claimed_passed,
    )
    if result.check is not None:
        row.preflight = "passed" if result.check.passed else "failed"
    if result.design is not None:
        design = result.design
        row.thumbnail_png = thumbnail(design.svg, design.width, design.height)
    return row


def thumbnail(svg: bytes, width_mm: float, height_mm: float) -> bytes | None:
    """A small PNG of the design for the report (``None`` if it cannot be rendered)."""
    from studio.render.raster import render_image

    if width_mm <= 0 or height_mm <= 0:
        return None
    scale = THUMB_PX / max(width_mm, height_mm)
    w, h = max(1, round(width_mm * scale)), max(1, round(height_mm * scale))
    try:
        image = render_image(svg, w, h)
    except Exception:  # resvg raises plain exceptions on bad SVG; a thumbnail is optional
        return None
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
