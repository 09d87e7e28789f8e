"""Re-checking a submission package as a brand would.

Every file's hash against the manifest (and nothing unlisted), the brief's id, version and
SHA-256 against the brief the brand holds, the licence acceptance, and the full preflight on
the included design. The zip is read with the safe reader (limits, no path escapes).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.brief.model import Brief
from studio.design import open_design
from studio.errors import InputError
from studio.production.checking import CheckReport, run_preflight
from studio.production.package import MANIFEST, PACKAGE_FORMAT, sha256
from studio.safety.zips import read_zip

DESIGN_SUFFIXES = (".motif.svg", ".svg", ".png", ".jpg", ".jpeg")


@dataclass
class Verification:
    problems: list[str] = field(default_factory=list)
    check: CheckReport | None = None
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_manifest(files: dict[str, bytes], source: Path) -> dict[str, Any]:
    if MANIFEST not in files:
        raise InputError(source, "not a submission package: no manifest.json")
    try:
        manifest = json.loads(files[MANIFEST])
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(source, f"manifest.json is not valid JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != PACKAGE_FORMAT:
        raise InputError(source, f"manifest.json is not a {PACKAGE_FORMAT} manifest")
    if not isinstance(manifest.get("files"), dict):
        raise InputError(source, "manifest.json lists no files")
    return manifest


def verify_package(path: str | Path, brief: Brief | None = None) -> Verification:
    source = Path(path)
    files = read_zip(source)
    manifest = read_manifest(files, source)
    result = Verification(manifest=manifest)
    listed: dict[str, Any] = manifest["files"]
    for name, entry in listed.items():
        if name not in files:
            result.problems.append(f"{name}: listed in the manifest but missing")
        elif not isinstance(entry, dict) or sha256(files[name]) != entry.get("sha256"):
            result.problems.append(f"{name}: SHA-256 differs from the manifest (altered)")
    for name in files:
        if name != MANIFEST and name not in listed:
            result.problems.append(f"{name}: not listed in the manifest")
    lic = manifest.get("licence") or {}
    if not lic.get("accepted"):
        result.problems.append("the creator did not accept the licence")
    if brief is not None:
        _check_brief(manifest.get("brief") or {}, brief, result)
        design_name = next(
            (n for n in listed if "/" not in n and n.endswith(DESIGN_SUFFIXES)), None
        )
        if design_name is None or design_name not in files:
            result.problems.append("the package holds no design file")
        else:
            result.check = _preflight(design_name, files[design_name], brief)
            for f in result.check.findings:
                if f.severity == "error":
                    result.problems.append(f"check {f.rule}: {f.message}")
    return result


def _check_brief(claimed: dict[str, Any], brief: Brief, result: Verification) -> None:
    if claimed.get("id") != brief.id:
        result.problems.append(f"made for brief {claimed.get('id')!r}, not {brief.id!r}")
    if claimed.get("version") != brief.version:
        result.problems.append(
            f"made for version {claimed.get('version')} of the brief, this is version "
            f"{brief.version}"
        )
    elif claimed.get("sha256") != brief.sha256:
        result.problems.append("made for a different copy of the brief (SHA-256 differs)")


def _preflight(name: str, data: bytes, brief: Brief) -> CheckReport:
    with tempfile.TemporaryDirectory(prefix="motif-verify-") as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        design = open_design(path, brief.dpi)
        return run_preflight(design, brief)
