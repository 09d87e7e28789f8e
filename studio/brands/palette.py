"""Colour distance for palette editing: CIEDE2000 between sRGB inks.

A brand writing a palette wants to see which inks a creator (and the ink check, which accepts
anything within ``delta_e`` of a palette ink) could confuse: two palette inks closer than twice
``delta_e`` share colours that match both.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from studio.checks.color import delta_e2000, hex_to_rgb, srgb_to_lab


def hex_to_lab(color: str) -> tuple[float, float, float]:
    """``#RRGGBB`` (sRGB, D65) -> CIE L*a*b*."""
    text = color.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"{color!r} is not #RRGGBB")
    lab = srgb_to_lab(np.array(hex_to_rgb(color), dtype=np.float64))
    return float(lab[0]), float(lab[1]), float(lab[2])


def delta_e_2000(c1: str, c2: str) -> float:
    """CIEDE2000 distance between two ``#RRGGBB`` colours."""
    return delta_e_lab(hex_to_lab(c1), hex_to_lab(c2))


def delta_e_lab(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 between two L*a*b* colours (the preflight's own formula)."""
    return float(delta_e2000(np.array(lab1), np.array(lab2)))


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
