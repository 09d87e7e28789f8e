"""Bulk re-check: good, broken and hostile packages mixed; one row each, never a crash."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from brand_samples import build_submission, manifest_for, tiny_png, write_zip

from studio.brands.bulk import bulk_verify
from studio.brands.report import csv_report, html_report
from studio.brands.results import RowResult
from studio.brief import Brief, load_brief
from studio.cli.main import main
from studio.production.package import zip_package

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def brief(fraise_brief_path: Path) -> Brief:
    return load_brief(fraise_brief_path)


@pytest.fixture
def design(fraise_design_path: Path) -> bytes:
    return fraise_design_path.read_bytes()


@pytest.fixture
def inbox(tmp_path: Path, brief: Brief, design: bytes) -> Path:
    """Two good packages and one of each kind of broken or hostile package."""
    box = tmp_path / "inbox"
    box.mkdir()
    build_submission(box / "01-good.zip", brief, design, "Ada")
    build_submission(box / "02-good.zip", brief, design, '=HYPERLINK("http://x")')
    (box / "03-not-a-zip.zip").write_bytes(b"hello, I am a text file")
    write_zip(box / "04-traversal.zip", {"../../evil.txt": b"x", "manifest.json": b"{}"})
    write_zip(box / "05-bad-json.zip", {"manifest.json": b"{'files': ", "design.svg": design})
    files = {"design.motif.svg": design, "deliverables/print.png": tiny_png()}
    manifest = manifest_for(brief, files, HOSTILE)
    files["design.motif.svg"] = design.replace(b"#d62839", b"#d62830")  # after hashing
    (box / "06-hash.zip").write_bytes(zip_package(files, manifest))
    build_submission(
        box / "07-old-version.zip",
        brief,
        design,
        manifest_extra={"brief": {"id": brief.id, "version": 0, "sha256": brief.sha256}},
    )
    build_submission(box / "08-garbage-svg.zip", brief, b"<svg><<<", design_name="design.svg")
    build_submission(
        box / "09-no-licence.zip", brief, design, manifest_extra={"licence": {"accepted": False}}
    )
    files = {"design.motif.svg": design}
    entries = {"manifest.json": json.dumps(manifest_for(brief, files)).encode(), **files}
    write_zip(box / "10-extra.zip", {**entries, "sneaky.exe": b"MZ"})
    # Right format, wrong JSON types everywhere: findings, not a crash.
    odd = {**manifest_for(brief, files), "creator": ["Ada"], "brief": 7, "licence": "yes"}
    odd["files"] = {"design.motif.svg": {"sha256": 12}}
    write_zip(box / "11-odd-types.zip", {"manifest.json": json.dumps(odd).encode(), **files})
    write_zip(box / "12-other-format.zip", {"manifest.json": b'{"files": []}', **files})
    (box / "notes.txt").write_text("not a package: ignored")
    return box


def _rows(inbox: Path, brief: Brief, jobs: int = 2) -> dict[str, RowResult]:
    return {row.package: row for row in bulk_verify(inbox, brief, jobs)}


def test_every_package_gets_its_row(inbox: Path, brief: Brief) -> None:
    rows = _rows(inbox, brief)
    assert list(rows) == sorted(p.name for p in inbox.glob("*.zip"))
    verdicts = {
        name: (row.status, sorted({f.rule for f in row.findings if f.severity == "error"}))
        for name, row in rows.items()
    }
    assert verdicts == {
        "01-good.zip": ("pass", []),
        "02-good.zip": ("pass", []),
        "03-not-a-zip.zip": ("broken", ["package.unreadable"]),
        "04-traversal.zip": ("broken", ["package.unreadable"]),
        "05-bad-json.zip": ("broken", ["package.manifest"]),
        # The tampered red also recolours the brand logo, which the preflight catches too.
        "06-hash.zip": ("fail", ["package.hash", "required.modified"]),
        "07-old-version.zip": ("fail", ["package.brief"]),
        "08-garbage-svg.zip": ("fail", ["package.design"]),
        "09-no-licence.zip": ("fail", ["package.licence"]),
        "10-extra.zip": ("fail", ["package.unlisted"]),
        "11-odd-types.zip": ("fail", ["package.manifest"]),
        "12-other-format.zip": ("broken", ["package.manifest"]),
    }
    assert rows["11-odd-types.zip"].errors == 4  # creator, brief, licence and sha256
    assert "outside" in rows["04-traversal.zip"].findings[0].message
    good = rows["01-good.zip"]
    assert good.creator == "Ada" and good.thumbnail_png and good.thumbnail_png[:4] == b"\x89PNG"
    assert len(good.package_sha256) == 64 and {p for p, _ in good.files} == {
        "design.motif.svg",
        "deliverables/print.png",
    }


def test_preflight_falls_back_to_a_warning(inbox: Path, brief: Brief) -> None:
    import importlib.util

    good = _rows(inbox, brief)["01-good.zip"]
    if importlib.util.find_spec("studio.checks") is None:
        assert good.preflight == "not available"
        assert [(f.rule, f.severity) for f in good.findings] == [
            ("preflight.unavailable", "warning")
        ]
    else:  # pragma: no cover - once the checks engine is merged
        assert good.preflight in ("passed", "failed")


def test_html_report_is_self_contained_and_escaped(inbox: Path, brief: Brief) -> None:
    rows = bulk_verify(inbox, brief, 2)
    page = html_report(rows, brief)
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert "Content-Security-Policy" in page
    assert re.findall(r"(?:src|href)=['\"](?!data:)", page) == []  # nothing fetched from outside
    assert page.count("data:image/png;base64,") == 7  # each package whose design was checked
    assert "2 passed, 6 failed, 4 unreadable" in page


def test_csv_report_defuses_formulas(inbox: Path, brief: Brief) -> None:
    rows = bulk_verify(inbox, brief, 1)
    table = list(csv.DictReader(io.StringIO(csv_report(rows))))
    assert len(table) == 12
    by_name = {r["package"]: r for r in table}
    assert by_name["02-good.zip"]["creator"].startswith("'=")
    assert by_name["06-hash.zip"]["status"] == "fail"
    assert "package.hash" in by_name["06-hash.zip"]["findings"]


def test_cli_writes_both_reports(
    inbox: Path, fraise_brief_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html, table = tmp_path / "report.html", tmp_path / "report.csv"
    args = [
        "verify",
        str(inbox),
        "--brief",
        str(fraise_brief_path),
        "--report",
        str(html),
        "--csv",
        str(table),
        "--jobs",
        "2",
    ]
    assert main(args) == 1  # some failed
    assert html.read_text().startswith("<!DOCTYPE html>")
    assert len(table.read_text().splitlines()) == 13
    captured = capsys.readouterr()
    assert "12 packages: 2 passed, 6 failed, 4 unreadable" in captured.err
    assert "\x1b" not in captured.out


@pytest.mark.parametrize("command", ["verify", "verify-all"])
def test_cli_all_good_exits_0(
    command: str, tmp_path: Path, brief: Brief, design: bytes, fraise_brief_path: Path
) -> None:
    build_submission(tmp_path / "a.zip", brief, design)
    assert main([command, str(tmp_path), "--brief", str(fraise_brief_path)]) == 0


def test_cli_refuses_what_it_cannot_use(
    tmp_path: Path, fraise_brief_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify-all", str(tmp_path / "nope"), "--brief", str(fraise_brief_path)]) == 2
    assert main(["verify-all", str(tmp_path), "--brief", str(fraise_brief_path)]) == 2
    assert "no submission packages" in capsys.readouterr().err
    assert main(["verify", str(tmp_path)]) == 2
    assert "--brief is required" in capsys.readouterr().err
    assert main(["verify", str(tmp_path), "--brief", str(fraise_brief_path)]) == 2
    assert "no submission packages" in capsys.readouterr().err


# Checkers that misbehave, to show a run survives them. Top level: they go to the workers.
def crash_on_c(path: Path, brief: Brief) -> RowResult:
    if path.name.startswith("c"):
        os._exit(3)  # like a native renderer crashing
    return RowResult(path.name, "pass")


def hang_on_h(path: Path, brief: Brief) -> RowResult:
    while path.name.startswith("h"):
        pass
    return RowResult(path.name, "pass")


def stuck_on_s(path: Path, brief: Brief) -> RowResult:
    import signal

    if path.name.startswith("s"):  # like native code: the time-limit signal cannot get in
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            pass
    return RowResult(path.name, "pass")


def raise_on_r(path: Path, brief: Brief) -> RowResult:
    if path.name.startswith("r"):
        raise KeyError("surprise")
    return RowResult(path.name, "pass")


def _names(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / name).write_bytes(b"")
    return tmp_path


def test_a_crashing_package_is_one_row(tmp_path: Path, brief: Brief) -> None:
    box = _names(tmp_path, "a.zip", "b.zip", "c.zip", "d.zip", "e.zip")
    rows = bulk_verify(box, brief, 2, crash_on_c)
    assert [(r.package, r.status) for r in rows] == [
        ("a.zip", "pass"),
        ("b.zip", "pass"),
        ("c.zip", "broken"),
        ("d.zip", "pass"),
        ("e.zip", "pass"),
    ]
    assert "crashed" in rows[2].findings[0].message


def test_a_hanging_package_times_out(tmp_path: Path, brief: Brief) -> None:
    box = _names(tmp_path, "a.zip", "h.zip")
    rows = bulk_verify(box, brief, 2, hang_on_h, timeout=2.0)
    assert [(r.package, r.status) for r in rows] == [("a.zip", "pass"), ("h.zip", "broken")]
    assert rows[1].findings[0].rule == "package.timeout"


def test_a_package_stuck_in_native_code_is_killed(tmp_path: Path, brief: Brief) -> None:
    box = _names(tmp_path, "a.zip", "b.zip", "s.zip", "t.zip")
    # Generous limits: a loaded CI machine can take a second to start a worker process.
    rows = bulk_verify(box, brief, 2, stuck_on_s, timeout=2.0, grace=1.0)
    assert [(r.package, r.status) for r in rows] == [
        ("a.zip", "pass"),
        ("b.zip", "pass"),
        ("s.zip", "broken"),
        ("t.zip", "pass"),
    ]
    assert rows[2].findings[0].rule == "package.timeout"


def test_a_checker_bug_is_reported_on_the_row(tmp_path: Path, brief: Brief) -> None:
    rows = bulk_verify(_names(tmp_path, "a.zip", "r.zip"), brief, 1, raise_on_r)
    assert rows[1].status == "broken" and "KeyError" in rows[1].findings[0].message
