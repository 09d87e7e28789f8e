from __future__ import annotations

from pathlib import Path

from studio.brief import load_brief
from studio.brief.summary import constraint_lines, summary_text


def test_summary_says_the_constraints_in_plain_words(fraise_brief_path: Path) -> None:
    lines = constraint_lines(load_brief(fraise_brief_path))
    text = "\n".join(lines)
    assert lines[0].startswith("Canvas: 12 in × 16 in at 300 DPI (3600 × 4800 pixels)")
    assert "at most 3 ink colours" in text
    assert "Only these inks: Strawberry red, Leaf green, Cream, Sun yellow." in text
    assert "Gradients: not allowed." in text
    assert "“logo” unaltered in its marked zone, at least 3 in wide" in text
    assert "Text at least 10 pt." in text


def test_summary_of_an_ad_brief(samples_dir: Path) -> None:
    text = summary_text(load_brief(samples_dir / "display-ad" / "display-ad.brief.json"))
    assert text.startswith("• Canvas: 1080 px × 1080 px")
    assert "contrast at least 4.5:1" in text and "Deliver 4 files: JPG, PNG." in text
