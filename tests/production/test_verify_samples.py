"""A package written by ``motif-studio package`` for each bundled sample verifies, singly and in
a folder, and the same tampering is caught by both (they share one verifier)."""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.brief import Brief, load_brief
from studio.cli.main import main
from studio.document.fileio import load_document, save_document
from studio.production.package import MANIFEST, sha256
from studio.samples import SAMPLES, sample_brief_path, sample_design_path

DESIGN = "sample-design.motif.svg"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """One real package per sample (packaging takes seconds, so once for the module), made
    in a temporary home like every other test."""
    out = tmp_path_factory.mktemp("packages")
    with pytest.MonkeyPatch.context() as mp:
        home = tmp_path_factory.mktemp("home")
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        mp.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        mp.setenv("MOTIF_STUDIO_LANG", "en")
        for name in SAMPLES:
            args = ["package", str(sample_design_path(name)), "--brief"]
            args += [str(sample_brief_path(name)), "-o", str(out / f"{name}.zip")]
            assert main([*args, "--name", "Ada", "--accept-licence"]) == 0
        yield {name: out / f"{name}.zip" for name in SAMPLES}


def rewrite(source: Path, target: Path, design: bytes, *, rehash: bool) -> Path:
    """``source`` with another design; ``rehash``: the manifest is updated to match, as a
    careful forger would, so that only the preflight can tell."""
    with zipfile.ZipFile(source) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    entries[DESIGN] = design
    if rehash:
        manifest = json.loads(entries[MANIFEST])
        manifest["files"][DESIGN]["sha256"] = sha256(design)
        entries[MANIFEST] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return target


def one_byte_changed(package: Path) -> bytes:
    data = bytearray(zipfile.ZipFile(package).read(DESIGN))
    last = data.rindex(b"</svg>") - 1
    assert data[last : last + 1] == b"\n"
    data[last] = ord(" ")  # still the same drawing: only the hash can tell
    return bytes(data)


def failing_design(name: str, tmp_path: Path) -> bytes:
    doc = load_document(sample_design_path(name))
    doc.width *= 1.5  # not the brief's canvas any more
    save_document(doc, tmp_path / DESIGN)
    return (tmp_path / DESIGN).read_bytes()


def newer_brief(name: str, tmp_path: Path) -> Path:
    """A copy of the sample brief (with its assets) at the next version."""
    folder = shutil.copytree(sample_brief_path(name).parent, tmp_path / "newer")
    path = folder / sample_brief_path(name).name
    data = json.loads(path.read_text())
    data["version"] += 1
    path.write_text(json.dumps(data))
    return path


def verify_json(package: Path, brief: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    """The error rules ``verify FILE.zip`` reports (its exit status must agree)."""
    code = main(["verify", str(package), "--brief", str(brief), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == (0 if report["verified"] else 1)
    return {f["rule"] for f in report["findings"] if f["severity"] == "error"}


def verify_folder(
    folder: Path, brief: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, tuple[str, set[str]]]:
    """``verify DIR``: each package's status and error rules, from the CSV report."""
    table = tmp_path / f"{folder.name}.csv"
    html = tmp_path / f"{folder.name}.html"
    args = ["verify", str(folder), "--brief", str(brief), "--csv", str(table)]
    code = main([*args, "--report", str(html), "--jobs", "2"])
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert code == (0 if all(r["status"] == "pass" for r in rows) else 1)
    assert f"{len(rows)} packages:" in capsys.readouterr().err
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    return {r["package"]: (r["status"], _rules(r["findings"])) for r in rows}


def _rules(cell: str) -> set[str]:
    """The error rule ids in a CSV findings cell (``error rule: message | ...``)."""
    import re

    return set(re.findall(r"(?:^| \| )error (\S+?):", cell))


@pytest.mark.parametrize("name", list(SAMPLES))
def test_real_packages_verify_and_tampering_is_caught_both_ways(
    name: str,
    packages: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    brief_path = sample_brief_path(name)
    brief: Brief = load_brief(brief_path)
    good = packages[name]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(good, inbox / "1-good.zip")
    rewrite(good, inbox / "2-byte.zip", one_byte_changed(good), rehash=False)
    rewrite(good, inbox / "3-fails.zip", failing_design(name, tmp_path), rehash=True)

    single = {p.name: verify_json(p, brief_path, capsys) for p in sorted(inbox.iterdir())}
    assert single == {
        "1-good.zip": set(),
        "2-byte.zip": {"package.hash"},
        "3-fails.zip": {"canvas.size"},
    }
    bulk = verify_folder(inbox, brief_path, tmp_path, capsys)
    assert bulk == {
        "1-good.zip": ("pass", set()),
        "2-byte.zip": ("fail", {"package.hash"}),
        "3-fails.zip": ("fail", {"canvas.size"}),
    }

    newer = newer_brief(name, tmp_path)
    assert load_brief(newer).version == brief.version + 1
    assert verify_json(good, newer, capsys) == {"package.brief"}
    only_good = tmp_path / "only-good"
    only_good.mkdir()
    shutil.copy(good, only_good / "1-good.zip")
    assert verify_folder(only_good, newer, tmp_path, capsys) == {
        "1-good.zip": ("fail", {"package.brief"})
    }
