"""``inks.count``, ``inks.palette``, ``inks.gradient``, ``inks.transparency``.

Gradients and partial transparency are found in the SVG's structure (a visible shape painted
with a gradient of distinct stops; opacity, fill/stroke-opacity, ``rgba()``, stop-opacity,
masks; images with translucent pixels) and, for PNG/JPEG designs, in the pixels. Inks are
counted on the rendered artwork (``studio.checks.inkcount``), where continuous tone is
reported as such, never as hundreds of inks.
"""

from __future__ import annotations

import numpy as np

from studio.checks.color import delta_e2000, hex_to_rgb, srgb_to_lab
from studio.checks.context import CheckContext
from studio.checks.imagecrop import ImageCrops
from studio.checks.inkcount import InkAnalysis, analyse, histogram
from studio.checks.model import Finding, Fix, bbox_of
from studio.checks.rules.common import is_artwork
from studio.checks.svgtree import Leaf
from studio.checks.tiles import Tiler, tileable, total
from studio.i18n import _
from studio.l10n import format_number, format_percent

CONTINUOUS_SHARE = 0.05
PARTIAL_ALPHA_SHARE = 0.01
IMAGE_ALPHA_SHARE = 0.01


def check(ctx: CheckContext) -> list[Finding]:
    rules, inks = ctx.brief.rules, ctx.brief.inks
    out: list[Finding] = []
    raster = ctx.design.is_raster
    structural_gradient = structural_alpha = False
    if not raster:
        grads, alphas = _structure(ctx)
        structural_gradient, structural_alpha = bool(grads), bool(alphas)
        if rules.gradients == "forbid":
            out += grads
        if rules.transparency == "forbid":
            out += alphas
    wants_pixels = inks.max_colors is not None or (inks.palette_only and inks.palette)
    wants_pixels = wants_pixels or (raster and "forbid" in (rules.gradients, rules.transparency))
    if not wants_pixels:
        return out
    analysis = ink_analysis(ctx)
    if (
        rules.gradients == "forbid"
        and not structural_gradient
        and (analysis.continuous_share > CONTINUOUS_SHARE)
    ):
        out.append(
            Finding(
                "inks.gradient",
                "error",
                _(
                    "{share} of the artwork is smooth colour blends "
                    "(gradients or photo-like shading); the brief asks for flat inks only."
                ).format(share=format_percent(analysis.continuous_share)),
            )
        )
    if (
        rules.transparency == "forbid"
        and not structural_alpha
        and (analysis.partial_alpha_share > PARTIAL_ALPHA_SHARE)
    ):
        out.append(
            Finding(
                "inks.transparency",
                "error",
                _(
                    "{share} of the artwork is see-through; the brief asks for solid inks only."
                ).format(share=format_percent(analysis.partial_alpha_share)),
            )
        )
    out += _count(ctx, analysis) + _palette(ctx, analysis)
    return out


def ink_analysis(ctx: CheckContext) -> InkAnalysis:
    """Inks of the artwork. A vector design is counted from its tiles
    (``studio.checks.tiles``), the pixels a live re-check patches, so that both say the
    same; a PNG/JPEG design (with a tolerance for compression noise), or a design with
    filter effects, from its pixels whole."""
    cached = ctx.extra.get("inks")
    if isinstance(cached, InkAnalysis):
        return cached
    if tileable(ctx) and ctx.pixels_override is None:
        tiler = Tiler(ctx, ImageCrops())
        hist = total(list(tiler.histograms(tiler.tile_keys()).values()))
        result = analyse(hist, tiler.ppm, ctx.brief.inks.delta_e)
    else:
        rgba, ppm = ctx.pixels
        tolerance = 6 if ctx.design.is_raster else 0
        result = analyse(histogram(rgba, tolerance), ppm, ctx.brief.inks.delta_e, tolerance > 0)
    ctx.extra["inks"] = result
    return result


def _count(ctx: CheckContext, analysis: InkAnalysis) -> list[Finding]:
    limit = ctx.brief.inks.max_colors
    if limit is None or len(analysis.inks) <= limit:
        return []
    colours = ", ".join(ink.hex for ink in analysis.inks[:12])
    return [
        Finding(
            "inks.count",
            "error",
            _(
                "{count} inks, the brief allows {max} ({colours}). "
                "Merge colours or use the brief's palette."
            ).format(count=len(analysis.inks), max=limit, colours=colours),
        )
    ]


def _palette(ctx: CheckContext, analysis: InkAnalysis) -> list[Finding]:
    spec = ctx.brief.inks
    if not (spec.palette_only and spec.palette) or not analysis.inks:
        return []
    palette_lab = srgb_to_lab(np.array([hex_to_rgb(i.color) for i in spec.palette]))
    out = []
    for ink in analysis.inks:
        de = delta_e2000(srgb_to_lab(np.array(ink.rgb))[None, :], palette_lab)
        nearest = int(np.argmin(de))
        if de[nearest] <= spec.delta_e:
            continue
        target = spec.palette[nearest]
        users = _elements_using(ctx, ink.rgb)
        fix = None
        if users and users[0][1] == "image":
            fix = Fix(
                "posterize_image",
                _("Reduce the image to the brief's inks"),
                {"element": users[0][0], "palette": [i.color for i in spec.palette]},
            )
        elif users:
            fix = Fix(
                "snap_color",
                _("Use {ink}").format(ink=target.name),
                {
                    "elements": [u[0] for u in users],
                    "to": target.color,
                    "palette": [i.color for i in spec.palette],
                },
            )
        element = users[0][0] if users else None
        box = users[0][2] if users else None
        out.append(
            Finding(
                "inks.palette",
                "error",
                _(
                    "The colour {colour} ({share} of the artwork) is not one of the "
                    "brief's inks; the nearest is {ink} {ink_colour} "
                    "(ΔE {delta_e}, the brief allows {allowed})."
                ).format(
                    colour=ink.hex,
                    share=format_percent(ink.share),
                    ink=target.name,
                    ink_colour=target.color,
                    delta_e=format_number(float(de[nearest]), 1),
                    allowed=format_number(spec.delta_e, 2),
                ),
                element,
                box,
                fix,
            )
        )
    return out


def _elements_using(
    ctx: CheckContext, rgb: tuple[int, int, int]
) -> list[tuple[str, str, tuple[float, float, float, float] | None]]:
    """Elements whose flat fill or stroke is within ΔE of ``rgb``, largest first; images
    come last (a colour from a photo is only theirs when no shape paints it)."""
    if ctx.design.is_raster:
        return []
    target = srgb_to_lab(np.array(rgb))
    found: dict[str, tuple[float, str, tuple[float, float, float, float] | None]] = {}
    images = []
    for leaf in ctx.tree.leaves:
        if not leaf.element or not is_artwork(leaf) or leaf.box is None:
            continue
        if leaf.tag == "image":
            images.append((leaf.element, "image", bbox_of(leaf.box)))
            continue
        for paint in (
            leaf.fill if leaf.paints_fill else None,
            leaf.stroke if leaf.paints_stroke else None,
        ):
            if paint is None or paint.rgb is None:
                continue
            de = float(delta_e2000(srgb_to_lab(np.array(paint.rgb)), target))
            if de <= ctx.brief.inks.delta_e:
                area = leaf.box.width * leaf.box.height
                if leaf.element not in found or found[leaf.element][0] < area:
                    found[leaf.element] = (area, leaf.tag, bbox_of(leaf.box))
    ranked = sorted(found.items(), key=lambda kv: -kv[1][0])
    return [(k, v[1], v[2]) for k, v in ranked] + images


def _structure(ctx: CheckContext) -> tuple[list[Finding], list[Finding]]:
    grads: dict[object, Finding] = {}
    alphas: dict[object, Finding] = {}
    for i, leaf in enumerate(ctx.tree.leaves):
        if not is_artwork(leaf):
            continue
        key = leaf.element or i
        gradient = _gradient_paint(ctx, leaf)
        if gradient and key not in grads:
            name = ctx.name(leaf.element, _("Some artwork"))
            grads[key] = Finding(
                "inks.gradient",
                "error",
                _(
                    "{name} is painted with a gradient; the brief asks for flat colours only "
                    "(each ink is printed solid)."
                ).format(name=name),
                leaf.element,
                bbox_of(leaf.box),
            )
        why = _transparency(ctx, leaf)
        if why and key not in alphas:
            name = ctx.name(leaf.element, _("Some artwork"))
            alphas[key] = Finding(
                "inks.transparency",
                "error",
                _(
                    "{name} is partly transparent ({why}); the brief asks for solid inks only."
                ).format(name=name, why=why),
                leaf.element,
                bbox_of(leaf.box),
            )
    return list(grads.values()), list(alphas.values())


def _gradient_paint(ctx: CheckContext, leaf: Leaf) -> bool:
    for paint, used in ((leaf.fill, leaf.paints_fill), (leaf.stroke, leaf.paints_stroke)):
        gradient = ctx.tree.gradient(paint) if used else None
        if gradient is not None and not gradient.is_flat:
            return True
    return False


def _transparency(ctx: CheckContext, leaf: Leaf) -> str | None:
    if leaf.opacity < 0.999:
        return _("opacity {share}").format(share=format_percent(leaf.opacity))
    if leaf.paints_fill and leaf.fill_opacity < 0.999:
        return _("fill opacity {share}").format(share=format_percent(leaf.fill_opacity))
    if leaf.paints_stroke and leaf.stroke_opacity < 0.999:
        return _("stroke opacity {share}").format(share=format_percent(leaf.stroke_opacity))
    if leaf.masked:
        return _("a mask")
    for paint, used in ((leaf.fill, leaf.paints_fill), (leaf.stroke, leaf.paints_stroke)):
        gradient = ctx.tree.gradient(paint) if used else None
        if gradient is not None and gradient.has_transparency:
            return _("a gradient that fades out")
    if leaf.tag == "image" and leaf.image is not None and leaf.image.has_alpha:
        share = image_alpha_share(leaf.image.data, leaf.image.sha256)
        if share > IMAGE_ALPHA_SHARE:
            return _("{share} of the image's pixels are see-through").format(
                share=format_percent(share)
            )
    return None


_ALPHA_CACHE: dict[str, float] = {}


def image_alpha_share(data: bytes, key: str) -> float:
    """Share of an image's visible pixels that are partly transparent (edges of a cut-out
    are a thin line; a faded photo is most of it)."""
    if key not in _ALPHA_CACHE:
        from studio.safety.images import open_image

        alpha = np.asarray(open_image(data, "image").convert("RGBA"))[..., 3]
        visible = np.count_nonzero(alpha)
        partial = np.count_nonzero((alpha > 0) & (alpha < 250))
        _ALPHA_CACHE[key] = partial / visible if visible else 0.0
    return _ALPHA_CACHE[key]
