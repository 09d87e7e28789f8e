"""Export a plain SVG file to a print PNG, with the time each stage took.

sanitize (which also rewrites what resvg would misdraw, :mod:`studio.render.compat`) → canvas
size from the root's width/height/viewBox at the DPI (CSS px are 1/96 in) → render with resvg →
encode with the DPI and an sRGB profile. ``motif-studio export FILE.svg --dpi D`` takes the same
steps through :func:`studio.design.open_design` and draws the same pixels; bench/bench_export.py
times these stages and tests/render/test_suite_sample.py measures fidelity with it in-process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from studio.errors import InputError
from studio.i18n import _
from studio.render import raster
from studio.safety.svg import sanitize_svg_report

CSS_DPI = 96.0


@dataclass
class Export:
    """The encoded file, what the sanitizer removed, and seconds spent per stage."""

    data: bytes
    width_px: int
    height_px: int
    removed: list[str]
    timings: dict[str, float] = field(default_factory=dict)


def pixel_size(width_css: float, height_css: float, dpi: float) -> tuple[int, int]:
    """Device pixels for a canvas of CSS px at ``dpi``; at least one pixel each way."""
    return (max(1, round(width_css * dpi / CSS_DPI)), max(1, round(height_css * dpi / CSS_DPI)))


def export_png(svg: bytes, source: str | Path, dpi: float, *, base_dir: str | Path | None = None,
               allow_local_images: bool = False) -> Export:
    """PNG of ``svg`` at ``dpi``. Local images come only from ``base_dir`` when allowed."""
    if not 1 <= dpi <= 2400:
        raise InputError(source, _("DPI {dpi} is outside 1..2400").format(dpi=dpi))
    t0 = time.perf_counter()
    doc_dir = Path(source).parent if isinstance(source, Path) else None
    clean = sanitize_svg_report(svg, source, base_dir=base_dir, doc_dir=doc_dir,
                                allow_local_images=allow_local_images)
    width, height = pixel_size(clean.width_px, clean.height_px, dpi)
    raster.check_render_size(width, height, str(source))
    t1 = time.perf_counter()
    try:
        image = raster.render_image(clean.data, width, height)
    except InputError as exc:
        raise InputError(source, exc.problem) from None
    t2 = time.perf_counter()
    data = raster.encode_png(image, dpi)
    t3 = time.perf_counter()
    return Export(data, width, height, clean.removed,
                  {"sanitize": t1 - t0, "render": t2 - t1, "encode": t3 - t2})
