"""A design opened on its own finds its brief, and learns about newer versions of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from studio.brands.cache import BriefCache
from studio.brands.keys import new_key
from studio.brands.locate import locate_brief
from studio.brands.opening import check_brief
from studio.brands.signing import sign_package
from studio.brands.trust import TrustStore
from studio.brief import load_brief
from studio.document.fileio import load_document
from studio.recent import recent_entry
from studio.thumbnails import brief_thumbnail, thumbnails_dir


def _bump(source: Path, out: Path, **changes: object) -> Path:
    raw = json.loads(source.read_text())
    raw.update(changes)
    out.write_text(json.dumps(raw))
    assets = out.parent / "assets"
    if not assets.exists():  # a bare brief.json names its files relative to itself
        shutil.copytree(source.parent / "assets", assets)
    return out


def test_a_lone_design_finds_the_bundled_sample_it_was_made_from(fraise_design_path: Path):
    doc = load_document(fraise_design_path)
    found = locate_brief(doc.brief, None)
    assert found.exact is not None and found.exact.origin == "sample"
    assert found.exact.brief.sha256 == doc.brief.sha256
    assert found.update(doc) is None  # nothing newer known


def test_a_copied_design_finds_its_brief_in_the_cache(tmp_path: Path, fraise_design_path: Path):
    brief = load_brief(fraise_design_path.parent / "lafraise-tee.brief.json")
    brief.raw["title"] = "Changed locally"  # a version that exists nowhere but in the cache
    brief.sha256 = "ab" * 32
    BriefCache().remember(brief)
    doc = load_document(fraise_design_path)
    doc.brief.sha256 = "ab" * 32
    found = locate_brief(doc.brief, tmp_path / "alone.motif.svg")
    assert found.exact is not None and found.exact.origin == "cache"
    assert found.exact.brief.raw["title"] == "Changed locally"


def test_a_newer_version_in_the_folder_is_the_newest(
    tmp_path: Path, fraise_design_path: Path, fraise_brief_path: Path
):
    design = tmp_path / "mine.motif.svg"
    shutil.copy(fraise_design_path, design)
    _bump(fraise_brief_path, tmp_path / "v2.brief.json", version=2, title="Summer tee v2")
    doc = load_document(design)
    found = locate_brief(doc.brief, design)
    assert found.exact is not None and found.exact.brief.version == 1
    assert found.newest is not None and found.newest.origin == "folder"
    update = found.update(doc)
    assert update is not None and update.new_version == 2
    # The exact version is not in the cache yet, so the diff is unknown...
    assert not update.previous_known
    BriefCache().remember(found.exact.brief)
    update = found.update(doc)
    assert update is not None and any("Summer tee v2" in c.text for c in update.changes)


def test_recent_briefs_count_and_broken_files_are_skipped(
    tmp_path: Path, fraise_design_path: Path, fraise_brief_path: Path
):
    v3 = _bump(fraise_brief_path, tmp_path / "elsewhere.brief.json", version=3)
    broken = tmp_path / "broken.brief.json"
    broken.write_text("{not json")
    doc = load_document(fraise_design_path)
    found = locate_brief(doc.brief, None, [str(broken), str(v3), str(tmp_path / "gone.brief")])
    assert found.newest is not None and found.newest.brief.version == 3
    assert found.newest.origin == "recent"


def test_first_use_is_pinned_only_when_trusted(tmp_path: Path, fraise_brief_path: Path):
    from studio.brands.authoring import pack_brief

    package = tmp_path / "f.brief"
    pack_brief(fraise_brief_path, package)
    key = new_key("fraise", None, unencrypted=True)
    package.write_bytes(sign_package(package, key, "Fraise Club"))
    checked = check_brief(package)
    assert checked.decision.state == "first-use" and checked.needs_answer
    assert TrustStore().pins == {}  # nothing pinned behind the creator's back
    level, text = checked.note()
    assert level == "info" and "not trusted" in text
    checked.trust()
    assert checked.note()[0] == "ok" and "Fraise Club" in checked.note()[1]
    again = check_brief(package)
    assert again.decision.state == "trusted" and not again.needs_answer


def test_recent_entries_tell_same_named_designs_apart(tmp_path: Path, fraise_design_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
        shutil.copy(fraise_design_path, folder / "sample-design.motif.svg")
    one, two = (
        recent_entry(a / "sample-design.motif.svg"),
        recent_entry(b / "sample-design.motif.svg"),
    )
    assert one.title == "Fraise Club summer tee contest" and one.folder != two.folder
    gone = recent_entry(tmp_path / "gone.motif.svg")
    assert not gone.exists and gone.title == "gone.motif.svg"


def test_thumbnails_are_cached(fraise_brief_path: Path):
    first = brief_thumbnail(fraise_brief_path, 64)
    assert first.startswith(b"\x89PNG") and len(list(thumbnails_dir().glob("*.png"))) == 1
    assert brief_thumbnail(fraise_brief_path, 64) == first
