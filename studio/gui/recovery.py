"""Never losing work: recovery files written while there are unsaved changes (every 30 s and
after 2 s of calm following an edit), removed on a clean exit, offered back on the next start.

A recovery file is a normal design file plus a small JSON note (the original path, when), and
a lock file held while its session runs: a second window of the app started meanwhile must not
offer (and take away) the work of one still open. Qt's lock file knows a lock whose process is
gone, so a crash or a kill leaves the files offered."""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

from studio.document.fileio import save_document
from studio.fsutil import atomic_write
from studio.gui.controller import Controller


def recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


@dataclass
class Entry:
    design: Path
    original: str
    saved_at: float

    @property
    def note(self) -> Path:
        return self.design.with_suffix(".json")

    def discard(self) -> None:
        for path in (self.design, self.note, lock_path(self.design)):
            with contextlib.suppress(OSError):
                path.unlink()


def lock_path(design: Path) -> Path:
    return design.with_suffix(".lock")


def session_lock(design: Path) -> QLockFile:
    lock = QLockFile(str(lock_path(design)))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however old
    return lock


def _still_running(design: Path) -> bool:
    """Whether another live session holds ``design``'s lock."""
    if not lock_path(design).exists():
        return False  # written before locks, or by a session that died before locking
    probe = session_lock(design)
    if not probe.tryLock(0):
        return True
    probe.unlock()  # the owner is gone: Qt removed its stale lock, we drop ours
    return False


def pending() -> list[Entry]:
    """Recovery files left by sessions that did not end cleanly, newest first (not those of
    sessions still running, in this process or another)."""
    folder = recovery_dir()
    out = []
    for note in folder.glob("*.json") if folder.is_dir() else []:
        try:
            meta = json.loads(note.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        design = note.with_suffix(".svg")
        if design.is_file() and meta.get("pid") != os.getpid() and not _still_running(design):
            out.append(Entry(design, str(meta.get("original", "")), float(meta.get("at", 0))))
    return sorted(out, key=lambda e: e.saved_at, reverse=True)


def write_entry(ctrl: Controller, design: Path) -> None:
    design.parent.mkdir(parents=True, exist_ok=True)
    save_document(ctrl.doc, design)
    note = {"original": str(ctrl.path or ""), "at": time.time(), "pid": os.getpid()}
    atomic_write(design.with_suffix(".json"), json.dumps(note).encode())


class Autosaver(QObject):
    """Writes this session's recovery file while the document has unsaved changes."""

    def __init__(self, ctrl: Controller, interval_s: float = 30, idle_s: float = 2) -> None:
        super().__init__(ctrl)
        self.ctrl = ctrl
        # os.urandom, not uuid: importing uuid imports platform (~15 ms at every start).
        self.design = recovery_dir() / f"session-{os.urandom(4).hex()}.svg"
        self.lock = session_lock(self.design)
        self.periodic = QTimer(self, interval=int(interval_s * 1000))
        self.periodic.timeout.connect(self.save_now)
        self.periodic.start()
        self.idle = QTimer(self, singleShot=True, interval=int(idle_s * 1000))
        self.idle.timeout.connect(self.save_now)
        ctrl.stack.indexChanged.connect(lambda _: self.idle.start())
        ctrl.stack.cleanChanged.connect(self._clean_changed)

    def save_now(self) -> bool:
        if not self.ctrl.has_document or not self.ctrl.dirty:
            return False
        if not self.lock.isLocked():
            self.design.parent.mkdir(parents=True, exist_ok=True)
            self.lock.tryLock(0)  # first write: this session's file is taken
        write_entry(self.ctrl, self.design)
        return True

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()

    def discard(self) -> None:
        if self.lock.isLocked():
            self.lock.unlock()
        Entry(self.design, "", 0).discard()

    def stop(self) -> None:
        self.periodic.stop()
        self.idle.stop()
        self.discard()
