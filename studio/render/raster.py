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
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import resvg
from PIL import Image, ImageCms

from studio.errors import InputError
from studio.i18n import _
from studio.paths import resources_dir
from studio.render.fonts import DEFAULT_FAMILY
from studio.safety import images

if TYPE_CHECKING:  # numpy (~0.25 s to import) only for render_rgba, not the editor's start
    import numpy as np
    import numpy.typing as npt

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
    _options = _new_options()
    return _options


def _new_options() -> resvg.usvg.Options:
    options = resvg.usvg.Options.default()
    options.font_family = DEFAULT_FAMILY
    options.load_system_fonts()
    for folder in font_dirs():
        if folder.is_dir():
            options.load_fonts_dir(str(folder))
    return options


def _opts() -> resvg.usvg.Options:
    """The cached options in the main thread; fresh ones (about 4 ms) in any other thread.

    The binding's Options is "unsendable": only the thread that made it may use it or drop it,
    so one made by a worker thread (the GUI exports off its thread) can neither be shared nor
    cached without a panic later, when another thread touches or frees it."""
    if threading.current_thread() is not threading.main_thread():
        return _new_options()
    return _options if _options is not None else configure_fonts(_extra_dirs)


def check_render_size(width_px: int, height_px: int, source: str | None = None) -> None:
    """InputError unless a ``width_px`` × ``height_px`` raster is one we are willing to make."""
    if width_px < 1 or height_px < 1:
        message = _("cannot render an empty {width}x{height} image")
        raise InputError(source, message.format(width=width_px, height=height_px))
    if (width_px > MAX_RENDER_SIDE or height_px > MAX_RENDER_SIDE
            or width_px * height_px > MAX_RENDER_PIXELS):
        message = _("{width}x{height} px is more than the {limit} megapixels we render")
        raise InputError(source, message.format(
            width=width_px,
            height=height_px,
            limit=MAX_RENDER_PIXELS // 1000000,
        ))


def _resvg_png(svg: bytes, width_px: int, height_px: int) -> bytes:
    """resvg's PNG of ``svg`` stretched to the size; panics and errors become InputError."""
    try:
        tree = resvg.usvg.Tree.from_str(svg.decode("utf-8", errors="replace"), _opts())
        tw, th = tree.int_size()
        transform = (width_px / tw, 0.0, 0.0, 0.0, height_px / th, 0.0)
        return bytes(resvg.render(tree, transform, bg_size=(width_px, height_px)))
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # pyo3_runtime.PanicException derives from BaseException
        problem = str(exc).split("value: ")[-1][:160] or type(exc).__name__
        message = _("the renderer cannot draw this SVG ({problem})")
        raise InputError(None, message.format(problem=problem)) from None


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
    import numpy as np

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
