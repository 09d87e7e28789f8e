"""Which ink each pixel of the artwork is, and how much of it.

Every distinct colour of the render is assigned once (lookup tables indexed by the 24-bit
colour), so the per-pixel work is three table look-ups however many inks there are. A colour is
either one ink (the nearest by CIEDE2000), or, when it lies on the straight line between two
inks in sRGB (what an anti-aliased edge between two flat inks, or a gradient from one ink to
another, renders as), a split of the two by how far along that line it lies. Alpha (coverage
against the garment) multiplies both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from studio.production.color import delta_e2000, rgb_to_lab

NONE = 255
"""The ink index meaning no ink (transparent, or the garment colour itself)."""
IS_INK_DE = 2.0
"""A colour within this CIEDE2000 of an ink is that ink, never a mix."""
ON_LINE_RGB = 3.0
"""A colour within this many sRGB levels of the line between two inks is a mix of them."""
_CHUNK = 1 << 16

U8 = NDArray[np.uint8]


@dataclass
class InkTables:
    """``first[c]``, ``second[c]``: the ink indices of 24-bit colour ``c`` (``NONE`` if none);
    ``weight[c]``: the share of the first, 0..255."""

    first: U8
    second: U8
    weight: U8
    inks: frozenset[int] = frozenset()
    """The ink indices some present colour uses."""

    def coverage(self, rgba_u32: NDArray[np.uint32]) -> tuple[U8, U8, U8, U8]:
        """For packed RGBA pixels: ``(ink1, cov1, ink2, cov2)``, coverages 0..255."""
        key = rgba_u32 & 0xFFFFFF
        alpha = (rgba_u32 >> 24).astype(np.uint16)
        ink1, ink2 = self.first[key], self.second[key]
        w = self.weight[key].astype(np.uint16)
        cov1 = ((alpha * w + 127) // 255).astype(np.uint8)
        cov2 = (alpha - cov1).astype(np.uint8)
        cov2[ink2 == NONE] = 0
        cov1[ink1 == NONE] = 0
        return ink1, cov1, ink2, cov2


def packed(rgba: NDArray[np.uint8]) -> NDArray[np.uint32]:
    """``(H, W, 4)`` uint8 RGBA as ``(H, W)`` uint32, red in the low byte (no copy if it can)."""
    data = np.ascontiguousarray(rgba)
    view: NDArray[np.uint32] = data.view("<u4")[..., 0]
    return view


def build_tables(
    pixels: NDArray[np.uint32], candidates: NDArray[np.uint8], knockout: int | None = None
) -> InkTables:
    """Tables for the colours present in ``pixels`` (packed RGBA), choosing among the
    ``(K, 3)`` sRGB ``candidates``; candidate ``knockout`` (the garment) maps to no ink."""
    present = np.zeros(1 << 24, dtype=bool)
    present[pixels & 0xFFFFFF] = True
    keys = np.flatnonzero(present).astype(np.uint32)
    first = np.full(1 << 24, NONE, dtype=np.uint8)
    second = np.full(1 << 24, NONE, dtype=np.uint8)
    weight = np.full(1 << 24, 255, dtype=np.uint8)
    cand = candidates.astype(np.float64)
    cand_lab = rgb_to_lab(cand)
    pairs = [(i, j) for i in range(len(cand)) for j in range(i + 1, len(cand))]
    for start in range(0, len(keys), _CHUNK):
        k = keys[start : start + _CHUNK]
        rgb = np.stack([k & 255, (k >> 8) & 255, (k >> 16) & 255], axis=-1).astype(np.float64)
        i1, i2, w = _assign(rgb, cand, cand_lab, pairs)
        first[k], second[k], weight[k] = i1, i2, w
    if knockout is not None:
        for table in (first, second):
            table[table == knockout] = NONE
    used = {int(i) for i in np.unique(first[keys])} | {int(i) for i in np.unique(second[keys])}
    return InkTables(first, second, weight, frozenset(used - {NONE}))


def _assign(
    rgb: NDArray[np.float64],
    cand: NDArray[np.float64],
    cand_lab: NDArray[np.float64],
    pairs: list[tuple[int, int]],
) -> tuple[U8, U8, U8]:
    de = delta_e2000(rgb_to_lab(rgb)[:, None, :], cand_lab[None, :, :])
    nearest = np.argmin(de, axis=1)
    d1 = de[np.arange(len(rgb)), nearest]
    first = nearest.astype(np.uint8)
    second = np.full(len(rgb), NONE, dtype=np.uint8)
    weight = np.full(len(rgb), 255, dtype=np.uint8)
    if not pairs:
        return first, second, weight
    best = np.full(len(rgb), np.inf)
    best_t = np.zeros(len(rgb))
    best_pair = np.zeros(len(rgb), dtype=np.int64)
    for n, (i, j) in enumerate(pairs):
        d = cand[i] - cand[j]
        t = np.clip(((rgb - cand[j]) @ d) / max(float(d @ d), 1e-9), 0.0, 1.0)
        resid = np.linalg.norm(rgb - (cand[j] + t[:, None] * d), axis=1)
        better = resid < best
        best[better], best_t[better], best_pair[better] = resid[better], t[better], n
    split = (d1 > IS_INK_DE) & (best <= ON_LINE_RGB)
    pair_arr = np.array(pairs, dtype=np.uint8)
    first[split] = pair_arr[best_pair[split], 0]
    second[split] = pair_arr[best_pair[split], 1]
    weight[split] = np.round(best_t[split] * 255).astype(np.uint8)
    return first, second, weight
