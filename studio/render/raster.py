"""Rasterise SVG with resvg, and encode print files that carry their DPI and colour space.

resvg renders far closer to browsers than CairoSVG (see bench/bench_fidelity.py), but its
Python binding panics (a ``BaseException``) on input it cannot use and a huge canvas can exhaust
memory, so sizes are checked first and panics become :class:`InputError`. Callers pass SVG that
went through :func:`studio.safety.svg.sanitize_svg`; resvg is given no resources directory, so
it cannot read files even if something slipped through.

Fonts: the bundled ``resources/fonts`` (so output does not depend on the machine), the system's,
``MOTIF_STUDIO_FONT_DIRS`` (``os.pathsep``-separated) and whatever :func:`configure_fonts` adds.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import resvg
from PIL import Image, ImageCms

from studio.errors import InputError
from studio.paths import resources_dir
from studio.render import watchdog
from studio.render.fonts import DEFAULT_FAMILY
from studio.safety import images

#: Largest raster we render: a 381 × 457 mm print at 600 DPI is 97 megapixels.
MAX_RENDER_PIXELS = images.MAX_IMAGE_PIXELS
MAX_RENDER_SIDE = 32_768
#: zlib level for PNG: on a 4500 × 5400 motif level 1 took 6.3 s, level 3 10.7 s, level 6
#: 19.1 s for 18.5 / 17.9 / 16.0 MB (bench/bench_export.py): 3x faster for 16 % more bytes.
PNG_COMPRESS_LEVEL = 1
FONT_DIRS_ENV = "MOTIF_STUDIO_FONT_DIRS"

_options: resvg.usvg.Options | None = None
_extra_dirs: list[Path] = []


def font_dirs() -> list[Path]:
    """Folders whose fonts resvg loads, besides the system's, in load order."""
    dirs = [resources_dir() / "fonts"]
    env = os.environ.get(FONT_DIRS_ENV, "")
    dirs += [Path(d) for d in env.split(os.pathsep) if d]
    return dirs + _extra_dirs


def configure_fonts(extra_dirs: Iterable[str | Path] = ()) -> resvg.usvg.Options:
    """(Re)build the renderer options with system, bundled, env and ``extra_dirs`` fonts."""
    global _options
    _extra_dirs[:] = [Path(d) for d in extra_dirs]
    options = resvg.usvg.Options.default()
    options.font_family = DEFAULT_FAMILY
    options.load_system_fonts()
    for folder in font_dirs():
        if folder.is_dir():
            options.load_fonts_dir(str(folder))
    _options = options
    return options


def _opts() -> resvg.usvg.Options:
    return _options if _options is not None else configure_fonts(_extra_dirs)


def check_render_size(width_px: int, height_px: int, source: str | None = None) -> None:
    """InputError unless a ``width_px`` × ``height_px`` raster is one we are willing to make."""
    if width_px < 1 or height_px < 1:
        raise InputError(source, f"cannot render an empty {width_px}x{height_px} image")
    if (width_px > MAX_RENDER_SIDE or height_px > MAX_RENDER_SIDE
            or width_px * height_px > MAX_RENDER_PIXELS):
        raise InputError(source, f"{width_px}x{height_px} px is more than the "
                                 f"{MAX_RENDER_PIXELS // 1_000_000} megapixels we render")


def _resvg_png(svg: bytes, width_px: int, height_px: int) -> bytes:
    """resvg's PNG of ``svg`` stretched to the size; panics and errors become InputError.

    Filter primitives can cost without bound (see :mod:`studio.render.watchdog`), so documents
    with any are drawn in a child process under a time limit.
    """
    if b"<fe" in svg or b":fe" in svg:
        limit = watchdog.time_limit(width_px, height_px)
        return watchdog.run_with_time_limit(lambda: _draw_png(svg, width_px, height_px), limit)
    return _draw_png(svg, width_px, height_px)


def _draw_png(svg: bytes, width_px: int, height_px: int) -> bytes:
    try:
        tree = resvg.usvg.Tree.from_str(svg.decode("utf-8", errors="replace"), _opts())
        tw, th = tree.int_size()
        transform = (width_px / tw, 0.0, 0.0, 0.0, height_px / th, 0.0)
        return bytes(resvg.render(tree, transform, bg_size=(width_px, height_px)))
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # pyo3_runtime.PanicException derives from BaseException
        problem = str(exc).split("value: ")[-1][:160] or type(exc).__name__
        raise InputError(None, f"the renderer cannot draw this SVG ({problem})") from None


def render_image(svg: bytes, width_px: int, height_px: int) -> Image.Image:
    """Render ``svg`` stretched to exactly ``width_px`` × ``height_px``; RGBA, straight alpha."""
    check_render_size(width_px, height_px)
    image: Image.Image = Image.open(io.BytesIO(_resvg_png(svg, width_px, height_px)),
                                    formats=["PNG"])
    image.load()
    if image.size != (width_px, height_px):
        image = image.resize((width_px, height_px))
    return image if image.mode == "RGBA" else image.convert("RGBA")


def render_rgba(svg: bytes, width_px: int, height_px: int) -> npt.NDArray[np.uint8]:
    """``(height, width, 4)`` uint8 array, straight (non-premultiplied) alpha."""
    return np.asarray(render_image(svg, width_px, height_px), dtype=np.uint8)


_srgb: bytes | None = None


def srgb_profile() -> bytes:
    """An sRGB ICC profile to embed, so print shops do not guess the colour space."""
    global _srgb
    if _srgb is None:
        _srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _srgb


def encode_png(image: Image.Image, dpi: float, *,
               compress_level: int = PNG_COMPRESS_LEVEL) -> bytes:
    """PNG with the DPI in pHYs and an sRGB profile in iCCP."""
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi), icc_profile=srgb_profile(),
               compress_level=compress_level)
    return out.getvalue()


def encode_jpeg(image: Image.Image, dpi: float, quality: int = 92,
                background: tuple[int, int, int] | str = (255, 255, 255)) -> bytes:
    """JPEG (no alpha: flattened on ``background``) with JFIF density and an sRGB profile."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, background)
        flat.alpha_composite(rgba)
        image = flat
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", dpi=(round(dpi), round(dpi)),
                              quality=quality, icc_profile=srgb_profile(),
                              subsampling=0 if quality >= 90 else 2, optimize=False)
    return out.getvalue()
