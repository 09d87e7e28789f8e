"""The submission package: manifest hashes, refusals, and ``verify`` catching what a brand must."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from production_helpers import RED, flat_doc, rect

from studio.brief import Brief
from studio.cli.main import main
from studio.design import Design
from studio.document.fileio import save_document
from studio.document.model import GradientStop, LinearGradient, Rect, Style


@pytest.fixture
def design_file(tmp_path: Path, three_inks: tuple[Brief, Design]) -> tuple[Brief, Path]:
    brief, design = three_inks
    assert design.document is not None
    path = tmp_path / "entry.motif.svg"
    save_document(design.document, path)
    return brief, path


def package(brief: Brief, design: Path, out: Path, *extra: str) -> int:
    return main(
        [
            "package",
            str(design),
            "--brief",
            brief.source,
            "-o",
            str(out),
            "--name",
            "Ana Creator",
            "--contact",
            "ana@example.org",
            *extra,
        ]
    )


def test_manifest_records_every_hash_the_brief_and_the_licence(
    tmp_path: Path, design_file: tuple[Brief, Path]
) -> None:
    brief, design = design_file
    out = tmp_path / "sub.zip"
    assert package(brief, design, out, "--accept-licence") == 0
    with zipfile.ZipFile(out) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(entries.pop("manifest.json"))
    assert set(entries) == {"deliverables/print.png", "deliverables/films.pdf", "entry.motif.svg"}
    for name, data in entries.items():
        assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()
    assert entries["entry.motif.svg"] == design.read_bytes()
    assert manifest["brief"] == {"id": "test.tee", "version": 1, "sha256": brief.sha256}
    assert manifest["creator"] == {"name": "Ana Creator", "contact": "ana@example.org"}
    assert manifest["check"]["passed"] is True and manifest["override"]["used"] is False
    assert "All rights to the brand." in manifest["licence"]["text"]
    datetime.fromisoformat(manifest["licence"]["accepted_at"])
    assert main(["verify", str(out), "--brief", brief.source]) == 0


def test_refuses_without_the_licence(
    tmp_path: Path, design_file: tuple[Brief, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    brief, design = design_file
    assert package(brief, design, tmp_path / "sub.zip") == 1
    assert "licence" in capsys.readouterr().err
    assert not (tmp_path / "sub.zip").exists()


def test_a_failing_design_needs_an_override_and_verify_still_fails_it(
    tmp_path: Path, make_brief: Callable[..., Brief], capsys: pytest.CaptureFixture[str]
) -> None:
    brief = make_brief()
    sky = LinearGradient([GradientStop(0, RED), GradientStop(1, "#2a7f3f")])
    doc = flat_doc(
        brief,
        [rect(2, 2, 10, 10, RED), Rect(x=15, y=2, width=10, height=10, style=Style(fill=sky))],
    )
    design = tmp_path / "bad.motif.svg"
    save_document(doc, design)
    out = tmp_path / "sub.zip"
    assert package(brief, design, out, "--accept-licence") == 1
    assert "inks.gradient" in capsys.readouterr().err and not out.exists()
    assert package(brief, design, out, "--accept-licence", "--override") == 0
    manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
    assert manifest["override"]["used"] is True and manifest["check"]["passed"] is False
    capsys.readouterr()
    assert main(["verify", str(out), "--brief", brief.source]) == 1
    assert "inks.gradient" in capsys.readouterr().out


def test_verify_catches_a_tampered_file_and_another_brief_version(
    tmp_path: Path,
    design_file: tuple[Brief, Path],
    make_brief: Callable[..., Brief],
    capsys: pytest.CaptureFixture[str],
) -> None:
    brief, design = design_file
    out = tmp_path / "sub.zip"
    assert package(brief, design, out, "--accept-licence") == 0
    newer = make_brief(version=2)
    capsys.readouterr()
    assert main(["verify", str(out), "--brief", newer.source, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["verified"] is False
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("package.brief", "error")]
    assert "made for version 1 of the brief, this is version 2" in report["findings"][0]["message"]
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data + b"x" if name == "deliverables/print.png" else data)
    assert main(["verify", str(tampered), "--brief", brief.source]) == 1
    out = capsys.readouterr().out
    assert "error: package.hash: 'deliverables/print.png': SHA-256 differs" in out
    assert "NOT verified (1 error)" in out
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    assert main(["verify", str(tmp_path / "junk.zip")]) == 2
    assert "not a readable zip file" in capsys.readouterr().err
    assert main(["verify", str(tampered), "--report", str(tmp_path / "r.html")]) == 2
    assert "for a folder of packages" in capsys.readouterr().err
