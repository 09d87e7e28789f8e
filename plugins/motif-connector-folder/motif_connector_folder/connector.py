"""Copy a package into a folder atomically: a temporary file in the target folder, fsync, then
os.replace, so a reader of the folder never sees half a package, even after a crash."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from studio.connectors.api import (
    Manifest,
    Problem,
    Rejected,
    Submission,
    UploadContext,
    UploadResult,
    size_problems,
)

BLOCK = 1 << 20


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()


class FolderConnector:
    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Problem]:
        problems = size_problems(self.manifest, submission)
        if not Path(settings.get("folder", "")).is_absolute():
            problems.append(Problem("the folder must be an absolute path", "folder"))
        return problems

    def upload(
        self, submission: Submission, settings: dict[str, Any], context: UploadContext
    ) -> UploadResult:
        folder = Path(settings["folder"])
        if not folder.is_dir():
            raise Rejected(f"the folder {folder} does not exist")
        target = self._target(folder, submission)
        if target.exists():  # an earlier attempt finished: idempotent re-run
            context.report_progress(submission.size, submission.size)
            return UploadResult(str(target), target.as_uri())
        handle, temp_name = tempfile.mkstemp(prefix=".motif-", suffix=".part", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out, context.file_body(submission.path) as body:
                while block := body.read(BLOCK):
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        context.report_progress(submission.size, submission.size)
        return UploadResult(str(target), target.as_uri())

    def _target(self, folder: Path, submission: Submission) -> Path:
        """The file name, or name-HASH.zip when a different package already has that name."""
        plain = folder / submission.file_name
        if not plain.exists() or _sha256(plain) == submission.sha256:
            return plain
        stem, suffix = os.path.splitext(submission.file_name)
        return folder / f"{stem}-{submission.sha256[:12]}{suffix}"
