"""CIEDE2000 against the published test pairs, and the palette preview built on it."""

from __future__ import annotations

import pytest

from studio.brands.palette import close_pairs, delta_e_2000, delta_e_lab, hex_to_lab


def test_lab_of_white_and_black() -> None:
    assert hex_to_lab("#ffffff") == pytest.approx((100, 0, 0), abs=0.01)
    assert hex_to_lab("#000000") == pytest.approx((0, 0, 0), abs=0.01)


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # pairs 1, 7, 17 and 25 of Sharma, Wu & Dalal's CIEDE2000 test data
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_sharma_reference_pairs(
    lab1: tuple[float, float, float], lab2: tuple[float, float, float], expected: float
) -> None:
    assert delta_e_lab(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_hex_distances() -> None:
    assert delta_e_2000("#d62839", "#d62839") == 0
    assert delta_e_2000("#ffffff", "#000000") == pytest.approx(100.0, abs=0.01)


def test_close_inks_are_flagged() -> None:
    inks = [("Red", "#d62839"), ("Almost red", "#d82a3a"), ("Green", "#2a7f3f")]
    pairs = close_pairs(inks, 3.0)
    assert [(p.first, p.second) for p in pairs] == [("Red", "Almost red")]
    assert pairs[0].delta_e < 2
