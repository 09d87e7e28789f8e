"""What the welcome page says about a recent file: its title and its folder, read cheaply.

Two designs are often both called ``sample-design.motif.svg``; the document's title (or the
brief's) and the folder it lives in tell them apart. Only the start of each file is read, so a
list of ten recent files costs nothing at startup.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD_BYTES = 64 * 1024
MAX_BRIEF_JSON = 4 * 1024 * 1024
_TITLE = re.compile(rb"<title>([^<]{1,300})</title>")


@dataclass(frozen=True)
class RecentEntry:
    path: Path
    title: str
    folder: str
    exists: bool

    @property
    def name(self) -> str:
        return self.path.name


def short_folder(folder: Path) -> str:
    """``/home/ada/Designs/fraise`` -> ``~/Designs/fraise``."""
    try:
        return "~/" + str(folder.relative_to(Path.home())) if folder != Path.home() else "~"
    except ValueError:
        return str(folder)


def read_title(path: Path) -> str:
    """The document's or the brief's title; empty when the file has none (or cannot be read)."""
    try:
        if path.name.endswith(".brief.json"):
            if path.stat().st_size > MAX_BRIEF_JSON:
                return ""
            return _brief_title(path.read_bytes())
        if path.name.endswith(".brief"):
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo("brief.json")
                if info.file_size > MAX_BRIEF_JSON:
                    return ""
                return _brief_title(archive.read(info))
        with path.open("rb") as handle:
            match = _TITLE.search(handle.read(HEAD_BYTES))
        return html.unescape(match.group(1).decode("utf-8", "replace")).strip() if match else ""
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""


def _brief_title(data: bytes) -> str:
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return ""
    title = raw.get("title") if isinstance(raw, dict) else None
    return " ".join(title.split()) if isinstance(title, str) else ""


def recent_entry(path: str | Path) -> RecentEntry:
    p = Path(path)
    exists = p.is_file()
    title = read_title(p) if exists else ""
    return RecentEntry(p, title or p.name, short_folder(p.parent), exists)
