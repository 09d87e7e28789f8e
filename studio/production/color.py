"""Colour for separations: the preflight's colour science (one CIEDE2000 in the project, so a
pixel lands on the plate of the ink the check accepted), plus what only print order needs."""

from __future__ import annotations

import numpy as np

from studio.checks.color import delta_e2000, hex_to_rgb
from studio.checks.color import srgb_to_lab as rgb_to_lab

__all__ = ["delta_e2000", "hex_to_rgb", "lightness", "rgb_to_lab"]


def lightness(color: str) -> float:
    """L* of a ``#RRGGBB`` colour: what orders inks light to dark."""
    return float(rgb_to_lab(np.array(hex_to_rgb(color)))[0])
