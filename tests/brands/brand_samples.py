"""Builds submission packages for the brands tests (and the bulk-verify benchmark), so they do
not depend on the packaging code of the submission work: manifest.json + design + deliverable."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image

from studio.brief.model import Brief


def tiny_png(color: tuple[int, int, int] = (214, 40, 57)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (12, 16), color).save(out, "PNG")
    return out.getvalue()


def manifest_for(
    brief: Brief, files: dict[str, bytes], creator: str = "Ada", extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "format": "motif-submission/1",
        "brief": {"id": brief.id, "version": brief.version, "sha256": brief.sha256},
        "creator": {"name": creator, "contact": f"{creator.lower()}@example.org"},
        "licence_accepted": True,
        "files": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(files.items())
        ],
        "check": {"passed": True, "findings": []},
    }
    manifest.update(extra or {})
    return manifest


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
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
    manifest = manifest_for(brief, files, creator, manifest_extra)
    entries = {"manifest.json": json.dumps(manifest).encode(), **files}
    return write_zip(path, entries)
