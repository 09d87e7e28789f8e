"""Turning ink coverage into film: solid thresholds, AM halftone dots, and the choke.

The halftone is a rotated grid of round dots at ``lpi`` lines per inch. Its threshold at each
pixel is the *rank* of the spot function there, measured over a finely sampled cell, so a tone
of 30% blackens 30% of the area whatever the dot shape. Solid pixels (coverage 0 or 255) need no
threshold, so only the partial pixels (edges, tints, gradients) pay for it.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

_SAMPLES = 256


def _spot(u: NDArray[np.float64], v: NDArray[np.float64]) -> NDArray[np.float64]:
    """Round dots centred on the grid's integer points (highest at the centre)."""
    result: NDArray[np.float64] = np.cos(2 * np.pi * u) + np.cos(2 * np.pi * v)
    return result


def _rank_table() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    g = (np.arange(_SAMPLES) + 0.5) / _SAMPLES
    values = np.sort(_spot(g[:, None], g[None, :]).ravel())
    share_above = 1.0 - np.arange(1, values.size + 1) / values.size
    return values, share_above


_VALUES, _SHARE = _rank_table()


def halftone_threshold(
    ys: NDArray[np.intp], xs: NDArray[np.intp], dpi: float, lpi: float, angle: float
) -> NDArray[np.uint8]:
    """Thresholds 0..254 at pixels ``(ys, xs)``: a coverage ``c`` prints where ``c > T``."""
    a = math.radians(angle)
    freq = lpi / dpi
    x, y = xs + 0.5, ys + 0.5
    u = (x * math.cos(a) + y * math.sin(a)) * freq
    v = (-x * math.sin(a) + y * math.cos(a)) * freq
    share = np.interp(_spot(u, v), _VALUES, _SHARE)
    result: NDArray[np.uint8] = np.clip(share * 255, 0, 254).astype(np.uint8)
    return result


def choke_pixels(mm: float, dpi: float) -> int:
    """The choke as a whole number of pixels: ``round(mm * dpi / 25.4)``."""
    return max(0, round(mm * dpi / 25.4))


def erode(mask: NDArray[np.bool_], radius: int) -> NDArray[np.bool_]:
    """Morphological erosion by a disk of ``radius`` pixels (outside the image is empty).

    The disk is cut into horizontal runs: one horizontal erosion per distinct run half-width
    (grown incrementally), then an AND of vertically shifted copies, a few dozen whole-array
    boolean operations in all."""
    if radius <= 0:
        return mask.copy()
    h, w = mask.shape
    half_widths = [math.isqrt(radius * radius - dy * dy) for dy in range(radius + 1)]
    runs: dict[int, NDArray[np.bool_]] = {}
    current = mask.copy()
    for width in range(max(half_widths) + 1):
        if width:
            grown = current.copy()
            grown[:, : w - width] &= mask[:, width:]
            grown[:, w - width :] = False
            grown[:, width:] &= mask[:, : w - width]
            grown[:, :width] = False
            current = grown
        if width in half_widths:
            runs[width] = current
    out = runs[half_widths[0]].copy()
    for dy in range(1, radius + 1):
        run = runs[half_widths[dy]]
        if dy >= h:
            out[:] = False
            break
        out[: h - dy] &= run[dy:]
        out[h - dy :] = False
        out[dy:] &= run[: h - dy]
        out[:dy] = False
    return out
