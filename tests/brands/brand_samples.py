"""Builds submission packages for the brands tests (and the bulk-verify benchmark) with the
production package writer's own manifest and zip functions, so the packages are exactly what
``motif-studio package`` writes, without exporting real deliverables (seconds per package)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image

from studio.brief.model import Brief
from studio.production.checking import ENGINE, CheckReport
from studio.production.package import Creator, make_manifest, zip_package

STAMP = "2027-01-02T10:00:00+00:00"


def tiny_png(color: tuple[int, int, int] = (214, 40, 57)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (12, 16), color).save(out, "PNG")
    return out.getvalue()


def manifest_for(
    brief: Brief, files: dict[str, bytes], creator: str = "Ada", extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The manifest ``motif-studio package`` would write for ``files`` (a passing check),
    with the top-level fields in ``extra`` replaced."""
    who = Creator(creator, f"{creator.lower()}@example.org")
    manifest = make_manifest(
        brief, who, files, CheckReport(ENGINE), [], override=False, stamp=STAMP
    )
    manifest.update(extra or {})
    return manifest


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    """A zip of exactly ``entries`` (for broken and hostile packages)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def build_submission(
    path: Path,
    brief: Brief,
    design: bytes,
    creator: str = "Ada",
    *,
    design_name: str = "design.motif.svg",
    manifest_extra: dict[str, Any] | None = None,
) -> Path:
    """A well-formed package: the design, a PNG deliverable and a matching manifest."""
    files = {design_name: design, "deliverables/print.png": tiny_png()}
    path.write_bytes(zip_package(files, manifest_for(brief, files, creator, manifest_extra)))
    return path
