"""Re-checking a submission package as a brand would: the one verifier of the package format.

``motif-studio verify FILE.zip`` and the bulk re-check of a folder (``studio.brands``) both call
:func:`verify_package`, so a package means the same thing to both. Packages come from
strangers: the file and every entry are read in memory under limits (``read_zip`` with
:data:`SUBMISSION_LIMITS`), the manifest is bounded and read field by field, and no content
makes this module raise: each problem is a :class:`~studio.checks.Finding` with a ``package.*``
rule id (or the preflight's own brief-format rule ids for the design).

``readable`` is false only when nothing can be checked (not a zip, a hostile zip, no usable
manifest); everything else is a finding on a readable package.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.brief.model import Brief
from studio.checks import Finding
from studio.design import Design, open_design
from studio.errors import InputError
from studio.production.checking import CheckReport, run_preflight
from studio.production.package import MANIFEST, PACKAGE_FORMAT, Creator, sha256
from studio.safety.zips import ZipLimits, read_zip

DESIGN_SUFFIXES = (".motif.svg", ".svg", ".png", ".jpg", ".jpeg")
SUBMISSION_LIMITS = ZipLimits(
    max_entries=128, max_entry_bytes=200 * 1024 * 1024, max_total_bytes=512 * 1024 * 1024
)
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_PACKAGE_BYTES = 600 * 1024 * 1024
MAX_TEXT = 200  # characters of a stranger's text kept for messages and reports


def problem(rule: str, message: str) -> Finding:
    return Finding(rule, "error", message)


class Unusable(Exception):
    """The package cannot be checked at all; ``finding`` says why."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.finding = problem(rule, message)


@dataclass
class Verification:
    """What verifying one package found. ``files`` maps each listed entry that is present to
    its actual SHA-256; ``design`` is the opened design (when a brief was given)."""

    findings: list[Finding] = field(default_factory=list)
    check: CheckReport | None = None
    manifest: dict[str, Any] = field(default_factory=dict)
    readable: bool = True
    package_sha256: str = ""
    files: dict[str, str] = field(default_factory=dict)
    creator: Creator = field(default_factory=lambda: Creator(""))
    design: Design | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.readable and not self.errors

    @property
    def claimed_passed(self) -> bool | None:
        """What the manifest says the creator's own check found (``None``: not said)."""
        check = self.manifest.get("check")
        passed = check.get("passed") if isinstance(check, dict) else None
        return passed if isinstance(passed, bool) else None


def verify_package(path: str | Path, brief: Brief | None = None) -> Verification:
    """Verify the package at ``path`` (against ``brief`` when given: its identity, and the
    full preflight on the included design). Never raises for the package's content."""
    source = Path(path)
    result = Verification()
    try:
        result.package_sha256 = _file_digest(source)
        entries = _read_entries(source)
        result.manifest = parse_manifest(entries.get(MANIFEST))
    except Unusable as exc:
        result.readable = False
        result.findings.append(exc.finding)
        return result
    manifest = result.manifest
    result.creator = _creator(manifest.get("creator"), result)
    _check_files(manifest["files"], entries, result)
    _check_licence(manifest.get("licence"), result)
    if brief is not None:
        _check_brief(manifest.get("brief"), brief, result)
        _check_design(entries, brief, result)
    return result


def _file_digest(source: Path) -> str:
    try:
        size = source.stat().st_size
        if size > MAX_PACKAGE_BYTES:
            raise Unusable("package.unreadable", f"{size} bytes, larger than a submission may be")
        with source.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise Unusable("package.unreadable", f"cannot be read ({exc.strerror})") from None


def _read_entries(source: Path) -> dict[str, bytes]:
    try:
        return read_zip(source, SUBMISSION_LIMITS)
    except InputError as exc:
        raise Unusable("package.unreadable", exc.problem) from None


def parse_manifest(blob: bytes | None) -> dict[str, Any]:
    """The manifest object, with ``files`` a dict; :class:`Unusable` if it cannot be used."""

    def unusable(why: str) -> Unusable:
        return Unusable("package.manifest", f"manifest.json: {why}")

    if blob is None:
        raise unusable("missing, so this is not a submission package")
    if len(blob) > MAX_MANIFEST_BYTES:
        raise unusable("larger than 1 MiB")
    try:
        manifest = json.loads(blob)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise unusable(f"not valid JSON ({str(exc)[:120]})") from None
    if not isinstance(manifest, dict):
        raise unusable("not a JSON object")
    if manifest.get("format") != PACKAGE_FORMAT:
        raise unusable(f"not a {PACKAGE_FORMAT} manifest (format {_show(manifest.get('format'))})")
    if not isinstance(manifest.get("files"), dict):
        raise unusable("files must be an object {name: {sha256}}")
    return manifest


def _show(value: Any) -> str:
    """A stranger's value quoted for a message: escaped and bounded."""
    text = repr(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _text(value: Any) -> str:
    text = value if isinstance(value, str) else ""
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _creator(claimed: Any, result: Verification) -> Creator:
    if isinstance(claimed, dict):
        return Creator(_text(claimed.get("name")), _text(claimed.get("contact")))
    if claimed is not None:
        result.findings.append(
            problem("package.manifest", "manifest.json: creator must be an object")
        )
    return Creator("")


def _check_files(listed: dict[str, Any], entries: dict[str, bytes], result: Verification) -> None:
    for name, entry in listed.items():
        data = entries.get(name)
        if data is None:
            result.findings.append(
                problem("package.missing", f"{_show(name)} is listed in the manifest but missing")
            )
            continue
        actual = sha256(data)
        result.files[name] = actual
        claimed = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(claimed, str):
            result.findings.append(
                problem("package.manifest", f"manifest.json: {_show(name)} has no sha256")
            )
        elif claimed.lower() != actual:
            result.findings.append(
                problem("package.hash", f"{_show(name)}: SHA-256 differs from the manifest")
            )
    for name in sorted(set(entries) - set(listed) - {MANIFEST}):
        result.findings.append(
            problem("package.unlisted", f"{_show(name)} is not listed in the manifest")
        )


def _check_licence(licence: Any, result: Verification) -> None:
    if licence is not None and not isinstance(licence, dict):
        result.findings.append(
            problem("package.manifest", "manifest.json: licence must be an object")
        )
    elif not (isinstance(licence, dict) and licence.get("accepted") is True):
        result.findings.append(problem("package.licence", "the creator did not accept the licence"))


def _check_brief(claimed: Any, brief: Brief, result: Verification) -> None:
    if not isinstance(claimed, dict):
        result.findings.append(
            problem("package.manifest", "manifest.json: brief must be an object {id, version}")
        )
        return
    if claimed.get("id") != brief.id:
        message = f"made for brief {_show(claimed.get('id'))}, not {brief.id!r}"
    elif claimed.get("version") != brief.version:
        message = (
            f"made for version {_show(claimed.get('version'))} of the brief, this is version "
            f"{brief.version}"
        )
    elif claimed.get("sha256") != brief.sha256:
        message = "made for a different copy of this brief version (SHA-256 differs)"
    else:
        return
    result.findings.append(problem("package.brief", message))


def find_design(names: list[str]) -> str | None:
    """The design entry: a top-level ``*.motif.svg`` first, then any top-level design file."""
    top = sorted(n for n in names if "/" not in n and n.lower().endswith(DESIGN_SUFFIXES))
    return next((n for n in top if n.endswith(".motif.svg")), top[0] if top else None)


def _check_design(entries: dict[str, bytes], brief: Brief, result: Verification) -> None:
    name = find_design(list(result.files))
    if name is None:
        result.findings.append(problem("package.design", "the package holds no design file"))
        return
    with tempfile.TemporaryDirectory(prefix="motif-verify-") as tmp:
        # Not the stranger's name (length, characters): only the suffix that says the type.
        suffix = next(s for s in DESIGN_SUFFIXES if name.lower().endswith(s))
        local = Path(tmp) / f"design{suffix}"
        local.write_bytes(entries[name])
        try:
            design = open_design(local, brief.dpi)
        except InputError as exc:
            result.findings.append(
                problem("package.design", f"{_show(name)} cannot be opened: {exc.problem}")
            )
            return
    design.path = name
    result.design = design
    result.check = run_preflight(design, brief)
    result.findings.extend(result.check.findings)
