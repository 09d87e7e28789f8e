"""What changed between brief versions, in words, and the update a design is told about."""

from __future__ import annotations

import copy
from pathlib import Path

from studio.brands.cache import BriefCache, remember_brief
from studio.brands.diff import brief_update_for, diff_briefs
from studio.brief import Brief, load_brief
from studio.document.from_brief import document_from_brief


def _v2(brief: Brief) -> Brief:
    new = copy.deepcopy(brief)
    raw = new.raw
    raw["version"] = 2
    raw["inks"]["max_colors"] = 2
    raw["canvas"]["width"] = "14in"
    raw["rules"]["required"][0]["min_width"] = "3.5in"
    raw["inks"]["palette"] = [p for p in raw["inks"]["palette"] if p["name"] != "Leaf green"]
    raw["inks"]["palette"].append({"name": "Sky blue", "color": "#3399ff"})
    raw["inks"]["palette"].reverse()  # order alone is not a change
    del raw["rules"]["gradients"]
    raw["rules"]["recommended_image_dpi"] = 400
    raw["outputs"].append({"id": "web", "format": "jpg"})
    raw["outputs"] = [o for o in raw["outputs"] if o["id"] != "vector"]
    raw["deadline"] = "2027-07-15T23:59:00+02:00"
    raw["garment"]["colors"][0]["color"] = "#000000"
    raw["x_brand_note"] = "kept"  # an unknown field is still reported
    new.assets = {**brief.assets, "assets/logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}
    new.version, new.sha256 = 2, "f" * 64
    return new


def test_diff_reads_like_a_changelog(fraise_brief_path: Path) -> None:
    old = load_brief(fraise_brief_path)
    texts = [c.text for c in diff_briefs(old, _v2(old))]
    assert texts == [
        "Version: 1 → 2",
        "Deadline moved: 30 Jun 2027 23:59 +0200 → 15 Jul 2027 23:59 +0200",
        "Canvas width: 12 in → 14 in",
        "Garment colour 'Black': #1b1b1d → #000000",
        "Maximum inks: 3 → 2",
        "Palette ink 'Leaf green' removed (#2a7f3f)",
        "Palette ink 'Sky blue' added (#3399ff)",
        "Rule dropped: Gradients (was forbid)",
        "Required element 'logo' now needs 3.5 in minimum width (was 3 in)",
        "New rule: Recommended image resolution (dpi): 400",
        "Output 'vector' removed (pdf)",
        "Output 'web' added (jpg)",
        "X brand note added: kept",
        "File 'assets/logo.svg' changed",
    ]


def test_identical_briefs_have_no_changes(fraise_brief_path: Path) -> None:
    assert diff_briefs(load_brief(fraise_brief_path), load_brief(fraise_brief_path)) == []


def test_a_design_learns_what_its_brief_changed(fraise_brief_path: Path) -> None:
    old = load_brief(fraise_brief_path)
    doc = document_from_brief(old)
    remember_brief(old)  # what the app does when it makes the design
    assert brief_update_for(doc, old) is None
    new = _v2(old)
    update = brief_update_for(doc, new)
    assert update is not None and update.previous_known
    assert update.headline == "Brief fraise-club.summer-tee changed: version 1 → 2"
    assert "Maximum inks: 3 → 2" in [c.text for c in update.changes]


def test_without_the_old_copy_the_update_still_shows(
    fraise_brief_path: Path, tmp_path: Path
) -> None:
    old = load_brief(fraise_brief_path)
    doc = document_from_brief(old)
    update = brief_update_for(doc, _v2(old), BriefCache(tmp_path / "empty"))
    assert update is not None and not update.previous_known and update.changes == ()


def test_another_brief_is_not_an_update(fraise_brief_path: Path, samples_dir: Path) -> None:
    doc = document_from_brief(load_brief(fraise_brief_path))
    other = load_brief(samples_dir / "display-ad" / "display-ad.brief.json")
    assert brief_update_for(doc, other) is None


def test_the_cache_keeps_briefs_by_sha256(fraise_brief_path: Path) -> None:
    brief = load_brief(fraise_brief_path)
    cache = BriefCache()
    assert cache.get(brief.sha256) is None
    path = cache.remember(brief)
    assert path is not None and path.name == f"{brief.sha256}.brief"
    kept = cache.get(brief.sha256)
    assert kept is not None and kept.raw == brief.raw and kept.assets == brief.assets
    assert cache.get("../../etc/passwd") is None
