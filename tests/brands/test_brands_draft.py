"""The brief editor's model: a form from the schema, edits, problems, the preview brief."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.brands.draft import BriefDraft, form_fields
from studio.brief import load_brief


def _spec(path: str):  # type: ignore[no-untyped-def]
    return next(f for f in form_fields() if f.path == path)


def test_the_form_follows_the_schema() -> None:
    fields = {f.path: f for f in form_fields()}
    assert fields["canvas.width"].kind == "length" and fields["canvas.width"].required
    assert fields["rules.gradients"].choices == ("allow", "forbid")
    assert fields["inks.max_colors"].title == "Maximum inks"
    assert "garment colour is not an ink" in fields["inks.max_colors"].help
    assert "format" not in fields  # a constant is not edited


def test_edits_show_up_as_problems_then_as_a_brief() -> None:
    draft = BriefDraft.new("tshirt", "acme.tee")
    assert draft.problems() == [] and draft.brief() is not None
    draft.set(_spec("canvas.width"), "twelve")
    assert [p.path for p in draft.problems()] == ["canvas.width"]
    assert draft.brief() is None
    draft.set(_spec("canvas.width"), "14in")
    draft.set(_spec("inks.max_colors"), "3")
    brief = draft.brief()
    assert brief is not None and brief.width == pytest.approx(355.6) and brief.inks.max_colors == 3
    draft.set(_spec("rules.gradients"), "")
    assert "gradients" not in draft.raw["rules"]


def test_palette_editing_flags_inks_too_close() -> None:
    draft = BriefDraft.new()
    draft.set_palette([{"name": "Red", "color": "#d62839"}, {"name": "Red 2", "color": "#d8293a"}])
    assert [(p.first, p.second) for p in draft.close_inks()] == [("Red", "Red 2")]
    draft.set_palette([])
    assert "palette" not in draft.raw["inks"]


def test_save_and_pack_round_trip(fraise_brief_path: Path, tmp_path: Path) -> None:
    draft = BriefDraft.from_brief(load_brief(fraise_brief_path))
    (tmp_path / "out").mkdir()
    draft.save_json(tmp_path / "out" / "x.brief.json")
    draft.pack(tmp_path / "x.brief")
    from_json = load_brief(tmp_path / "out" / "x.brief.json")
    from_pack = load_brief(tmp_path / "x.brief")
    assert from_json.raw == from_pack.raw == draft.raw
    assert from_pack.assets == from_json.assets and "assets/logo.svg" in from_pack.assets
