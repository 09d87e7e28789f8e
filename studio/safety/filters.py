"""Filter parameters bounded before rendering, where the bound is cheap and (nearly) exact.

The render watchdog (:mod:`studio.render.watchdog`) stops any render that runs too long; this
module handles, without waiting for it, the cases where a parameter alone says the render is
hopeless or needlessly slow:

* ``feTurbulence numOctaves``: resvg's cost grows linearly with it (100 octaves: 2.2 s on a
  500 x 500 canvas, 100 000 did not finish in a minute) while octave *k* adds at most 2^-k of
  the range. Clamped to 10: against 30 octaves, composited on white, 0.3 % of the pixels moved
  by more than one level and none by more than 6 of 255 (measured on a 500 x 500 canvas).
* ``feMorphology radius`` at least the canvas size: resvg's morphology costs
  pixels x (2 x radius)^2 (radius 50 user units at 500 x 500 px: 35 s; 9999: over 40 s), so
  such a radius can never be drawn in reasonable time. The document is refused at once, unless
  it is an erosion wider than its filter region, which leaves nothing and which
  :mod:`studio.render.compat_filters` has already replaced by a transparent flood.
  (Compared with the root's user space: a radius under a scale-down transform could in theory
  be small on the page; no real drawing does that, and the watchdog covers the rest.)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from studio.errors import InputError
from studio.safety.xml import split_tag

MAX_OCTAVES = 10


def _numbers(text: str) -> list[float]:
    try:
        return [float(v) for v in text.replace(",", " ").split()]
    except ValueError:
        return []


def bound_filters(root: ET.Element, canvas_user: tuple[float, float],
                  source: str | None) -> None:
    """Clamp or refuse filter parameters in place; ``canvas_user`` is the root's user size."""
    side = max(canvas_user)
    for el in root.iter():
        local = split_tag(el.tag)[1]
        if local == "feTurbulence":
            octaves = _numbers(el.get("numOctaves", ""))
            if octaves and octaves[0] > MAX_OCTAVES:
                el.set("numOctaves", str(MAX_OCTAVES))
        elif local == "feMorphology":
            radius = _numbers(el.get("radius", ""))
            if radius and len(radius) <= 2 and max(radius) >= side > 0:
                raise InputError(source, f"feMorphology radius {max(radius):g} is as large as "
                                         f"the whole canvas ({side:g}): it cannot be drawn in "
                                         "reasonable time")
