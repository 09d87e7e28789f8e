"""Rasterise SVG with resvg, and encode print files that carry their DPI and colour space.

resvg renders far closer to browsers than CairoSVG (see bench/bench_fidelity.py). We call it
through svg2png-py (MIT, resvg 0.4x), whose ``svg_to_rgba`` returns raw premultiplied pixels
without holding the GIL: no PNG encode and decode inside every render (the old binding's only
output). It draws at the document's own size, so :mod:`studio.render.canvas` first gives the
root the output size. Panics (``BaseException``) become :class:`InputError`, sizes are checked
first, and filter documents run under :mod:`studio.render.watchdog`. Callers pass SVG that went
through :func:`studio.safety.svg.sanitize_svg`; the renderer is given no resources directory,
so it cannot read files even if something slipped through.

Fonts: the bundled ``resources/fonts`` (so output does not depend on the machine), the system's,
``MOTIF_STUDIO_FONT_DIRS`` (``os.pathsep``-separated) and whatever :func:`configure_fonts` adds.
Generic families are resolved to bundled fonts in the bytes given to resvg, and a family list
none of which is installed ends with the default family
(:func:`studio.render.fonts.resolve_families_in_markup`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import svg2png_py
from PIL import Image, ImageCms

from studio.errors import InputError
from studio.i18n import _

if TYPE_CHECKING:  # numpy loads where pixels are wanted, not with the app's first window
    import numpy as np
    import numpy.typing as npt
from studio.paths import resources_dir
from studio.render import watchdog
from studio.render.canvas import fit_root, fit_root_text
from studio.render.fonts import DEFAULT_FAMILY, resolve_families_in_markup
from studio.safety import images
from studio.safety.svg import parse_svg
from studio.safety.xml import serialize

#: Largest raster we render: a 381 × 457 mm print at 600 DPI is 97 megapixels.
MAX_RENDER_PIXELS = images.MAX_IMAGE_PIXELS
MAX_RENDER_SIDE = 32_768
#: zlib level for PNG: on the 4500 × 5400 motif with :mod:`pngwrite` on 2 cores, level 1
#: took 0.9-1.6 s, level 3 1.1-2.0 s, level 6 2.4-3.6 s for 18.8 / 18.1 / 16.7 MB
#: (bench/bench_export.py, machine under varying load): 2x faster for 12 % more bytes.
PNG_COMPRESS_LEVEL = 1
FONT_DIRS_ENV = "MOTIF_STUDIO_FONT_DIRS"

_fonts: svg2png_py.FontDatabase | None = None
_extra_dirs: list[Path] = []


def font_dirs() -> list[Path]:
    """Folders whose fonts resvg loads, besides the system's, in load order."""
    dirs = [resources_dir() / "fonts"]
    env = os.environ.get(FONT_DIRS_ENV, "")
    dirs += [Path(d) for d in env.split(os.pathsep) if d]
    return dirs + _extra_dirs


def configure_fonts(extra_dirs: Iterable[str | Path] = ()) -> svg2png_py.FontDatabase:
    """(Re)build the renderer's fonts: system, bundled, env and ``extra_dirs``."""
    global _fonts
    _extra_dirs[:] = [Path(d) for d in extra_dirs]
    fonts = svg2png_py.FontDatabase()
    fonts.load_system_fonts()
    for folder in font_dirs():
        if folder.is_dir():
            fonts.load_fonts_dir(str(folder))
    _fonts = fonts
    return fonts


def _font_db() -> svg2png_py.FontDatabase:
    return _fonts if _fonts is not None else configure_fonts(_extra_dirs)


def check_render_size(width_px: int, height_px: int, source: str | None = None) -> None:
    """InputError unless a ``width_px`` × ``height_px`` raster is one we are willing to make."""
    if width_px < 1 or height_px < 1:
        raise InputError(
            source,
            _("cannot render an empty {width}x{height} image").format(
                width=width_px, height=height_px
            ),
        )
    if (width_px > MAX_RENDER_SIDE or height_px > MAX_RENDER_SIDE
            or width_px * height_px > MAX_RENDER_PIXELS):
        raise InputError(
            source,
            _("{width}x{height} px is more than the {limit} megapixels we render").format(
                width=width_px, height=height_px, limit=MAX_RENDER_PIXELS // 1_000_000
            ),
        )


def _has_filters(svg: bytes) -> bool:
    return b"<fe" in svg or b":fe" in svg


def _resvg_rgba(svg: bytes, width_px: int, height_px: int) -> bytes:
    """Premultiplied RGBA bytes of ``svg`` stretched to the size; failures become InputError.

    Filter primitives can cost without bound (see :mod:`studio.render.watchdog`), so documents
    with any are drawn in a child process under a time limit.
    """
    fast = fit_root_text(svg, width_px, height_px)
    if fast is None:
        root = parse_svg(svg, None)
        fit_root(root, width_px, height_px)
        fast = serialize(root)
    sized = resolve_families_in_markup(fast).decode("utf-8")
    if _has_filters(svg):
        limit = watchdog.time_limit(width_px, height_px)
        return watchdog.run_with_time_limit(lambda: _draw(sized, width_px, height_px), limit)
    return _draw(sized, width_px, height_px)


def _draw(svg: str, width_px: int, height_px: int) -> bytes:
    try:
        options = svg2png_py.RenderOptions(font_family=DEFAULT_FAMILY)
        data, width, height = svg2png_py.svg_to_rgba(svg, _font_db(), options=options)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # a Rust panic arrives as a BaseException
        problem = str(exc).split("value: ")[-1][:160] or type(exc).__name__
        raise InputError(
            None, _("the renderer cannot draw this SVG ({problem})").format(problem=problem)
        ) from None
    if (width, height) != (width_px, height_px):
        raise InputError(None, f"the renderer drew {width}x{height} px, not "
                               f"{width_px}x{height_px}")
    return bytes(data)


def render_image(svg: bytes, width_px: int, height_px: int) -> Image.Image:
    """Render ``svg`` stretched to exactly ``width_px`` × ``height_px``; RGBA, straight alpha."""
    return Image.fromarray(render_rgba(svg, width_px, height_px), "RGBA")


def render_rgba(svg: bytes, width_px: int, height_px: int) -> npt.NDArray[np.uint8]:
    """``(height, width, 4)`` uint8 array, straight (non-premultiplied) alpha, writable.

    The renderer gives premultiplied pixels. Only the partly covered ones (anti-aliased edges,
    transparency) change when un-premultiplied, and on print artwork they are a fraction of a
    percent: so the buffer is copied once and just those are converted. Converting the whole
    image (Pillow's ``RGBa`` to ``RGBA``, then a copy into numpy) cost more than the drawing
    on a 24 MP print.
    """
    import numpy as np

    check_render_size(width_px, height_px)
    data = _resvg_rgba(svg, width_px, height_px)
    pixels = np.frombuffer(data, dtype=np.uint8).reshape(height_px, width_px, 4).copy()
    flat = pixels.reshape(-1, 4)
    partial = np.flatnonzero(np.subtract(flat[:, 3], 1, dtype=np.uint8) < 254)  # alpha 1..254
    if partial.size:
        flat[partial] = unpremultiply(flat[partial])
    return pixels


def unpremultiply(channels: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """``(n, 4)`` premultiplied RGBA as straight, rounded as Pillow's ``RGBa`` to ``RGBA`` does
    (``min(255, 255 * c // alpha)``; alpha 0 and 255 untouched), so every path that
    un-premultiplies (exports, separations' runs) gives the same pixels."""
    import numpy as np

    alpha = channels[:, 3:].astype(np.uint32)
    straight = np.minimum(255, channels[:, :3] * np.uint32(255) // np.maximum(alpha, 1))
    keep = (alpha == 0) | (alpha == 255)
    out = channels.copy()
    out[:, :3] = np.where(keep, channels[:, :3], straight)
    return out


def render_premultiplied(svg: bytes, width_px: int, height_px: int) -> npt.NDArray[np.uint8]:
    """``(height, width, 4)`` uint8 array of the renderer's own premultiplied pixels, read-only.

    For callers that need straight colours only where alpha is partial: separations
    un-premultiply those few edge pixels themselves, and skip the whole-image un-premultiply
    and the copy into numpy that :func:`render_rgba` pays (on a 24 MP print they cost more
    than the drawing). The array is a view of the renderer's buffer, not a copy.
    """
    import numpy as np

    check_render_size(width_px, height_px)
    data = _resvg_rgba(svg, width_px, height_px)
    return np.frombuffer(data, dtype=np.uint8).reshape(height_px, width_px, 4)


_srgb: bytes | None = None


def srgb_profile() -> bytes:
    """An sRGB ICC profile to embed, so print shops do not guess the colour space."""
    global _srgb
    if _srgb is None:
        _srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _srgb


def encode_png(image: Image.Image, dpi: float, *,
               compress_level: int = PNG_COMPRESS_LEVEL) -> bytes:
    """PNG with the DPI in pHYs and an sRGB profile in iCCP.

    RGB/RGBA go through :mod:`studio.render.pngwrite` (bands deflated on all cores); other
    modes through Pillow.
    """
    if image.mode in ("RGB", "RGBA"):
        import numpy as np

        from studio.render import pngwrite

        pixels = np.asarray(image, dtype=np.uint8)
        return pngwrite.write_png(pixels, dpi, srgb_profile(), compress_level)
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
