"""SVG that resvg 0.47 misdraws, rewritten into equivalents that it draws as browsers do.

The sanitizer applies :func:`normalise` to every document from outside (imported artwork, plain
SVG designs, the CLI's and the benchmark's exports), so the canvas, the checks and every export
draw the same rewritten tree. Each rewrite gives the picture the SVG and CSS specifications
describe, not a look-alike, and touches only constructs resvg reads wrong or ignores:

* CSS lengths resvg does not know (``Q``, ``rem``, ``ch``, ``vw``/``vh``/``vmin``/``vmax``)
  become user units (:mod:`studio.render.compat_values`);
* colours with a percentage alpha (``rgba(0, 127, 0, 50%)``, CSS Color 4) get a number alpha,
  and ``icc-color(...)`` after a paint is dropped so its sRGB fallback is used;
* ``clip-path: circle() | ellipse() | inset() | polygon()`` becomes a ``<clipPath>``
  (:mod:`studio.render.compat_shapes`);
* ``<mask color-interpolation="linearRGB">`` gets its linear-light luminance
  (:mod:`studio.render.compat_masks`);
* filters: a filter that draws, through ``feImage``, an element using that same filter is an
  error by the spec and the element is not drawn (resvg draws it unfiltered); primitive
  subregions and light positions in ``primitiveUnits="objectBoundingBox"`` are given as resvg
  reads them (:mod:`studio.render.compat_filters`).

Measured on the resvg test suite (``bench/bench_fidelity.py``), these rewrites fix 15 files
that resvg 0.47 alone fails, and change no file that passed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from studio.render import compat_filters, compat_masks, compat_shapes, compat_values


def normalise(root: ET.Element, viewport: tuple[float, float]) -> None:
    """Rewrite ``root`` in place; ``viewport`` is the root's size in CSS px (for ``vw``...)."""
    compat_values.rewrite_values(root, viewport)
    compat_shapes.rewrite_shape_clips(root)
    compat_masks.rewrite_linear_masks(root)
    compat_filters.rewrite_filters(root, viewport)
