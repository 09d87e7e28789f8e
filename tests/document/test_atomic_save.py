"""Saves are atomic: a failure mid-write (a full disk) leaves the old file whole."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from studio.document.fileio import load_document, save_document
from studio.document.model import Document, Layer, Rect


def _doc(n: int) -> Document:
    doc = Document(width=100, height=100)
    doc.layers.append(Layer("Artwork", elements=[Rect(x=i, y=i) for i in range(n)]))
    return doc


def test_full_disk_keeps_the_previous_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "d.motif.svg"
    save_document(_doc(1), target)
    before = target.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        save_document(_doc(50), target)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["d.motif.svg"]
    assert len(load_document(target).layers[0].elements) == 1


def test_save_keeps_file_permissions(tmp_path: Path) -> None:
    target = tmp_path / "d.motif.svg"
    save_document(_doc(1), target)
    os.chmod(target, 0o640)
    save_document(_doc(2), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_newer_format_is_refused_clearly(tmp_path: Path) -> None:
    from studio.errors import InputError

    target = tmp_path / "d.motif.svg"
    save_document(_doc(1), target)
    target.write_text(target.read_text().replace('motif:version="1"', 'motif:version="7"'))
    with pytest.raises(InputError, match="newer Motif Studio"):
        load_document(target)
