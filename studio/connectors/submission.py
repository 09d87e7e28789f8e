"""What gets uploaded: a submission package (a zip) plus the metadata connectors need."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from studio.errors import InputError
from studio.i18n import _


@dataclass(frozen=True)
class Submission:
    """A finished package answering one brief version; size and sha256 are of the zip file."""

    path: Path
    brief_id: str
    brief_version: str
    file_name: str
    size: int
    sha256: str
    format: str = "zip"

    @classmethod
    def from_package(cls, path: Path, brief_id: str = "", brief_version: str = "") -> Submission:
        """Describe the package at ``path``; hashing streams, so size does not matter."""
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while block := handle.read(1 << 20):
                    digest.update(block)
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(
                path, _("cannot read the package: {error}").format(error=exc.strerror or exc)
            ) from None
        return cls(Path(path), brief_id, brief_version, path.name, size, digest.hexdigest())
