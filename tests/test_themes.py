"""WCAG contrast maths, and every UI theme readable by it."""

from __future__ import annotations

import pytest

from studio.a11y import contrast_ratio, meets_aa, parse_hex, relative_luminance
from studio.themes import CONTRAST_RULES, QT_ROLES, ROLES, THEMES, Theme, theme


def test_contrast_ratio_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # The well-known threshold greys: #767676 is the lightest that passes AA on white.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert meets_aa("#767676", "#fff") and not meets_aa("#777", "#fff")
    assert meets_aa("#949494", "#ffffff", large=True)
    assert not meets_aa("#959595", "#ffffff", large=True)


def test_contrast_is_symmetric_and_luminance_bounded() -> None:
    assert contrast_ratio("#2b3a67", "#f7f3ea") == contrast_ratio("#f7f3ea", "#2b3a67")
    assert relative_luminance("#000") == 0.0
    assert relative_luminance("#fff") == pytest.approx(1.0)


@pytest.mark.parametrize("bad", ["", "red", "#12", "#12345g", "#1234567"])
def test_bad_colours_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_hex(bad)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_theme_meets_wcag_aa(name: str) -> None:
    current = theme(name)
    assert set(current.colors) == set(ROLES)
    assert current.problems() == []
    text_pairs = [rule for rule in CONTRAST_RULES if rule[2] == 4.5]
    assert len(text_pairs) >= 10  # the rules cover the text a user reads


def test_a_theme_with_an_unreadable_pair_is_reported() -> None:
    colors = dict(THEMES["light"].colors, window_text="#a0a0a0")
    problems = Theme("faded", dark=False, colors=colors).problems()
    assert len(problems) == 1
    assert problems[0].startswith("faded: window_text #a0a0a0 on window #f4f4f6 is 2.")


def test_dark_is_dark_and_light_is_light() -> None:
    assert relative_luminance(theme("dark")["window"]) < 0.05
    assert relative_luminance(theme("light")["window"]) > 0.8
    with pytest.raises(KeyError, match="choose from light, dark"):
        theme("sepia")


def test_qt_role_names_exist_in_qpalette() -> None:
    from PySide6.QtGui import QPalette

    for role, targets in QT_ROLES.items():
        assert role in ROLES
        for group, qt_role in targets:
            assert group == "All" or hasattr(QPalette.ColorGroup, group)
            assert hasattr(QPalette.ColorRole, qt_role), qt_role
