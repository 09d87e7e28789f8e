"""CIEDE2000 against the published test data, and the sRGB to Lab conversion."""

from __future__ import annotations

import numpy as np
import pytest

from studio.checks.color import contrast_ratio, delta_e2000, delta_e_hex, srgb_to_lab

# Sharma, Wu & Dalal (2005), table 1: (Lab1, Lab2, ΔE00).
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (50.0, 3.1736, 0.5854), 1.0),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


def test_ciede2000_matches_the_published_pairs_in_one_vectorised_call() -> None:
    lab1 = np.array([p[0] for p in SHARMA])
    lab2 = np.array([p[1] for p in SHARMA])
    expected = np.array([p[2] for p in SHARMA])
    assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_srgb_white_and_a_known_red_in_lab() -> None:
    lab = srgb_to_lab(np.array([[255, 255, 255], [255, 0, 0]]))
    assert lab[0] == pytest.approx([100.0, 0.0, 0.0], abs=0.01)
    assert lab[1] == pytest.approx([53.24, 80.09, 67.20], abs=0.05)


def test_close_and_far_colours() -> None:
    assert delta_e_hex("#d62839", "#d62839") == 0.0
    assert delta_e_hex("#d62839", "#d7293a") < 1.0
    assert delta_e_hex("#d62839", "#2a7f3f") > 50


def test_wcag_contrast_extremes() -> None:
    assert contrast_ratio(np.array([0, 0, 0]), np.array([255, 255, 255])) == pytest.approx(21.0)
    assert contrast_ratio(np.array([119, 119, 119]), np.array([255, 255, 255])) == pytest.approx(
        4.48, abs=0.01
    )
