"""The submission package: deliverables, the design file and a manifest a brand can verify.

``manifest.json`` names the brief (id, version, SHA-256 of the exact brief file), the creator,
the SHA-256 of every file, the check report, the third-party assets with their declared
licences, and the licence the creator accepted (its text and when). Packaging refuses while the
check fails, unless the creator explicitly overrides (recorded in the manifest), and refuses
unless the licence was accepted. The zip is written atomically.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from studio import __version__
from studio.brief.model import Brief
from studio.design import open_design
from studio.document.fileio import read_bytes
from studio.fsutil import atomic_write
from studio.i18n import _
from studio.production.assets import third_party_assets
from studio.production.checking import CheckReport, run_preflight
from studio.production.deliver import deliverables
from studio.production.longwork import CancelFn, ProgressFn, Work

MANIFEST = "manifest.json"
PACKAGE_FORMAT = "motif-submission/1"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class PackageRefused(Exception):
    """Packaging was refused for a reason the creator can fix (licence, failing check)."""


@dataclass(frozen=True)
class Creator:
    name: str
    contact: str = ""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def design_entry_name(path: Path) -> str:
    name = path.name
    return name if name.endswith((".svg", ".png", ".jpg", ".jpeg")) else "design.svg"


def licence_text(brief: Brief) -> str:
    lic = brief.licence
    parts = [f"Grant: {lic.get('grant', 'unspecified')}.", str(lic.get("terms", "")).strip()]
    if lic.get("url"):
        parts.append(f"Full text: {lic['url']}")
    return " ".join(p for p in parts if p)


def build_package(
    design_path: str | Path,
    brief: Brief,
    creator: Creator,
    *,
    accept_licence: bool,
    override: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    now: datetime | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """The zip's bytes and its manifest; :class:`PackageRefused` says why not."""
    if not accept_licence:
        raise PackageRefused(
            _("accept the brief's licence first ({licence}) — pass --accept-licence").format(
                licence=licence_text(brief)
            )
        )
    if not creator.name.strip():
        raise PackageRefused(_("the creator's name is required (--name)"))
    work = Work(progress, cancel)
    path = Path(design_path)
    design_bytes = read_bytes(path, 256 * 1024 * 1024)
    design = open_design(path, brief.dpi)
    work.step(0.0, _("checking the design"))
    report = run_preflight(design, brief)
    files, weight_findings = deliverables(design, brief, work.sub(0.05, 0.9))
    report.findings.extend(f for f in weight_findings if f not in report.findings)
    if not report.passed and not override:
        errors = [f"{f.rule}: {f.message}" for f in report.findings if f.severity == "error"]
        raise PackageRefused(
            _("the design fails its check: {errors}").format(errors="; ".join(errors))
        )
    files[design_entry_name(path)] = design_bytes
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    assets = third_party_assets(design)
    manifest = make_manifest(brief, creator, files, report, assets, override=override, stamp=stamp)
    work.step(0.95, _("writing the package"))
    return zip_package(files, manifest), manifest


def make_manifest(
    brief: Brief,
    creator: Creator,
    files: dict[str, bytes],
    report: CheckReport,
    assets: list[dict[str, Any]],
    *,
    override: bool,
    stamp: str,
) -> dict[str, Any]:
    """The ``manifest.json`` of a package holding ``files`` (public so that tests and tools
    build packages in exactly the format :mod:`studio.production.verify` reads)."""
    return {
        "format": PACKAGE_FORMAT,
        "generator": f"motif-studio {__version__}",
        "created": stamp,
        "brief": {"id": brief.id, "version": brief.version, "sha256": brief.sha256},
        "creator": {"name": creator.name, "contact": creator.contact},
        "files": {
            name: {"sha256": sha256(data), "bytes": len(data)} for name, data in files.items()
        },
        "check": report.as_dict(),
        "override": {"used": override and not report.passed, "requested": override},
        "assets": assets,
        "licence": {
            "accepted": True,
            "accepted_at": stamp,
            "grant": brief.licence.get("grant", ""),
            "text": licence_text(brief),
        },
    }


def zip_package(files: dict[str, bytes], manifest: dict[str, Any]) -> bytes:
    """The package's zip: ``files`` in name order, then the manifest; fixed timestamps so the
    same inputs give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
        info = zipfile.ZipInfo(MANIFEST, _FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, json.dumps(manifest, indent=2, ensure_ascii=False))
    return out.getvalue()


def write_package(data: bytes, target: str | Path) -> None:
    atomic_write(target, data)
