"""Re-checking one submission package against the brief, as a brand does on receipt.

Packages come from strangers: the zip is read in memory under limits (``read_zip``), the
manifest is bounded and validated field by field, every file's SHA-256 is compared with the
manifest, and the design is opened with the same readers the app uses. Any problem is a finding
in the row; only a package that cannot be read at all is ``broken``.

Manifest (``manifest.json`` at the package root), as far as this module relies on it::

    {"brief": {"id", "version", "sha256"}, "creator": {"name", "contact"},
     "licence_accepted": true, "files": [{"path", "sha256"}] (or {path: sha256}),
     "check": {"passed": bool, ...}}

A few spellings another packager may use are accepted too (``name``/``hash`` for a file,
``sha256:`` prefixes, ``license_accepted``, ``licence: {accepted}``, a bare creator name).
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from studio.brands.results import RowFinding, RowResult, broken_row
from studio.brief.model import Brief
from studio.errors import InputError
from studio.safety.zips import ZipLimits, check_member_name, read_zip

SUBMISSION_LIMITS = ZipLimits(
    max_entries=128, max_entry_bytes=200 * 1024 * 1024, max_total_bytes=512 * 1024 * 1024
)
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_PACKAGE_BYTES = 600 * 1024 * 1024
THUMB_PX = 160
MANIFEST = "manifest.json"


def verify_one(path: Path, brief: Brief) -> RowResult:
    """The row for the package at ``path``. Raises only for bugs; hostile input is a row."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return broken_row(path.name, f"cannot be read ({exc.strerror})")
    if size > MAX_PACKAGE_BYTES:
        return broken_row(path.name, f"{size} bytes, larger than a submission may be")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        entries = read_zip(path, SUBMISSION_LIMITS)
    except InputError as exc:
        row = broken_row(path.name, exc.problem)
        row.package_sha256 = digest
        return row
    try:
        manifest = parse_manifest(entries.get(MANIFEST))
    except ValueError as exc:
        row = broken_row(path.name, f"manifest.json: {exc}", "package.manifest")
        row.package_sha256 = digest
        return row
    row = RowResult(path.name, "pass", package_sha256=digest)
    creator = manifest.get("creator", {})
    row.creator = _short(creator.get("name", ""))
    row.contact = _short(creator.get("contact", ""))
    check = manifest.get("check")
    if isinstance(check, dict) and isinstance(check.get("passed"), bool):
        row.claimed_passed = check["passed"]
    row.findings += _file_findings(manifest, entries, row)
    row.findings += _brief_findings(manifest, brief)
    if manifest.get("licence_accepted") is not True:
        row.findings.append(
            RowFinding("package.licence", "error", "the creator did not accept the licence")
        )
    _design_findings(entries, brief, row)
    row.status = "fail" if row.errors else "pass"
    return row


def _short(value: Any, limit: int = 200) -> str:
    """A stranger's text for the report: a string, at most ``limit`` characters."""
    text = value if isinstance(value, str) else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_manifest(blob: bytes | None) -> dict[str, Any]:
    """The manifest as a dict with the fields this module reads type-checked; ValueError."""
    if blob is None:
        raise ValueError("missing")
    if len(blob) > MAX_MANIFEST_BYTES:
        raise ValueError("larger than 1 MiB")
    try:
        raw = json.loads(blob)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"not valid JSON ({str(exc)[:120]})") from None
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    if "brief" in raw and not isinstance(raw["brief"], dict):
        raise ValueError("brief must be an object")
    creator = raw.get("creator", {})
    if isinstance(creator, str):  # a bare name
        creator = {"name": creator}
    if not isinstance(creator, dict):
        raise ValueError("creator must be an object")
    files = raw.get("files")
    if isinstance(files, dict):
        files = [{"path": k, "sha256": v} for k, v in files.items()]
    if not isinstance(files, list):
        raise ValueError("files must list {path, sha256} for every file")
    files = [_file_entry(f) for f in files]
    return {**raw, "creator": creator, "files": files, "licence_accepted": _licence_accepted(raw)}


def _file_entry(item: Any) -> dict[str, str]:
    """``{path|name, sha256|hash}``; a digest may carry a ``sha256:`` prefix."""
    if not isinstance(item, dict):
        raise ValueError("each file must be an object with path and sha256")
    path = item.get("path", item.get("name"))
    digest = item.get("sha256", item.get("hash"))
    if not isinstance(path, str) or not isinstance(digest, str):
        raise ValueError("each file needs a path and a sha256")
    return {"path": path, "sha256": digest.lower().removeprefix("sha256:")}


def _licence_accepted(raw: dict[str, Any]) -> bool:
    """``licence_accepted: true`` (also spelt ``license_accepted``, or ``licence.accepted``)."""
    for key in ("licence_accepted", "license_accepted"):
        if key in raw:
            return raw[key] is True
    for key in ("licence", "license"):
        section = raw.get(key)
        if isinstance(section, dict) and "accepted" in section:
            accepted = section["accepted"]
            # ``accepted`` may be a flag or the moment of acceptance (a timestamp string).
            return accepted is True or (isinstance(accepted, str) and bool(accepted.strip()))
    return False


def _file_findings(
    manifest: dict[str, Any], entries: dict[str, bytes], row: RowResult
) -> list[RowFinding]:
    out = []
    listed: set[str] = set()
    for item in manifest["files"]:
        try:
            name = check_member_name(item["path"])
        except ValueError as exc:
            out.append(RowFinding("package.path", "error", str(exc)))
            continue
        listed.add(name)
        data = entries.get(name)
        if data is None:
            out.append(RowFinding("package.missing", "error", f"{name!r} is listed but absent"))
            continue
        actual = hashlib.sha256(data).hexdigest()
        row.files.append((name, actual))
        if actual != item["sha256"]:
            out.append(RowFinding("package.hash", "error", f"{name!r} does not match its SHA-256"))
    for name in sorted(set(entries) - listed - {MANIFEST}):
        out.append(RowFinding("package.extra", "error", f"{name!r} is not in the manifest"))
    return out


def _brief_findings(manifest: dict[str, Any], brief: Brief) -> list[RowFinding]:
    named = manifest.get("brief", {})
    out = []
    if named.get("id") != brief.id:
        out.append(
            RowFinding(
                "package.brief", "error", f"answers brief {named.get('id')!r}, not {brief.id!r}"
            )
        )
    elif named.get("version") != brief.version:
        out.append(
            RowFinding(
                "package.brief",
                "error",
                f"made for version {named.get('version')!r}, the brief is version {brief.version}",
            )
        )
    elif brief.sha256 and named.get("sha256") != brief.sha256:
        out.append(
            RowFinding("package.brief", "error", "made for another file of this brief version")
        )
    return out


def find_design(entries: dict[str, bytes]) -> str | None:
    """The design entry: ``*.motif.svg`` first, then ``design.svg``; shallowest wins."""
    names = sorted(entries, key=lambda n: (n.count("/"), n))
    for name in names:
        if name.endswith(".motif.svg"):
            return name
    for name in names:
        if PurePosixPath(name).name == "design.svg":
            return name
    return None


def _design_findings(entries: dict[str, bytes], brief: Brief, row: RowResult) -> None:
    from studio.design import open_design

    name = find_design(entries)
    if name is None:
        row.findings.append(RowFinding("package.design", "error", "no design file in the package"))
        return
    with tempfile.TemporaryDirectory(prefix="motif-check-") as tmp:
        local = Path(tmp) / PurePosixPath(name).name
        local.write_bytes(entries[name])
        try:
            design = open_design(local, brief.dpi)
        except InputError as exc:
            row.findings.append(RowFinding("package.design", "error", f"{name}: {exc.problem}"))
            return
    design.path = name
    row.thumbnail_png = thumbnail(design.svg, design.width, design.height)
    run_preflight(design, brief, row)


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


def run_preflight(design: Any, brief: Brief, row: RowResult) -> None:
    """The brief's checks, with the same engine as ``motif-studio check``."""
    from studio.checks import run_checks

    report = run_checks(design, brief)
    row.preflight = "passed" if report.passed else "failed"
    for f in report.findings:
        row.findings.append(RowFinding(str(f.rule), str(f.severity), str(f.message)))
