"""``required.*``: the brand's elements (``motif:required="ID"``) are there, unaltered, large
enough, in their zone and with their clear space.

"Unaltered" is judged against the brief's own asset, so it holds for files from any tool:
our ``motif:asset-sha256`` must match when present; the element's shapes are compared with
the asset's (same number, same fills and strokes: no recolouring) and the transform from the
asset to the placed element must be a similarity (no stretching, no skew).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from studio.brief.model import RequiredElement
from studio.checks.context import CheckContext
from studio.checks.imageinfo import probe_bytes
from studio.checks.model import Finding, Fix, bbox_of
from studio.checks.rules.common import covers, is_artwork, overflow
from studio.checks.svgtree import Leaf, RequiredGroup, build_tree
from studio.checks.transform import is_distorted
from studio.document.geometry import Box, multiply
from studio.document.geometry import invert as invert_matrix
from studio.document.importer import svg_size_mm
from studio.errors import InputError
from studio.i18n import _
from studio.safety.svg import parse_svg
from studio.units import format_length


def check(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for spec in ctx.brief.rules.required:
        group = ctx.tree.required.get(spec.id)
        if group is None or group.box is None:
            out.append(
                Finding(
                    "required.missing",
                    "error",
                    _(
                        "The brand's required element “{id}” is missing: place it from the "
                        "brief (it must carry motif:required so checks can find it)."
                    ).format(id=spec.id),
                )
            )
            continue
        out += _modified(ctx, spec, group)
        out += _size_and_zone(ctx, spec, group)
        out += _clear_space(ctx, spec, group)
    return out


def _length(ctx: CheckContext, mm: float) -> str:
    return format_length(mm, ctx.brief.unit, ctx.brief.dpi)


def _size_and_zone(ctx: CheckContext, spec: RequiredElement, group: RequiredGroup) -> list[Finding]:
    out = []
    box = group.box
    assert box is not None
    width = (group.frame or box).width
    if spec.min_width is not None and width < spec.min_width - 0.05:
        out.append(
            Finding(
                "required.size",
                "error",
                _("The “{id}” is {width} wide; the brand asks for at least {minimum}.").format(
                    id=spec.id, width=_length(ctx, width), minimum=_length(ctx, spec.min_width)
                ),
                group.element,
                bbox_of(box),
                Fix(
                    "scale_required",
                    _("Enlarge it to {width}").format(width=_length(ctx, spec.min_width)),
                    {
                        "element": group.element,
                        "min_width": spec.min_width,
                        "zone": spec.zone.as_list() if spec.zone else None,
                    },
                )
                if group.element
                else None,
            )
        )
    if spec.zone is not None:
        zone = Box(spec.zone.x, spec.zone.y, spec.zone.width, spec.zone.height)
        if overflow(box, zone) > 0.05:
            out.append(
                Finding(
                    "required.zone",
                    "error",
                    _(
                        "The “{id}” must sit inside its zone; it reaches {length} outside it."
                    ).format(id=spec.id, length=_length(ctx, overflow(box, zone))),
                    group.element,
                    bbox_of(box),
                    Fix(
                        "move_inside",
                        _("Move it into its zone"),
                        {"element": group.element, "box": zone.as_list()},
                    )
                    if group.element
                    else None,
                )
            )
    return out


def _clear_space(ctx: CheckContext, spec: RequiredElement, group: RequiredGroup) -> list[Finding]:
    if not spec.clear_space:
        return []
    box = group.box
    assert box is not None
    keep = box.inflate(spec.clear_space)
    members = {id(leaf) for leaf in group.leaves}
    out = []
    seen: set[object] = set()
    for i, leaf in enumerate(ctx.tree.leaves):
        if id(leaf) in members or not is_artwork(leaf) or leaf.box is None:
            continue
        # A ground the logo sits on (a background) is not "other artwork nearby".
        if not leaf.box.intersects(keep) or covers(leaf.box, keep):
            continue
        key = leaf.element or i
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Finding(
                "required.clear_space",
                "error",
                _(
                    "{name} comes within {length} of the “{id}”: the brand asks for "
                    "that much empty space around it."
                ).format(
                    name=ctx.name(leaf.element, _("Some artwork")),
                    length=_length(ctx, spec.clear_space),
                    id=spec.id,
                ),
                leaf.element,
                bbox_of(leaf.box),
            )
        )
    return out


def _modified(ctx: CheckContext, spec: RequiredElement, group: RequiredGroup) -> list[Finding]:
    try:
        asset = ctx.brief.asset(spec.asset)
    except KeyError:
        return []
    reason = _difference(ctx, spec, group, asset)
    if reason is None:
        return []
    return [
        Finding(
            "required.modified",
            "error",
            _(
                "The “{id}” has been altered ({reason}); the brand's element must be used "
                "exactly as supplied. Place it again from the brief."
            ).format(id=spec.id, reason=reason),
            group.element,
            bbox_of(group.box),
        )
    ]


def _difference(
    ctx: CheckContext, spec: RequiredElement, group: RequiredGroup, asset: bytes
) -> str | None:
    sha = hashlib.sha256(asset).hexdigest()
    if group.asset_sha256 and group.asset_sha256 != sha:
        return _("it is not the brand's file")
    if PurePosixPath(spec.asset).suffix.lower() != ".svg":
        return _raster_difference(group, asset)
    try:
        root = parse_svg(asset, spec.asset)
    except InputError:
        return None
    reference = [leaf for leaf in build_tree(root, *svg_size_mm(root)).leaves if is_artwork(leaf)]
    placed = [leaf for leaf in group.leaves if is_artwork(leaf)]
    if len(reference) != len(placed):
        return _("it has {count} shapes where the brand's has {expected}").format(
            count=len(placed), expected=len(reference)
        )
    for ours, theirs in zip(placed, reference, strict=True):
        if _paints(ours) != _paints(theirs):
            return _("its colours differ from the brand's")
        try:
            relative = multiply(ours.matrix, invert_matrix(theirs.matrix))
        except ValueError:
            return _("it is flattened")
        if is_distorted(relative):
            return _("it is stretched or skewed")
    return None


def _paints(leaf: Leaf) -> tuple[object, ...]:
    return (
        leaf.fill.hex if leaf.paints_fill else None,
        leaf.stroke.hex if leaf.paints_stroke else None,
        round(leaf.fill_opacity, 2),
        round(leaf.opacity, 2),
    )


def _raster_difference(group: RequiredGroup, asset: bytes) -> str | None:
    images = [leaf for leaf in group.leaves if leaf.tag == "image" and leaf.image]
    info = probe_bytes(asset)
    if not images or info is None:
        return None
    image = images[0]
    assert image.image is not None
    if image.image.sha256 != info.sha256:
        return _("its pixels differ from the brand's file")
    w, h = image.image_size
    if w and h and abs((w / h) / (info.width / info.height) - 1) > 0.01:
        return _("it is stretched")
    return None
