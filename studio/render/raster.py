"""Rasterise SVG with resvg. (First cut; hardened by the render-fidelity work.)"""

from __future__ import annotations

import io

import numpy as np
import resvg
from PIL import Image

_options: resvg.usvg.Options | None = None


def _opts() -> resvg.usvg.Options:
    global _options
    if _options is None:
        _options = resvg.usvg.Options.default()
        _options.load_system_fonts()
    return _options


def render_image(svg: bytes, width_px: int, height_px: int) -> Image.Image:
    """Render ``svg`` stretched to exactly ``width_px`` × ``height_px``; RGBA, straight alpha."""
    tree = resvg.usvg.Tree.from_str(svg.decode("utf-8"), _opts())
    tw, th = tree.int_size()
    sx, sy = width_px / tw, height_px / th
    data = resvg.render(tree, (sx, 0.0, 0.0, 0.0, sy, 0.0), bg_size=(width_px, height_px))
    image = Image.open(io.BytesIO(bytes(data)))
    image.load()
    return image.convert("RGBA")


def render_rgba(svg: bytes, width_px: int, height_px: int) -> np.ndarray:
    """``(height, width, 4)`` uint8 array, straight (non-premultiplied) alpha."""
    return np.asarray(render_image(svg, width_px, height_px))


def encode_png(image: Image.Image, dpi: float) -> bytes:
    """PNG with the DPI (pHYs) and an sRGB profile."""
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi), icc_profile=profile, compress_level=1)
    return out.getvalue()


def encode_jpeg(
    image: Image.Image,
    dpi: float,
    quality: int = 92,
    background: tuple[int, int, int] = (255, 255, 255),
) -> bytes:
    """JPEG (flattened on ``background``) with the DPI (JFIF density) and an sRGB profile."""
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    flat = Image.new("RGB", image.size, background)
    flat.paste(image, mask=image.getchannel("A") if image.mode == "RGBA" else None)
    out = io.BytesIO()
    flat.save(out, "JPEG", dpi=(dpi, dpi), icc_profile=profile, quality=quality)
    return out.getvalue()
