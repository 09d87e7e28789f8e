"""Counting inks as a screen printer does, from the rendered artwork.

1. Only *interior* pixels seed inks: an opaque pixel whose four neighbours have its colour
   (within ``tolerance`` per channel, 0 for our own renders, a little for JPEG noise).
   Anti-aliased edges and resampling fringes sit between two colours and are never interior.
2. Interior colours are histogrammed exactly (one ``bincount`` over packed 24-bit RGB).
3. Clusters grow greedily from the most used colour: every colour within ``delta_e``
   (CIEDE2000) of the seed joins it. A CIE76 pre-filter keeps each step to a few thousand
   colours even for photos.
4. A cluster is a *flat ink* when most of its pixels sit within ΔE 1 of its seed; a cluster
   spread evenly across its ΔE radius is a slice of a gradient or a photo (*continuous tone*,
   reported as such, never as hundreds of inks). Clusters under the speck area are ignored,
   and so are small ones that lie on the line between two bigger inks (fringes).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from studio.checks.color import delta_e2000, srgb_to_lab

OPAQUE = 250
SPECK_SHARE = 0.0005
SPECK_MM2 = 1.0
FLAT_CORE_SHARE = 0.5
MAX_INKS = 64


@dataclass(frozen=True)
class Ink:
    rgb: tuple[int, int, int]
    pixels: int
    share: float

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)


@dataclass(frozen=True)
class InkAnalysis:
    """``inks`` largest first; shares are of the artwork's pixels."""

    inks: list[Ink]
    artwork_pixels: int
    continuous_share: float
    partial_alpha_share: float


@dataclass(frozen=True)
class Histogram:
    """Opaque colours (packed RGB, sorted) with their pixel counts and, aligned, how many of
    those pixels are interior; plus the pixel totals."""

    colors: NDArray[np.int64]
    counts: NDArray[np.int64]
    interior_counts: NDArray[np.int64]
    artwork: int
    partial_interior: int

    @property
    def interior(self) -> int:
        return int(self.interior_counts.sum())

    @staticmethod
    def merge(parts: list[Histogram]) -> Histogram:
        if not parts:
            empty = np.zeros(0, np.int64)
            return Histogram(empty, empty, empty, 0, 0)
        colors = np.concatenate([p.colors for p in parts])
        uniq, inverse = np.unique(colors, return_inverse=True)

        def summed(values: list[NDArray[np.int64]]) -> NDArray[np.int64]:
            weights = np.concatenate(values).astype(np.float64)
            return np.bincount(inverse, weights=weights, minlength=len(uniq)).astype(np.int64)

        return Histogram(
            uniq.astype(np.int64),
            summed([p.counts for p in parts]),
            summed([p.interior_counts for p in parts]),
            sum(p.artwork for p in parts),
            sum(p.partial_interior for p in parts),
        )


def _count(values: NDArray[np.int32]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    if values.size > 1 << 21:
        # One pass over a 2^24-bin table beats sorting millions of pixels.
        table = np.bincount(values, minlength=1 << 24)
        colors = np.flatnonzero(table)
        return colors.astype(np.int64), table[colors].astype(np.int64)
    uniq, found = np.unique(values, return_counts=True)
    return uniq.astype(np.int64), found.astype(np.int64)


def histogram(rgba: NDArray[np.uint8], tolerance: int = 0, apron: int = 0) -> Histogram:
    """The colour histogram of ``rgba``'s opaque pixels, with interior counts; ``apron``
    pixels on each side only serve as neighbours (tiles rendered with an overlap)."""
    alpha = rgba[..., 3]
    packed = _packed(rgba)
    opaque = alpha >= OPAQUE
    interior = opaque & _same_as_neighbours(rgba, packed, tolerance)
    partial = (alpha >= 10) & (alpha <= 245)
    if partial.any():  # most artwork has none: the neighbour test is then skipped
        partial &= _alpha_same(alpha, max(tolerance, 2))
    if apron:
        core = (slice(apron, -apron or None), slice(apron, -apron or None))
        interior, partial, alpha = interior[core], partial[core], alpha[core]
        packed, opaque = packed[core], opaque[core]
    colors, counts = _count(packed[opaque])
    inner_colors, inner_counts = _count(packed[interior])
    interior_counts = np.zeros(len(colors), dtype=np.int64)
    if inner_colors.size:
        interior_counts[np.searchsorted(colors, inner_colors)] = inner_counts
    return Histogram(
        colors,
        counts,
        interior_counts,
        int(np.count_nonzero(alpha)),
        int(np.count_nonzero(partial)),
    )


def _packed(rgba: NDArray[np.uint8]) -> NDArray[np.int32]:
    """``0xRRGGBB`` per pixel (read four bytes at a time where the layout allows)."""
    if rgba.flags.c_contiguous and sys.byteorder == "little":
        word = rgba.view(np.uint32)[..., 0]  # 0xAABBGGRR
        rgb = ((word & 0xFF) << 16) | (word & 0xFF00) | ((word >> 16) & 0xFF)
        packed: NDArray[np.int32] = rgb.view(np.int32)
        return packed
    return (
        (rgba[..., 0].astype(np.int32) << 16)
        | (rgba[..., 1].astype(np.int32) << 8)
        | rgba[..., 2].astype(np.int32)
    )


def _same_as_neighbours(
    rgba: NDArray[np.uint8], packed: NDArray[np.int32], tolerance: int
) -> NDArray[np.bool_]:
    h, w = packed.shape
    same = np.zeros((h, w), dtype=bool)
    if h < 3 or w < 3:
        return same
    c = (slice(1, -1), slice(1, -1))
    shifts = (
        (slice(None, -2), slice(1, -1)),
        (slice(2, None), slice(1, -1)),
        (slice(1, -1), slice(None, -2)),
        (slice(1, -1), slice(2, None)),
    )
    if tolerance <= 0:
        inner = np.ones((h - 2, w - 2), dtype=bool)
        for s in shifts:
            inner &= packed[c] == packed[s]
    else:
        rgb = rgba[..., :3].astype(np.int16)
        inner = np.ones((h - 2, w - 2), dtype=bool)
        for s in shifts:
            inner &= np.abs(rgb[c] - rgb[s]).max(axis=-1) <= tolerance
    same[c] = inner
    return same


def _alpha_same(alpha: NDArray[np.uint8], tolerance: int) -> NDArray[np.bool_]:
    a = alpha.astype(np.int16)
    h, w = a.shape
    same = np.zeros((h, w), dtype=bool)
    if h < 3 or w < 3:
        return same
    c = a[1:-1, 1:-1]
    same[1:-1, 1:-1] = (
        (np.abs(c - a[:-2, 1:-1]) <= tolerance)
        & (np.abs(c - a[2:, 1:-1]) <= tolerance)
        & (np.abs(c - a[1:-1, :-2]) <= tolerance)
        & (np.abs(c - a[1:-1, 2:]) <= tolerance)
    )
    return same


def unpack(colors: NDArray[np.int64]) -> NDArray[np.uint8]:
    return np.stack([(colors >> 16) & 255, (colors >> 8) & 255, colors & 255], axis=-1).astype(
        np.uint8
    )


@dataclass
class ClusterMemo:
    """What :func:`analyse` worked out for one histogram, for the next call on a histogram
    that differs in a few colours (the live session, after an edit): the Lab value of each
    colour, and each seed's neighbours with their ΔE. The next call takes the neighbours of
    a seed seen last time from here, checks only the colours that are new, and gets exactly
    what working everything out again would give."""

    delta_e: float = -1.0
    colors: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    lab: NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 3)))
    near: dict[int, tuple[NDArray[np.int64], NDArray[np.float64]]] = field(default_factory=dict)


def analyse(
    hist: Histogram,
    px_per_mm: float,
    delta_e: float,
    noisy: bool = False,
    memo: ClusterMemo | None = None,
) -> InkAnalysis:
    """Inks of the artwork from its colour histogram (see the module docstring). ``noisy``
    (JPEG and other photos of artwork): a small cluster just past ``delta_e`` of a much larger
    ink is that ink's compression noise. ``memo`` (kept by the caller between calls) saves
    work when the histogram changed little; the result is the same with or without it."""
    artwork = max(hist.artwork, 1)
    interior_total = hist.interior
    if not hist.colors.size or not interior_total:
        return InkAnalysis([], hist.artwork, 0.0, hist.partial_interior / artwork)
    speck = max(SPECK_SHARE * artwork, SPECK_MM2 * px_per_mm * px_per_mm)
    # Colours seen on one or two pixels and never inside a flat area (photo grain, edge
    # blends) cannot seed or shape an ink; leaving them out keeps clustering quick on photos.
    keep = np.flatnonzero((hist.counts >= 3) | (hist.interior_counts > 0))
    colors, counts, inner = (a.take(keep) for a in (hist.colors, hist.counts, hist.interior_counts))
    neighbours = _Neighbours(colors, delta_e, memo)
    lab = neighbours.lab
    assigned = np.zeros(len(counts), dtype=bool)
    seed_min = max(1.0, 0.1 * speck)
    # Seeds, most interior pixels first (ties in colour order); the loop stops at the first
    # colour under seed_min anyway, so only those above are sorted.
    seeds = np.flatnonzero(inner >= seed_min)
    order = seeds[np.argsort(-inner[seeds], kind="stable")]
    clusters: list[tuple[int, int, int, int]] = []  # seed, pixels, (unused), interior
    flatness: dict[int, bool] = {}
    for idx in order.tolist():
        if inner[idx] < seed_min or len(clusters) >= MAX_INKS * 4:
            break
        if assigned[idx]:
            continue
        near, de = neighbours.of(int(idx))
        ball = de <= delta_e
        # Flatness is judged on the whole ball, taken or not: a sliver of a gradient left
        # between two earlier clusters would otherwise look like one flat colour.
        ball_counts = counts[near[ball]]
        flatness[int(idx)] = int(ball_counts[de[ball] <= 1.0].sum()) >= FLAT_CORE_SHARE * int(
            ball_counts.sum()
        )
        members = near[ball & ~assigned[near]]
        assigned[members] = True
        clusters.append((int(idx), int(counts[members].sum()), 0, int(inner[members].sum())))
    flat = [c for c in clusters if c[1] >= speck and flatness[c[0]]]
    flat.sort(key=lambda c: -c[1])
    kept: list[tuple[int, int, int, int]] = []
    for cluster in flat:
        if _is_fringe(cluster[:2], [k[:2] for k in kept], lab, artwork, delta_e):
            continue
        if noisy and _is_noise(cluster[:2], [k[:2] for k in kept], lab, artwork, delta_e):
            continue
        kept.append(cluster)
    flat_interior = sum(c[3] for c in flat)
    continuous = max(0, interior_total - flat_interior) / interior_total
    inks = [Ink(_rgb(colors[c[0]]), c[1], c[1] / artwork) for c in kept[:MAX_INKS]]
    neighbours.remember()
    return InkAnalysis(inks, hist.artwork, continuous, hist.partial_interior / artwork)


class _Neighbours:
    """The colours within the prefilter radius of a seed, with their ΔE to it: from the
    memo for a seed seen last time (plus the colours that are new since), else found in
    the Lab cubes (:class:`_Grid`)."""

    def __init__(self, colors: NDArray[np.int64], delta_e: float, memo: ClusterMemo | None):
        self.colors, self.memo, self.delta_e = colors, memo, delta_e
        self.limit = (5.0 * delta_e) ** 2
        self.grid: _Grid | None = None
        self.seen: dict[int, tuple[NDArray[np.int64], NDArray[np.float64]]] = {}
        self.new: NDArray[np.intp] | None = None  # colours not in the memo; None: no memo
        if memo is None or memo.delta_e != delta_e or not memo.colors.size:
            self.lab = srgb_to_lab(unpack(colors))
            return
        at = np.minimum(np.searchsorted(memo.colors, colors), len(memo.colors) - 1)
        known = memo.colors[at] == colors
        self.new = np.flatnonzero(~known)
        self.lab = np.empty((len(colors), 3))
        self.lab[known] = memo.lab[at[known]]
        self.lab[self.new] = srgb_to_lab(unpack(colors[self.new]))

    def of(self, idx: int) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        seed = int(self.colors[idx])
        last = self.memo.near.get(seed) if self.memo is not None and self.new is not None else None
        if last is not None and self.new is not None:
            was_near, was_de = last
            at = np.minimum(np.searchsorted(self.colors, was_near), len(self.colors) - 1)
            still = self.colors[at] == was_near
            near, de = at[still], was_de[still]
            if self.new.size:
                d2 = ((self.lab[self.new] - self.lab[idx]) ** 2).sum(axis=1)
                fresh = self.new[d2 <= self.limit]
                if fresh.size:
                    near = np.concatenate([near, fresh])
                    de = np.concatenate([de, delta_e2000(self.lab[fresh], self.lab[idx])])
                    order = np.argsort(near, kind="stable")
                    near, de = near[order], de[order]
        else:
            if self.grid is None:
                self.grid = _Grid(self.lab, 5.0 * self.delta_e)
            near = self.grid.within(idx, self.limit)
            de = delta_e2000(self.lab[near], self.lab[idx])
        self.seen[seed] = (self.colors[near], de)
        return near, de

    def remember(self) -> None:
        if self.memo is not None:
            self.memo.delta_e, self.memo.colors = self.delta_e, self.colors
            self.memo.lab, self.memo.near = self.lab, self.seen


class _Grid:
    """Colours bucketed in Lab cubes one search radius wide, so finding the colours near a
    seed reads the 27 cubes around it instead of every colour of a photo (tens of
    thousands). ``within`` returns exactly what a scan of all colours would, in the same
    (ascending) order: a colour within the radius is at most one cube away on each axis."""

    def __init__(self, lab: NDArray[np.float64], radius: float) -> None:
        self.lab = lab
        self.cells: NDArray[np.int64] | None = None
        if radius <= 0 or not len(lab):
            return  # no cubes: ``within`` scans every colour
        # A cube a hair wider than the radius, so rounding in the division cannot put two
        # colours within the radius two cubes apart; one spare cube on each side, so the
        # neighbours of a cube never wrap into another row of keys.
        cells = np.floor(lab / (radius * 1.001)).astype(np.int64)
        cells -= cells.min(axis=0) - 1
        span = cells.max(axis=0) + 2
        self.cells = cells
        keys = (cells[:, 0] * span[1] + cells[:, 1]) * span[2] + cells[:, 2]
        self.order = np.argsort(keys, kind="stable")
        self.keys = keys[self.order]
        steps = np.array([-1, 0, 1], dtype=np.int64)
        # Cubes next to each other along b have consecutive keys: one range per (L, a) pair.
        self.offsets = (steps[:, None] * span[1] + steps[None, :]).ravel() * span[2]
        self.span_a, self.span_b = int(span[1]), int(span[2])

    def within(self, idx: int, limit: float) -> NDArray[np.intp]:
        """Indices (ascending) of the colours whose squared Lab distance to colour ``idx``
        is at most ``limit``."""
        if self.cells is None:
            found: NDArray[np.intp] = np.flatnonzero(
                ((self.lab - self.lab[idx]) ** 2).sum(axis=1) <= limit
            )
            return found
        cl, ca, cb = (int(v) for v in self.cells[idx])
        base = (cl * self.span_a + ca) * self.span_b + cb + self.offsets
        lo = np.searchsorted(self.keys, base - 1, side="left").tolist()
        hi = np.searchsorted(self.keys, base + 1, side="right").tolist()
        parts = [self.order[a:b] for a, b in zip(lo, hi, strict=True) if b > a]
        candidates = np.sort(np.concatenate(parts))  # never empty: idx itself is there
        d2 = ((self.lab[candidates] - self.lab[idx]) ** 2).sum(axis=1)
        found = candidates[d2 <= limit]
        return found


def _rgb(packed: np.int64) -> tuple[int, int, int]:
    value = int(packed)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def _is_noise(
    cluster: tuple[int, int],
    bigger: list[tuple[int, int]],
    lab: NDArray[np.float64],
    artwork: int,
    delta_e: float,
) -> bool:
    if cluster[1] > 0.02 * artwork:
        return False
    for other in bigger:
        much_bigger = other[1] >= 10 * cluster[1]
        if much_bigger and float(delta_e2000(lab[cluster[0]], lab[other[0]])) <= 2 * delta_e:
            return True
    return False


def _is_fringe(
    cluster: tuple[int, int],
    bigger: list[tuple[int, int]],
    lab: NDArray[np.float64],
    artwork: int,
    delta_e: float,
) -> bool:
    """A small cluster whose colour lies between two bigger inks: a blend, not an ink."""
    if cluster[1] > 0.02 * artwork or len(bigger) < 2:
        return False
    p = lab[cluster[0]]
    for i, a in enumerate(bigger):
        for b in bigger[i + 1 :]:
            pa, pb = lab[a[0]], lab[b[0]]
            seg = pb - pa
            t = float(np.dot(p - pa, seg) / max(float(np.dot(seg, seg)), 1e-9))
            if 0.05 < t < 0.95:
                closest = pa + t * seg
                if float(delta_e2000(p, closest)) <= delta_e:
                    return True
    return False
