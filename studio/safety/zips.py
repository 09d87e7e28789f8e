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
from studio.i18n import _


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
        raise ValueError(
            _("entry name {name} is not a plain relative path").format(name=repr(name))
        )
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("..", "") for part in path.parts) or ":" in path.parts[0]:
        raise ValueError(_("entry {name} points outside the package").format(name=repr(name)))
    return str(path)


def read_zip(source: Path, limits: ZipLimits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """All regular-file entries of ``source`` as ``{name: bytes}``, or InputError."""
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(source, _("not a readable zip file ({error})").format(error=exc)) from None
    out: dict[str, bytes] = {}
    total = 0
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            problem = _("{count} entries, more than the {limit} allowed")
            raise InputError(source, problem.format(count=len(infos), limit=limits.max_entries))
        for info in infos:
            if info.is_dir():
                continue
            try:
                name = check_member_name(info.filename)
            except ValueError as exc:
                raise InputError(source, str(exc)) from None
            mode = info.external_attr >> 16
            if mode and stat.S_ISLNK(mode):
                raise InputError(
                    source, _("entry {name} is a symbolic link").format(name=repr(name))
                )
            if info.file_size > limits.max_entry_bytes:
                problem = _("entry {name} is {size} bytes, too large")
                raise InputError(source, problem.format(name=repr(name), size=info.file_size))
            if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
                problem = _("entry {name} is compressed suspiciously well (zip bomb?)")
                raise InputError(source, problem.format(name=repr(name)))
            total += info.file_size
            if total > limits.max_total_bytes:
                raise InputError(source, _("the package unpacks to more than the size allowed"))
            if name in out:
                raise InputError(source, _("entry {name} appears twice").format(name=repr(name)))
            try:
                with archive.open(info) as handle:
                    data = handle.read(limits.max_entry_bytes + 1)
            except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
                problem = _("entry {name} cannot be read ({error})")
                raise InputError(source, problem.format(name=repr(name), error=exc)) from None
            if len(data) != info.file_size:
                problem = _("entry {name} does not match its declared size")
                raise InputError(source, problem.format(name=repr(name)))
            out[name] = data
    return out
