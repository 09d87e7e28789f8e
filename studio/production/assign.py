"""Which ink each pixel of the artwork is, and how much of it.

Every distinct colour of the render is assigned once (lookup tables indexed by the 24-bit
colour), so the rest is table look-ups however many inks there are. A colour is
either one ink (the nearest by CIEDE2000), or, when it lies on the straight line between two
inks in sRGB (what an anti-aliased edge between two flat inks, or a gradient from one ink to
another, renders as), a split of the two by how far along that line it lies. Alpha (coverage
against the garment) multiplies both.

Pixels arrive premultiplied, as the renderer draws them, and are worked as runs of equal
pixels along the rows (:class:`Runs`): flat artwork of 24 million pixels is a few hundred
thousand runs, so the colour work is done once per run (un-premultiplied there, with the
rounding :func:`studio.render.raster.render_rgba` uses, so plates see the very colours every
other output sees) and spread back over the pixels with one ``np.repeat``.
"""

from __future__ import annotations

import mmap
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from studio.production.color import delta_e2000, rgb_to_lab
from studio.render import raster

NONE = 255
"""The ink index meaning no ink (transparent, or the garment colour itself)."""
IS_INK_DE = 2.0
"""A colour within this CIEDE2000 of an ink is that ink, never a mix."""
ON_LINE_RGB = 3.0
"""A colour within this many sRGB levels of the line between two inks is a mix of them."""
_CHUNK = 1 << 16
_RGB = 0xFFFFFF

U8 = NDArray[np.uint8]
U32 = NDArray[np.uint32]


def packed(rgba: NDArray[np.uint8]) -> U32:
    """``(H, W, 4)`` uint8 RGBA as ``(H, W)`` uint32, red in the low byte (no copy if it can)."""
    data = np.ascontiguousarray(rgba)
    view: U32 = data.view("<u4")[..., 0]
    return view


def unpremultiply(pixels: U32) -> U32:
    """Packed premultiplied RGBA as straight, exactly as
    :func:`studio.render.raster.render_rgba` un-premultiplies."""
    channels = np.ascontiguousarray(pixels).view(np.uint8).reshape(-1, 4)
    result: U32 = raster.unpremultiply(channels).view("<u4").reshape(pixels.shape)
    return result


@dataclass(frozen=True)
class Runs:
    """A block of packed premultiplied pixels as runs of equal pixels, row after row."""

    starts: NDArray[np.intp]
    """Flat index of each run's first pixel."""
    values: U32
    """Each run's premultiplied pixel."""
    size: int

    @classmethod
    def of(cls, pixels: U32) -> Runs:
        """The runs of a non-empty block (a strip of whole rows: one read, no copy)."""
        flat = pixels.ravel()
        starts = np.flatnonzero(flat[1:] != flat[:-1])
        starts += 1
        starts = np.concatenate([np.zeros(1, dtype=np.intp), starts])
        return cls(starts, flat[starts], flat.size)

    def straight(self) -> U32:
        """Each run's straight pixel (only partly covered ones change)."""
        alpha = (self.values >> 24).astype(np.uint8)
        partial = np.flatnonzero(np.subtract(alpha, 1, dtype=np.uint8) < 254)  # 1..254
        if not partial.size:
            return self.values
        straight = self.values.copy()
        straight[partial] = unpremultiply(self.values[partial])
        return straight

    def lengths(self) -> NDArray[np.intp]:
        lengths: NDArray[np.intp] = np.diff(self.starts, append=self.size)
        return lengths

    def expand(self, per_run: U8) -> U8:
        """One value per run as one per pixel (flat)."""
        expanded: U8 = np.repeat(per_run, self.lengths())
        return expanded


def sparse_zeros(size: int, dtype: type[np.generic]) -> NDArray[Any]:
    """A table of zeros whose memory the system hands over only where it is written.

    An anonymous mapping, 4 kB page by page: numpy's own large arrays ask for huge pages,
    each zeroed whole (and sometimes only after the system compacts memory: 0.1-0.3 s for a
    few 16 MB tables of which a few hundred entries are written)."""
    buffer = mmap.mmap(-1, size * np.dtype(dtype).itemsize)
    table: NDArray[Any] = np.frombuffer(buffer, dtype=dtype)
    return table


class ColourSet:
    """The distinct straight colours of a raster, gathered block by block (on any thread:
    every writer only ever stores ``True``, so blocks need no lock)."""

    def __init__(self) -> None:
        self.present = sparse_zeros(1 << 24, np.bool_)

    def add(self, pixels: U32) -> None:
        """Note the colours of premultiplied ``pixels``."""
        self.present[Runs.of(pixels).straight() & _RGB] = True

    def keys(self) -> U32:
        keys: U32 = np.flatnonzero(self.present).astype(np.uint32)
        return keys


def solid_label(ink1: U8, cov1: U8, ink2: U8, cov2: U8) -> U8:
    """The ink a pixel prints in when it is solid (no halftone), or ``NONE``.

    A pixel at least half covered goes, whole, to the ink that covers more of it: a seam
    between two inks (50/50 there) is printed once, never left open nor printed twice."""
    covered = cov1.astype(np.uint16) + cov2 >= 128
    label: U8 = np.where(cov1 >= cov2, ink1, ink2).astype(np.uint8)
    label[~covered] = NONE
    return label


class InkTables:
    """Per 24-bit colour ``c``: ``first(c)``, ``second(c)``, the ink indices (``NONE`` if none);
    ``weight(c)``, the share of the first, 0..255; ``inks``, the ink indices some present colour
    uses.

    The tables start as zeros (:func:`sparse_zeros`: only the pages of present colours are
    ever touched), so they hold values shifted to make 0 the default: ink + 1 (``NONE`` wraps
    round to 0) and 255 - weight."""

    def __init__(self) -> None:
        self._first = sparse_zeros(1 << 24, np.uint8)
        self._second = sparse_zeros(1 << 24, np.uint8)
        self._weight = sparse_zeros(1 << 24, np.uint8)
        self.inks: frozenset[int] = frozenset()

    def set(self, keys: U32, first: U8, second: U8, weight: U8) -> None:
        self._first[keys] = first + np.uint8(1)
        self._second[keys] = second + np.uint8(1)
        self._weight[keys] = np.uint8(255) - weight

    def coverage(self, rgba_u32: U32) -> tuple[U8, U8, U8, U8]:
        """For packed straight RGBA pixels: ``(ink1, cov1, ink2, cov2)``, coverages 0..255."""
        key = rgba_u32 & _RGB
        alpha = (rgba_u32 >> 24).astype(np.uint16)
        ink1 = self._first[key] - np.uint8(1)
        ink2 = self._second[key] - np.uint8(1)
        w = np.uint16(255) - self._weight[key]
        cov1 = ((alpha * w + 127) // 255).astype(np.uint8)
        cov2 = (alpha - cov1).astype(np.uint8)
        cov2[ink2 == NONE] = 0
        cov1[ink1 == NONE] = 0
        return ink1, cov1, ink2, cov2

    def pixel_coverage(self, pixels: U32) -> tuple[U8, U8, U8, U8]:
        """:meth:`coverage` of every premultiplied pixel of ``pixels``, shaped like it."""
        runs = Runs.of(pixels)
        parts = self.coverage(runs.straight())
        ink1, cov1, ink2, cov2 = (runs.expand(p).reshape(pixels.shape) for p in parts)
        return ink1, cov1, ink2, cov2

    def solid_labels(self, runs: Runs) -> U8:
        """:func:`solid_label` of each run."""
        return solid_label(*self.coverage(runs.straight()))


def build_tables(
    keys: U32, candidates: NDArray[np.uint8], knockout: int | None = None
) -> InkTables:
    """Tables for the distinct 24-bit colours ``keys``, choosing among the ``(K, 3)`` sRGB
    ``candidates``; candidate ``knockout`` (the garment) maps to no ink."""
    tables = InkTables()
    cand = candidates.astype(np.float64)
    cand_lab = rgb_to_lab(cand)
    pairs = [(i, j) for i in range(len(cand)) for j in range(i + 1, len(cand))]
    used: set[int] = set()
    for start in range(0, len(keys), _CHUNK):
        k = keys[start : start + _CHUNK]
        rgb = np.stack([k & 255, (k >> 8) & 255, (k >> 16) & 255], axis=-1).astype(np.float64)
        i1, i2, w = _assign(rgb, cand, cand_lab, pairs)
        if knockout is not None:
            i1[i1 == knockout] = NONE
            i2[i2 == knockout] = NONE
        tables.set(k, i1, i2, w)
        used |= {int(i) for i in np.unique(i1)} | {int(i) for i in np.unique(i2)}
    tables.inks = frozenset(used - {NONE})
    return tables


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
