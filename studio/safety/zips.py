"""Reading zip files from strangers (brief packages, submission packages).

Nothing is extracted to disk: entries are read into memory under hard limits on count, size and
compression ratio, and only names that stay inside the archive are accepted.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from studio.errors import InputError


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 512
    max_entry_bytes: int = 200 * 1024 * 1024
    max_total_bytes: int = 512 * 1024 * 1024
    max_ratio: float = 200.0


DEFAULT_LIMITS = ZipLimits()


def check_member_name(name: str) -> str:
    """Return the normalised name, or raise ValueError if it could escape the archive."""
    if not name or "\\" in name or "\x00" in name:
        raise ValueError(f"entry name {name!r} is not a plain relative path")
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("..", "") for part in path.parts) or ":" in path.parts[0]:
        raise ValueError(f"entry {name!r} points outside the package")
    return str(path)


def read_zip(source: Path, limits: ZipLimits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """All regular-file entries of ``source`` as ``{name: bytes}``, or InputError."""
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(source, f"not a readable zip file ({exc})") from None
    out: dict[str, bytes] = {}
    total = 0
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise InputError(
                source, f"{len(infos)} entries, more than the {limits.max_entries} allowed"
            )
        for info in infos:
            if info.is_dir():
                continue
            try:
                name = check_member_name(info.filename)
            except ValueError as exc:
                raise InputError(source, str(exc)) from None
            mode = info.external_attr >> 16
            if mode and stat.S_ISLNK(mode):
                raise InputError(source, f"entry {name!r} is a symbolic link")
            if info.file_size > limits.max_entry_bytes:
                raise InputError(source, f"entry {name!r} is {info.file_size} bytes, too large")
            if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
                raise InputError(
                    source, f"entry {name!r} is compressed suspiciously well (zip bomb?)"
                )
            total += info.file_size
            if total > limits.max_total_bytes:
                raise InputError(source, "the package unpacks to more than the size allowed")
            if name in out:
                raise InputError(source, f"entry {name!r} appears twice")
            try:
                with archive.open(info) as handle:
                    data = handle.read(limits.max_entry_bytes + 1)
            except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
                raise InputError(source, f"entry {name!r} cannot be read ({exc})") from None
            if len(data) != info.file_size:
                raise InputError(source, f"entry {name!r} does not match its declared size")
            out[name] = data
    return out
