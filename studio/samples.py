"""The bundled sample briefs and the sample designs that pass them.

The designs are built here in code (and written to ``resources/briefs/*/`` by
``python -m studio.samples``) so that they stay in step with the document model.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from studio.brief.model import Brief
from studio.document.fileio import save_document
from studio.document.from_brief import document_from_brief
from studio.document.geometry import rotate
from studio.document.model import (
    Document,
    Ellipse,
    GradientStop,
    Image,
    LinearGradient,
    Polygon,
    RadialGradient,
    Rect,
    Style,
    Text,
)
from studio.document.model import (
    Path as PathEl,
)
from studio.i18n import _
from studio.paths import sample_briefs_dir

SAMPLES = {
    "lafraise-tee": "lafraise-tee.brief.json",
    "dtg-tee": "dtg-tee.brief.json",
    "display-ad": "display-ad.brief.json",
}
DESIGN_NAME = "sample-design.motif.svg"


def sample_brief_path(name: str = "lafraise-tee") -> Path:
    return sample_briefs_dir() / name / SAMPLES[name]


def sample_design_path(name: str = "lafraise-tee") -> Path:
    return sample_briefs_dir() / name / DESIGN_NAME


def build_sample(name: str) -> Document:
    from studio.brief.load import load_brief  # jsonschema: not at the editor's start

    brief = load_brief(sample_brief_path(name))
    builder = {"lafraise-tee": _fraise, "dtg-tee": _dtg, "display-ad": _ad}[name]
    return builder(brief)


def _fraise(brief: Brief) -> Document:
    """Three flat inks of the palette: strawberry red, leaf green, cream; no text under 10pt."""
    doc = document_from_brief(brief)
    art = doc.layer(_("Artwork")).elements
    red, green, cream = "#d62839", "#2a7f3f", "#f5ecd7"
    cx, cy = brief.width / 2, 150.0
    art.append(Ellipse(cx=cx, cy=cy, rx=110, ry=110, style=Style(fill=cream), name="Sun"))
    art.append(
        Polygon(
            cx=cx,
            cy=cy,
            radius=132,
            sides=16,
            inner_ratio=0.9,
            style=Style(fill=None, stroke=cream, stroke_width=4, stroke_join="round"),
            name="Sun rays",
        )
    )
    berry = [
        ("M", (cx, cy - 40)),
        ("C", (cx - 70, cy - 50, cx - 80, cy + 20, cx, cy + 90)),
        ("C", (cx + 80, cy + 20, cx + 70, cy - 50, cx, cy - 40)),
        ("Z", ()),
    ]
    art.append(PathEl(commands=berry, style=Style(fill=red), name="Strawberry"))
    for i in range(3):
        leaf = Polygon(
            cx=cx,
            cy=cy - 48,
            radius=28,
            sides=3,
            inner_ratio=0.35,
            style=Style(fill=green),
            name=f"Leaf {i + 1}",
        )
        leaf.transform = rotate(-30 + 30 * i, cx, cy - 48)
        art.append(leaf)
    for i in range(7):
        angle = math.radians(200 + i * 20)
        seed_x, seed_y = cx + 34 * math.cos(angle) * (i % 2 + 0.6), cy + 10 + 22 * (i % 3)
        art.append(
            Ellipse(cx=seed_x, cy=seed_y, rx=3, ry=5, style=Style(fill=cream), name=f"Seed {i + 1}")
        )
    art.append(
        Text(
            x=cx,
            y=300,
            content="SUMMER CLUB",
            family="Noto Sans",
            size=24,
            weight=700,
            align="middle",
            letter_spacing=2,
            style=Style(fill=cream),
            name="Title",
        )
    )
    return doc


def _dtg(brief: Brief) -> Document:
    """Full colour: a gradient sky, a photo at 300 DPI, text."""
    doc = document_from_brief(brief)
    art = doc.layer(_("Artwork")).elements
    w = brief.width
    sky = LinearGradient([GradientStop(0, "#1e3c72"), GradientStop(1, "#f7b267")], 0, 0, 0, 1)
    art.append(Ellipse(cx=w / 2, cy=180, rx=160, ry=160, style=Style(fill=sky), name="Sky"))
    sun = RadialGradient([GradientStop(0, "#fff4c2"), GradientStop(1, "#f79d65", 0.0)])
    art.append(Ellipse(cx=w / 2, cy=220, rx=70, ry=70, style=Style(fill=sun), name="Glow"))
    photo = _photo_png(1200, 900)
    art.append(
        Image(
            x=w / 2 - 50.8,
            y=300,
            width=101.6,
            height=76.2,
            data=photo,
            mime="image/png",
            pixel_width=1200,
            pixel_height=900,
            name="Photo",
        )
    )
    art.append(
        Text(
            x=w / 2,
            y=420,
            content="NORTHERN LIGHTS",
            family="Noto Sans",
            size=18,
            weight=700,
            align="middle",
            style=Style(fill="#1e3c72"),
            name="Title",
        )
    )
    return doc


def _photo_png(width: int, height: int) -> bytes:
    """A synthetic 'photo' (smooth gradients and noise), at 300 DPI, so the sample needs no
    downloaded picture."""
    import numpy as np
    from PIL import Image as PILImage

    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    rng = np.random.default_rng(7)
    r = 40 + 180 * (x / width) + rng.normal(0, 6, (height, width))
    g = 90 + 120 * np.sin(y / height * math.pi) + rng.normal(0, 6, (height, width))
    b = 200 - 120 * (y / height) + rng.normal(0, 6, (height, width))
    rgb = np.clip(np.stack([r, g, b], axis=-1), 0, 255).astype(np.uint8)
    out = io.BytesIO()
    PILImage.fromarray(rgb, "RGB").save(out, "PNG", dpi=(300, 300))
    return out.getvalue()


def _ad(brief: Brief) -> Document:
    """A dark green ground, a bright headline, the logo in its zone."""
    doc = document_from_brief(brief)
    art = doc.layer(_("Artwork")).elements
    px = 25.4 / brief.dpi
    art.append(
        Rect(
            x=0,
            y=0,
            width=brief.width,
            height=brief.height,
            style=Style(fill="#f4f1e6"),
            name="Background",
        )
    )
    art.append(
        Ellipse(
            # Inside the canvas: shapes running off the edge fail bounds.print_area.
            cx=780 * px,
            cy=760 * px,
            rx=280 * px,
            ry=280 * px,
            style=Style(fill="#f2b705"),
            name="Sun",
        )
    )
    art.append(
        Text(
            x=60 * px,
            y=520 * px,
            content="Ride into\nspring",
            family="Noto Sans",
            size=110 * px,
            weight=700,
            style=Style(fill="#0b3d2e"),
            name="Headline",
        )
    )
    art.append(
        Text(
            x=60 * px,
            y=900 * px,
            content="City e-bikes from 29 €/month",
            family="Noto Sans",
            size=40 * px,
            style=Style(fill="#0b3d2e"),
            name="Offer",
        )
    )
    brand = doc.layer(_("Brand"))
    doc.layers.remove(brand)
    doc.layers.append(brand)
    return doc


def write_samples() -> list[Path]:
    """Regenerate every sample design file."""
    written = []
    for name in SAMPLES:
        path = sample_design_path(name)
        save_document(build_sample(name), path)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_samples():
        print(written_path)
