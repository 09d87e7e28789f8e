"""Which SVG features a document uses, and which of them our output cannot reproduce.

The lists are decided by measurement on the resvg test suite (bench/bench_fidelity.py --csv,
per-category pass rates; figures in the docstrings below), not by reading specifications:

* :data:`UNSUPPORTED` — features whose suite files mostly fail even on the resvg PNG path, so
  the app warns at import that the export will differ from a browser.
* :data:`RASTER_FEATURES` — features CairoSVG (the PDF path) draws badly while resvg draws them
  well; documents using them get the page rasterised by resvg at print DPI inside the PDF.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from studio.safety.xml import split_tag

#: resvg suite categories mostly failing on the PNG path (pass rate in brackets, 2024 suite):
#: filter inputs BackgroundImage/BackgroundAlpha and enable-background (0/17), FillPaint and
#: StrokePaint (0/6), colour emoji (0/4: the colour font is not bundled).
UNSUPPORTED = {
    "enable-background": "enable-background / BackgroundImage filter input",
    "filter-background-input": "enable-background / BackgroundImage filter input",
    "filter-paint-input": "FillPaint / StrokePaint filter input",
    "color-emoji": "colour emoji",
}

#: Where CairoSVG loses to resvg on the suite (PDF path, see bench_fidelity --pdf) or where our
#: text-to-outline step is simpler than resvg's text layout.
#: Re-measured through pdftocairo on a 200-file sample (vector only 97 passed, every page
#: rasterised 135, this set 145 + 2 from transform-origin and context paint; the best per-file
#: choice would be 158). Per feature, vector/raster passes: filter 4/30, text-layout 6/20,
#: mask 2/6, clip-path 5/8, marker 8/10, paint-order 0/2, mix-blend-mode 1/3, pattern 1/3.
RASTER_FEATURES = frozenset({
    "filter", "mask", "mix-blend-mode", "isolation", "pattern", "marker", "switch",
    "textPath", "text-layout", "paint-order", "clip-path", "image", "opacity-group",
    "style-sheet", "use-symbol", "transform-origin", "context-paint",
})

_TEXT_LAYOUT_PROPS = ("writing-mode", "letter-spacing", "word-spacing", "text-decoration",
                      "baseline-shift", "dominant-baseline", "alignment-baseline",
                      "font-variant", "textLength", "direction", "unicode-bidi",
                      "font-stretch", "font-kerning", "font")
_ELEMENT_FEATURES = {"filter": "filter", "mask": "mask", "pattern": "pattern",
                     "marker": "marker", "switch": "switch", "textPath": "textPath",
                     "clipPath": "clip-path", "image": "image", "style": "style-sheet",
                     "symbol": "use-symbol", "tref": "text-layout", "feImage": "filter"}
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _props(el: ET.Element) -> dict[str, str]:
    props = {split_tag(k)[1]: v for k, v in el.attrib.items()}
    for decl in el.get("style", "").split(";"):
        name, _, value = decl.partition(":")
        if value:
            props[name.strip()] = value.strip()
    return props


def used_features(root: ET.Element) -> set[str]:
    """Names of the features in :data:`RASTER_FEATURES` and :data:`UNSUPPORTED` used."""
    found: set[str] = set()
    for el in root.iter():
        local = split_tag(el.tag)[1]
        if local in _ELEMENT_FEATURES:
            found.add(_ELEMENT_FEATURES[local])
        props = _props(el)
        if "mix-blend-mode" in props and props["mix-blend-mode"] != "normal":
            found.add("mix-blend-mode")
        if props.get("isolation") == "isolate":
            found.add("isolation")
        if "paint-order" in props:
            found.add("paint-order")
        if "transform-origin" in props:
            found.add("transform-origin")
        if props.get("filter", "none").strip() not in ("", "none"):
            found.add("filter")  # CSS filter functions (blur(), hue-rotate()...) need no <filter>
        if any(v.strip().startswith("context-") for k, v in props.items()
               if k in ("fill", "stroke")):
            found.add("context-paint")
        if "enable-background" in props:
            found.add("enable-background")
        if props.get("in") in ("BackgroundImage", "BackgroundAlpha") or props.get("in2") in (
                "BackgroundImage", "BackgroundAlpha"):
            found.add("filter-background-input")
        if props.get("in") in ("FillPaint", "StrokePaint") or props.get("in2") in (
                "FillPaint", "StrokePaint"):
            found.add("filter-paint-input")
        if "opacity" in props and local in ("g", "svg", "use"):
            found.add("opacity-group")
        if local in ("text", "tspan"):
            if any(p in props for p in _TEXT_LAYOUT_PROPS) or "rotate" in props or any(
                    len(props.get(a, "").replace(",", " ").split()) > 1
                    for a in ("x", "y", "dx", "dy")):
                found.add("text-layout")
            if _EMOJI.search("".join(el.itertext())):
                found.add("color-emoji")
    return found


def unsupported_features(svg_root: ET.Element) -> list[str]:
    """What in this document our export cannot reproduce faithfully, for a warning at import."""
    return sorted({UNSUPPORTED[f] for f in used_features(svg_root) if f in UNSUPPORTED})
