"""Colour science for the ink checks: sRGB to CIELAB (D65) and CIEDE2000, vectorised.

Briefs give ink tolerances as CIEDE2000 distances (``inks.delta_e``), the measure printers use:
it follows what eyes see far better than distances in RGB. Everything here takes and returns
numpy arrays so whole colour histograms are compared in one call.
"""

from __future__ import annotations

import re

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

_WHITE_D65 = np.array([0.95047, 1.0, 1.08883])
_RGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#d62839"`` -> ``(214, 40, 57)``; ValueError for anything else."""
    match = _HEX.match(color.strip())
    if not match:
        raise ValueError(f"{color!r} is not a #RRGGBB colour")
    value = int(match.group(1), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def rgb_to_hex(rgb: tuple[int, int, int] | NDArray[np.generic]) -> str:
    r, g, b = (round(float(c)) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def srgb_to_lab(rgb: NDArray[np.generic]) -> FloatArray:
    """``(..., 3)`` sRGB in 0..255 to CIELAB (D65, 2° observer).

    Worked out colour by colour (a matrix product's rounding can depend on how many rows it
    is given): a colour's Lab value is the same whichever colours come with it, so values an
    earlier call gave can stand for a fresh call's (the live checks' ink memo relies on it).
    """
    values = np.asarray(rgb)
    if values.dtype == np.uint8:
        linear = _LINEAR[values]
    else:
        linear = _linearise(values.astype(np.float64) / 255.0)
    r, g, b = linear[..., 0], linear[..., 1], linear[..., 2]
    m = _RGB_TO_XYZ
    xyz = [(r * m[i, 0] + g * m[i, 1] + b * m[i, 2]) / _WHITE_D65[i] for i in range(3)]
    eps, kappa = 216 / 24389, 24389 / 27
    f = [np.where(v > eps, np.cbrt(v), (kappa * v + 16) / 116) for v in xyz]
    lab = np.empty(linear.shape, dtype=np.float64)
    lab[..., 0] = 116 * f[1] - 16
    lab[..., 1] = 500 * (f[0] - f[1])
    lab[..., 2] = 200 * (f[1] - f[2])
    return lab


def _linearise(c: FloatArray) -> FloatArray:
    linear: FloatArray = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear


_LINEAR = _linearise(np.arange(256, dtype=np.float64) / 255.0)


def delta_e2000(lab1: object, lab2: object) -> FloatArray:
    """CIEDE2000 between broadcastable ``(..., 3)`` Lab arrays (Sharma, Wu, Dalal 2005)."""
    p = np.asarray(lab1, dtype=np.float64)
    q = np.asarray(lab2, dtype=np.float64)
    l1, a1, b1 = p[..., 0], p[..., 1], p[..., 2]
    l2, a2, b2 = q[..., 0], q[..., 1], q[..., 2]
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    c_mean7 = ((c1 + c2) / 2) ** 7
    g = 0.5 * (1 - np.sqrt(c_mean7 / (c_mean7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    zero = (c1p * c2p) == 0
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(zero, 0.0, dh)
    dhp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)
    lp_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    hsum = h1p + h2p
    hp_mean = np.where(
        np.abs(h1p - h2p) <= 180, hsum / 2, np.where(hsum < 360, (hsum + 360) / 2, (hsum - 360) / 2)
    )
    hp_mean = np.where(zero, hsum, hp_mean)
    t = (
        1
        - 0.17 * np.cos(np.radians(hp_mean - 30))
        + 0.24 * np.cos(np.radians(2 * hp_mean))
        + 0.32 * np.cos(np.radians(3 * hp_mean + 6))
        - 0.20 * np.cos(np.radians(4 * hp_mean - 63))
    )
    d_theta = 30 * np.exp(-(((hp_mean - 275) / 25) ** 2))
    cp_mean7 = cp_mean**7
    rc = 2 * np.sqrt(cp_mean7 / (cp_mean7 + 25.0**7))
    sl = 1 + 0.015 * (lp_mean - 50) ** 2 / np.sqrt(20 + (lp_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = -np.sin(np.radians(2 * d_theta)) * rc
    result: FloatArray = np.sqrt(
        (dlp / sl) ** 2 + (dcp / sc) ** 2 + (dhp / sh) ** 2 + rt * (dcp / sc) * (dhp / sh)
    )
    return result


def delta_e_hex(color1: str, color2: str) -> float:
    """CIEDE2000 between two ``#RRGGBB`` colours."""
    lab = srgb_to_lab(np.array([hex_to_rgb(color1), hex_to_rgb(color2)]))
    return float(delta_e2000(lab[0], lab[1]))


def relative_luminance(rgb: NDArray[np.generic]) -> FloatArray:
    """WCAG 2 relative luminance of ``(..., 3)`` sRGB 0..255."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    result: FloatArray = linear @ np.array([0.2126, 0.7152, 0.0722])
    return result


def contrast_ratio(rgb1: NDArray[np.generic], rgb2: NDArray[np.generic]) -> float:
    """WCAG 2 contrast ratio (1 to 21) of two sRGB colours."""
    l1, l2 = float(relative_luminance(rgb1)), float(relative_luminance(rgb2))
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)
