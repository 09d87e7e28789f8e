"""``text.size``, ``text.font``, ``text.coverage``, ``text.contrast``.

Sizes are font sizes after transforms (the glyphs' vertical scale). Text boxes are estimated
from the font size and character count (0.55 em per glyph), which needs no font files; the
coverage is the area of the union of those boxes. Contrast compares the text's fill with the
median colour rendered *beneath* it: the region is rendered again without the text. Where the
artwork leaves the ground bare, the ground is the garment (every garment colour is tried and
the worst kept) or white paper for ads.
"""

from __future__ import annotations

import numpy as np

from studio.checks.color import contrast_ratio, hex_to_rgb
from studio.checks.context import CheckContext
from studio.checks.croprender import parent_map, render_region
from studio.checks.model import Finding, Fix, bbox_of
from studio.checks.svgstyle import GENERIC_FAMILIES
from studio.checks.svgtree import Leaf
from studio.document.geometry import Box
from studio.i18n import _
from studio.l10n import format_number, format_percent
from studio.units import format_length, parse_length

COVERAGE_GRID = 400
CONTRAST_PIXELS = 320


def text_leaves(ctx: CheckContext) -> list[Leaf]:
    return [
        leaf
        for leaf in ctx.tree.leaves
        if leaf.tag == "text"
        and leaf.text.strip()
        and leaf.box is not None
        and (leaf.paints_fill or leaf.paints_stroke)
    ]


def check(ctx: CheckContext) -> list[Finding]:
    leaves = text_leaves(ctx)
    if not leaves:
        return []
    return _size(ctx, leaves) + _font(ctx, leaves) + _coverage(ctx, leaves) + _contrast(ctx, leaves)


def _quote(leaf: Leaf) -> str:
    words = " ".join(leaf.text.split())
    # TRANSLATORS: how a check message quotes a text (the same quotes as an element's label).
    return _("“{label}”").format(label=f"{words[:30]}…" if len(words) > 30 else words)


def _size(ctx: CheckContext, leaves: list[Leaf]) -> list[Finding]:
    minimum = ctx.brief.rules.min_text_size
    if minimum is None:
        return []
    raw = str(ctx.brief.raw.get("rules", {}).get("min_text_size", "1mm"))
    unit = parse_length(raw)[1]
    out = []
    for leaf in leaves:
        if leaf.font_size < minimum - 1e-6:
            out.append(
                Finding(
                    "text.size",
                    "error",
                    _(
                        "The text {text} is {size} tall; the brief asks for at least {minimum} "
                        "so it stays readable."
                    ).format(
                        text=_quote(leaf),
                        size=format_length(leaf.font_size, unit, ctx.brief.dpi, 1),
                        minimum=format_length(minimum, unit, ctx.brief.dpi, 1),
                    ),
                    leaf.element,
                    bbox_of(leaf.box),
                )
            )
    return out


def primary_family(families: list[str]) -> str | None:
    """The first named (non-generic) family: the one the author chose."""
    return next((f for f in families if f.lower() not in GENERIC_FAMILIES), None)


# Weight and slope words a full font name adds to its family ("Noto Sans Bold Italic").
STYLE_WORDS = frozenset(
    {
        "regular",
        "normal",
        "roman",
        "book",
        "italic",
        "oblique",
        "bold",
        "black",
        "heavy",
        "medium",
        "light",
        "thin",
        "hairline",
        "semibold",
        "demibold",
        "extrabold",
        "ultrabold",
        "extralight",
        "ultralight",
        "semilight",
        "extrablack",
        "ultrablack",
    }
)


def _compact(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def family_allowed(family: str, allowed: list[str]) -> bool:
    """Whether ``family`` names one of the ``allowed`` families. Tools do not all write the
    family name: Illustrator and Affinity write the PostScript name (``NotoSans-Bold``),
    others the full name (``Noto Sans Bold``); both name the family ``Noto Sans``. A
    different family with a longer name (``Noto Sans Mono``) is not the same family."""
    wanted = {_compact(a) for a in allowed}
    if _compact(family) in wanted:
        return True
    if "-" in family and _compact(family.split("-", 1)[0]) in wanted:
        return True  # PostScript name: family, hyphen, style
    words = family.replace("-", " ").replace("_", " ").split()
    while words and words[-1].lower() in STYLE_WORDS:
        words.pop()
    return bool(words) and _compact("".join(words)) in wanted


def _font(ctx: CheckContext, leaves: list[Leaf]) -> list[Finding]:
    allowed = ctx.brief.rules.fonts
    if allowed is None:
        return []
    listed = ", ".join(allowed)
    out = []
    for leaf in leaves:
        family = primary_family(leaf.families)
        if family is not None and family_allowed(family, list(allowed)):
            continue
        what = (
            _("The text {text} uses the font {font}; the brief allows {fonts}.")
            if family
            else _(
                "The text {text} names no font, only “{generic}”, which changes from one "
                "computer to the next; the brief allows {fonts}."
            )
        )
        fix = (
            Fix(
                "swap_font",
                _("Use {font}").format(font=allowed[0]),
                {"element": leaf.element, "family": allowed[0]},
            )
            if leaf.element and allowed
            else None
        )
        out.append(
            Finding(
                "text.font",
                "error",
                what.format(
                    text=_quote(leaf),
                    font=family,
                    generic=", ".join(leaf.families) or "serif",
                    fonts=listed,
                ),
                leaf.element,
                bbox_of(leaf.box),
                fix,
            )
        )
    return out


def coverage(ctx: CheckContext, leaves: list[Leaf]) -> float:
    """Share of the trim box covered by the union of text boxes (on a coarse grid)."""
    w, h = ctx.size_mm
    step = max(w, h) / COVERAGE_GRID
    grid = np.zeros((max(1, round(h / step)), max(1, round(w / step))), dtype=bool)
    for leaf in leaves:
        b = leaf.box
        assert b is not None
        x0, y0 = max(0, round(b.x / step)), max(0, round(b.y / step))
        x1, y1 = (
            min(grid.shape[1], round(b.right / step)),
            min(grid.shape[0], round(b.bottom / step)),
        )
        if x1 > x0 and y1 > y0:
            grid[y0:y1, x0:x1] = True
    return float(grid.mean())


def _coverage(ctx: CheckContext, leaves: list[Leaf]) -> list[Finding]:
    limit = ctx.brief.rules.max_text_coverage
    if limit is None:
        return []
    share = coverage(ctx, leaves)
    if share <= limit + 1e-9:
        return []
    return [
        Finding(
            "text.coverage",
            "error",
            _(
                "Text covers {share} of the canvas; the brief allows at most {limit}. "
                "Shorten it or make it smaller."
            ).format(share=format_percent(share), limit=format_percent(limit)),
        )
    ]


def grounds(ctx: CheckContext) -> list[tuple[int, int, int]]:
    colors = [hex_to_rgb(g.color) for g in ctx.brief.garment_colors]
    return colors or [(255, 255, 255)]


def beneath(ctx: CheckContext, leaf: Leaf) -> np.ndarray:
    """Pixels rendered under the text's box with the text left out. The live session passes a
    cache (``ctx.extra["beneath_cache"]``) and a key function that changes when anything
    under the text changes (``ctx.extra["beneath_key"]``)."""
    box = leaf.box
    assert box is not None
    cache, key_of = ctx.extra.get("beneath_cache"), ctx.extra.get("beneath_key")
    key = key_of(leaf) if callable(key_of) else None
    if isinstance(cache, dict) and key is not None and key in cache:
        cached: np.ndarray = cache[key]
        return cached
    pixels = _render_beneath(ctx, leaf, box)
    if isinstance(cache, dict) and key is not None:
        cache[key] = pixels
    return pixels


def _render_beneath(ctx: CheckContext, leaf: Leaf, box: Box) -> np.ndarray:
    scale = min(8.0, CONTRAST_PIXELS / max(box.width, box.height, 1e-6))
    wpx, hpx = max(2, round(box.width * scale)), max(2, round(box.height * scale))
    parents = ctx.extra.get("parents")
    if not isinstance(parents, dict):
        parents = parent_map(ctx.root)
        ctx.extra["parents"] = parents
    rgba = render_region(
        ctx.root, ctx.tree.root_matrix, box, wpx, hpx, [leaf.node], parents, ctx.blobs
    )
    return rgba.reshape(-1, 4)


def contrast_against(
    pixels: np.ndarray,
    text_rgb: tuple[int, int, int],
    ground: tuple[int, int, int],
    text_alpha: float = 1.0,
) -> float:
    """Contrast of the text's colour with the median of what lies beneath it on ``ground``;
    a see-through text (``fill-opacity``, ``opacity``: Figma's grey text is black at 60 %)
    shows as its colour blended with what is beneath."""
    alpha = pixels[:, 3:4].astype(np.float64) / 255
    flat = pixels[:, :3] * alpha + np.array(ground) * (1 - alpha)
    median = np.median(flat, axis=0)
    seen = np.array(text_rgb) * text_alpha + median * (1 - text_alpha)
    return contrast_ratio(seen, median)


def text_alpha(leaf: Leaf) -> float:
    """How opaque the text's paint is: its opacity times its fill's (or stroke's)."""
    paint = leaf.fill_opacity if leaf.fill.rgb is not None else leaf.stroke_opacity
    return max(0.0, min(1.0, leaf.opacity * paint))


def _contrast(ctx: CheckContext, leaves: list[Leaf]) -> list[Finding]:
    minimum = ctx.brief.rules.min_text_contrast
    if minimum is None:
        return []
    out = []
    for leaf in leaves:
        rgb = leaf.fill.rgb or leaf.stroke.rgb
        if rgb is None:
            continue  # gradient text: no single colour to measure
        pixels = beneath(ctx, leaf)
        alpha = text_alpha(leaf)
        ratio = min(contrast_against(pixels, rgb, g, alpha) for g in grounds(ctx))
        if ratio < minimum - 1e-6:
            out.append(
                Finding(
                    "text.contrast",
                    "error",
                    _(
                        "The text {text} is hard to read: contrast {ratio}:1 against "
                        "what lies under it; the brief asks for at least {minimum}:1."
                    ).format(
                        text=_quote(leaf),
                        ratio=format_number(ratio, 1),
                        minimum=format_number(minimum, 2),
                    ),
                    leaf.element,
                    bbox_of(leaf.box),
                )
            )
    return out
