"""Ink clustering finds the same neighbours as a scan of every colour, only faster."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.checks.color import srgb_to_lab
from studio.checks.inkcount import ClusterMemo, _Grid, analyse, histogram


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


def artwork(rng: np.random.Generator, inks: np.ndarray, size: int = 120) -> np.ndarray:
    """Flat inks in blocks, soft edges between some of them, a patch of photo grain."""
    art = np.zeros((size, size, 4), np.uint8)
    art[..., 3] = 255
    step = size // 4
    for i in range(4):
        for j in range(4):
            art[i * step : (i + 1) * step, j * step : (j + 1) * step, :3] = inks[(i * 4 + j) % 5]
    blur = art[..., :3].astype(float)
    blur[:, 1:-1] = (blur[:, :-2] + blur[:, 1:-1] + blur[:, 2:]) / 3
    art[: size // 2, :, :3] = blur[: size // 2].astype(np.uint8)
    grain = rng.normal(128, 30, (step, step, 3))
    art[-step:, -step:, :3] = np.clip(grain, 0, 255).astype(np.uint8)
    return art


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), delta_e=st.sampled_from([1.0, 3.0, 8.0]))
def test_the_memo_of_the_last_call_changes_nothing_in_the_result(seed: int, delta_e: float) -> None:
    rng = np.random.default_rng(seed)
    inks = rng.integers(0, 256, (5, 3))
    art = artwork(rng, inks)
    memo = ClusterMemo()
    for _ in range(4):
        hist = histogram(art)
        assert analyse(hist, 1.0, delta_e, memo=memo) == analyse(hist, 1.0, delta_e)
        # An edit: a block recoloured, a block in a new colour, some new grain; or the soft
        # edges repainted flat (their blends leave the histogram, the inks stay).
        if rng.random() < 0.3:
            art[:60, :, :3] = inks[rng.integers(0, 5)]
            continue
        y, x = rng.integers(0, 90, 2)
        new = inks[rng.integers(0, 5)] if rng.random() < 0.5 else rng.integers(0, 256, 3)
        art[y : y + 30, x : x + 30, :3] = new
        art[rng.integers(0, 120, 40), rng.integers(0, 120, 40), :3] = rng.integers(0, 256, (40, 3))
