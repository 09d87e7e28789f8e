"""SVG that resvg 0.47 misdraws, rewritten into equivalents that it draws as browsers do.

The sanitizer applies :func:`normalise` to every document from outside (imported artwork, plain
SVG designs, the CLI's and the benchmark's exports), so the canvas, the checks and every export
draw the same rewritten tree. Each rewrite gives the picture the SVG and CSS specifications
describe, not a look-alike, and touches only constructs resvg reads wrong or ignores:

* CSS lengths resvg does not know (``Q``, ``rem``, ``ch``, ``vw``/``vh``/``vmin``/``vmax``)
  become user units (:mod:`studio.render.compat_values`);
* colours with a percentage alpha (``rgba(0, 127, 0, 50%)``, CSS Color 4) get a number alpha,
  ``icc-color(...)`` after a paint is dropped so its sRGB fallback is used, hsl becomes rgb,
  a paint linking to nothing becomes its fallback, and a fractional ``font-weight`` the
  multiple of 100 that font matching treats alike;
* ``clip-path: circle() | ellipse() | inset() | polygon()`` becomes a ``<clipPath>``
  (:mod:`studio.render.compat_shapes`);
* ``<mask color-interpolation="linearRGB">`` gets its linear-light luminance
  (:mod:`studio.render.compat_masks`);
* filters: a filter that draws, through ``feImage``, an element using that same filter is an
  error by the spec and the element is not drawn (resvg draws it unfiltered); an erosion wider
  than its filter region is drawn as the nothing it leaves; primitive subregions and light
  positions in ``primitiveUnits="objectBoundingBox"`` are given in user units
  (:mod:`studio.render.compat_filters`).

Generic font families are resolved later, in the bytes resvg gets
(:func:`studio.render.fonts.resolve_families_in_markup`), so the checks still read the
families the author wrote.

Measured on the resvg test suite (``bench/bench_fidelity.py``): these rewrites turn 18 files
our export failed or refused into passes (17 of them fail in resvg 0.47 alone) and no passing
file into a failure; hsl and paint fallbacks change nothing there but help the PDF path.
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
