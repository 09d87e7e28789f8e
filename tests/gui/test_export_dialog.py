"""The export dialog: every output of the sample tee brief written at its exact size, plate and
proof previews, a Cancel during separations that stops the worker and writes nothing, and the
ad set previewed through its variants."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from studio.brief import load_brief
from studio.document.fileio import load_document
from studio.gui import export_dialog, worker
from studio.gui.export_dialog import ExportDialog
from studio.gui.settings_store import Store

WAIT_MS = 60_000


_open: list[ExportDialog] = []


def _dialog(qtbot: QtBot, brief: Any, design: Path, folder: Path) -> ExportDialog:
    dialog = ExportDialog(load_document(design), brief)
    qtbot.addWidget(dialog)
    _open.append(dialog)
    dialog.folder.setText(str(folder))
    dialog.show()
    return dialog


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture(autouse=True)
def _no_task_left(qtbot: QtBot):
    yield
    while _open:
        _open.pop().close()  # closing cancels what still runs
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)


def test_export_writes_every_output_at_its_size_and_offers_the_folder(
    qtbot: QtBot, tmp_path: Path, fraise_brief_path: Path, fraise_design_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    brief = load_brief(fraise_brief_path)
    out = tmp_path / "out"
    dialog = _dialog(qtbot, brief, fraise_design_path, out)
    qtbot.waitUntil(lambda: len(dialog.plate_tiles) > 0, timeout=WAIT_MS)
    captions = [t.caption.text() for t in dialog.plate_tiles]
    assert captions[0] == "1 · White underbase"  # on the default black tee
    assert captions[-1] == "Composite proof on Black"
    assert all(not t.picture.pixmap().isNull() for t in dialog.plate_tiles)
    assert not dialog.open_button.isVisible()
    dialog.export_button.click()
    assert dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT_MS)
    assert sorted(p.name for p in out.iterdir()) == ["films.pdf", "print.png", "vector.pdf"]
    with Image.open(out / "print.png") as im:
        assert im.size == (3600, 4800)
    assert (out / "vector.pdf").read_bytes().startswith(b"%PDF")
    assert _pages((out / "films.pdf").read_bytes()) == len(captions)  # a film per plate + proof
    assert dialog.status.text().startswith("3 files written to")
    assert dialog.open_button.isVisible()
    opened: list[str] = []
    monkeypatch.setattr(export_dialog.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)  # fmt: skip
    dialog.open_button.click()
    assert opened == [str(out)]


def test_changing_the_garment_remakes_the_plate_previews(
    qtbot: QtBot, tmp_path: Path, fraise_brief_path: Path, fraise_design_path: Path
) -> None:
    dialog = _dialog(qtbot, load_brief(fraise_brief_path), fraise_design_path, tmp_path)
    qtbot.waitUntil(lambda: len(dialog.plate_tiles) > 0, timeout=WAIT_MS)
    dialog.garment.setCurrentIndex(dialog.garment.findData("White"))
    qtbot.waitUntil(
        lambda: dialog.plate_tiles[-1].caption.text() == "Composite proof on White", timeout=WAIT_MS
    )
    assert all("underbase" not in t.caption.text() for t in dialog.plate_tiles)


def test_cancel_during_separations_stops_the_worker_and_writes_nothing(
    qtbot: QtBot, tmp_path: Path, fraise_brief_path: Path, fraise_design_path: Path
) -> None:
    full = load_brief(fraise_brief_path)
    brief = replace(full, outputs=tuple(o for o in full.outputs if o.format == "separations"))
    out = tmp_path / "out"
    dialog = _dialog(qtbot, brief, fraise_design_path, out)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "making plates", timeout=WAIT_MS)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT_MS)
    assert dialog.task is not None and dialog.task.done
    assert dialog.status.text() == "Export cancelled: nothing was written."
    assert not out.exists() or list(out.rglob("*")) == []
    assert dialog.export_button.isEnabled() and not dialog.open_button.isVisible()


def test_an_ad_brief_previews_each_size_through_its_variant(
    qtbot: QtBot, tmp_path: Path, samples_dir: Path
) -> None:
    folder = samples_dir / "display-ad"
    brief = load_brief(folder / "display-ad.brief.json")
    dialog = _dialog(qtbot, brief, folder / "sample-design.motif.svg", tmp_path)
    assert not hasattr(dialog, "garment")  # no separations for an ad
    tiles = dialog.output_tiles
    assert list(tiles) == [o.id for o in brief.outputs]
    qtbot.waitUntil(lambda: all(not t.picture.pixmap().isNull() for t in tiles.values()),
                    timeout=WAIT_MS)  # fmt: skip
    for output in brief.outputs:
        pixmap = tiles[output.id].picture.pixmap()
        assert pixmap.width() / pixmap.height() == pytest.approx(
            output.width_px / output.height_px, rel=0.05
        )
    assert "at most 150 kB" in tiles["leaderboard"].caption.text()


def test_the_output_folder_starts_at_the_export_folder_setting_which_export_keeps(
    qtbot: QtBot, tmp_path: Path, fraise_brief_path: Path, fraise_design_path: Path
) -> None:
    full = load_brief(fraise_brief_path)
    outputs = tuple(replace(o, dpi=30.0, width_px=360, height_px=480) for o in full.outputs)
    brief = replace(full, outputs=tuple(o for o in outputs if o.format == "png"))
    settings = Store()

    def opened() -> ExportDialog:
        dialog = ExportDialog(load_document(fraise_design_path), brief)
        qtbot.addWidget(dialog)
        _open.append(dialog)
        dialog.show()
        return dialog

    unset = opened()
    assert unset.folder.text() == str(Path.home() / "Motif Studio exports" / brief.id)
    chosen = tmp_path / "my exports"
    settings.set("export/folder", str(chosen))  # as Preferences stores it
    dialog = opened()
    assert dialog.folder.text() == str(chosen)
    elsewhere = tmp_path / "just this once"
    dialog.folder.setText(str(elsewhere))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT_MS)
    assert [p.name for p in elsewhere.iterdir()] == ["print.png"]
    # The setting is where exports start, not the last folder used: the user's choice stays.
    assert settings.get("export/folder") == chosen
    assert opened().folder.text() == str(chosen)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=WAIT_MS)  # its previews, before teardown
