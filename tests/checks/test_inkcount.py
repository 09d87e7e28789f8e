"""Ink clustering finds the same neighbours as a scan of every colour, only faster."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.checks.color import srgb_to_lab
from studio.checks.inkcount import _Grid, analyse, histogram


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 3000),
    radius=st.sampled_from([0.0, 0.05, 1.0, 2.5, 15.0, 60.0]),
)
def test_grid_neighbours_are_exactly_those_of_a_full_scan(seed: int, n: int, radius: float) -> None:
    rng = np.random.default_rng(seed)
    # Clumps of colours (like inks with their anti-aliased fringes) and strays.
    centres = rng.integers(0, 256, (5, 3))
    rgb = np.clip(centres[rng.integers(0, 5, n)] + rng.normal(0, 6, (n, 3)), 0, 255)
    lab = srgb_to_lab(np.unique(rgb.astype(np.uint8), axis=0))
    grid = _Grid(lab, radius)
    limit = radius * radius
    for idx in rng.integers(0, len(lab), 8):
        brute = np.flatnonzero(((lab - lab[idx]) ** 2).sum(axis=1) <= limit)
        assert np.array_equal(grid.within(int(idx), limit), brute)


def test_a_noisy_photo_beside_two_flat_inks_adds_no_ink() -> None:
    rng = np.random.default_rng(3)
    art = np.zeros((200, 300, 4), np.uint8)
    art[..., 3] = 255
    art[:, :100, :3] = (214, 40, 57)
    art[:, 100:200, :3] = (42, 127, 63)
    art[:, 200:, :3] = np.clip(rng.normal(128, 40, (200, 100, 3)), 0, 255).astype(np.uint8)
    result = analyse(histogram(art), 4.0, 3.0)
    assert sorted(ink.hex for ink in result.inks) == ["#2a7f3f", "#d62839"]
    assert result.artwork_pixels == 200 * 300
