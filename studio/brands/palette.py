"""Colour distance for palette editing: CIEDE2000 between sRGB inks.

A brand writing a palette wants to see which inks a creator (and the ink check, which accepts
anything within ``delta_e`` of a palette ink) could confuse: two palette inks closer than twice
``delta_e`` share colours that match both.
"""

from __future__ import annotations

import math
from typing import NamedTuple


def hex_to_lab(color: str) -> tuple[float, float, float]:
    """``#RRGGBB`` (sRGB, D65) -> CIE L*a*b*."""
    text = color.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"{color!r} is not #RRGGBB")
    rgb = [int(text[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    r, g, b = lin
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e_2000(c1: str, c2: str) -> float:
    """CIEDE2000 distance between two ``#RRGGBB`` colours."""
    return delta_e_lab(hex_to_lab(c1), hex_to_lab(c2))


def delta_e_lab(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 between two L*a*b* colours (Sharma, Wu, Dalal 2005)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lp_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_bar = (h1p + h2p) / 2
    else:
        hp_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hp_bar - 30))
        + 0.24 * math.cos(math.radians(2 * hp_bar))
        + 0.32 * math.cos(math.radians(3 * hp_bar + 6))
        - 0.20 * math.cos(math.radians(4 * hp_bar - 63))
    )
    d_theta = 30 * math.exp(-(((hp_bar - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    sl = 1 + 0.015 * (lp_bar - 50) ** 2 / math.sqrt(20 + (lp_bar - 50) ** 2)
    sc = 1 + 0.045 * cp_bar
    sh = 1 + 0.015 * cp_bar * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt(
        (dlp / sl) ** 2 + (dcp / sc) ** 2 + (dhp / sh) ** 2 + rt * (dcp / sc) * (dhp / sh)
    )


class InkPair(NamedTuple):
    first: str
    second: str
    delta_e: float


def close_pairs(inks: list[tuple[str, str]], delta_e: float) -> list[InkPair]:
    """Pairs of ``(name, #RRGGBB)`` inks closer than ``2 × delta_e``, closest first: colours
    between them would match either ink."""
    out = []
    for i, (name1, c1) in enumerate(inks):
        for name2, c2 in inks[i + 1 :]:
            try:
                d = delta_e_2000(c1, c2)
            except ValueError:
                continue
            if d < 2 * delta_e:
                out.append(InkPair(name1, name2, d))
    return sorted(out, key=lambda p: p.delta_e)
