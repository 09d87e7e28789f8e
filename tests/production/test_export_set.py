"""Exporting a brief's outputs with the creator's separation options (no Qt), and the settings a
brief's target is sent with."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from studio.brief import load_brief
from studio.document.fileio import load_document
from studio.outbox.targets import Target, brief_targets, target_settings
from studio.production.export_set import ExportChoice, export_outputs, write_outputs
from studio.production.longwork import Cancelled
from studio.production.separations import SeparationOptions


def _fast(brief_path: Path):  # the sample tee brief at 30 dpi
    brief = load_brief(brief_path)
    outs = tuple(replace(o, dpi=30.0, width_px=360, height_px=480) for o in brief.outputs)
    return replace(brief, outputs=outs)


def test_png_plates_follow_the_chosen_garment(
    fraise_brief_path: Path, fraise_design_path: Path, tmp_path: Path
) -> None:
    brief, doc = _fast(fraise_brief_path), load_document(fraise_design_path)
    on_white = ExportChoice(SeparationOptions(garment="White"), plates_as_png=True)
    files, findings = export_outputs(doc, brief, on_white)
    assert findings == []
    plates = sorted(n for n in files if n.startswith("films/"))
    assert plates[-1] == "films/proof.png" and len(plates) == 4  # 3 inks, no underbase on white
    assert not any("underbase" in n for n in plates)
    films_only = replace(brief, outputs=brief.outputs[-1:])
    on_black = export_outputs(doc, films_only, replace(on_white, separations=SeparationOptions()))[
        0
    ]
    assert "films/plate-01-white-underbase.png" in on_black
    written = write_outputs(files, tmp_path)
    with Image.open(tmp_path / "print.png") as im:
        assert im.size == (360, 480)
    assert len(written) == len(files)


def test_a_cancelled_write_writes_nothing(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        write_outputs({"a.png": b"x", "b/c.png": b"y"}, tmp_path / "out", stop)
    assert not (tmp_path / "out").exists()


def test_target_settings_expand_home_and_the_creators_settings_win(
    fraise_brief_path: Path,
) -> None:
    (target,) = brief_targets(load_brief(fraise_brief_path))
    assert target.connector == "folder"
    expanded = target_settings(Target("folder", {"folder": "~/drop", "n": 1}), {})
    assert expanded == {"folder": str(Path.home() / "drop"), "n": 1}
    assert target_settings(Target("folder", {"folder": "~/drop"}), {"folder": "/mnt/usb"}) == {
        "folder": "/mnt/usb"
    }
