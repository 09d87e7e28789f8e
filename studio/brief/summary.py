"""The brief's constraints in plain words, for people who have never read a print spec.

Shown in the app next to the brief's own description; kept in core so it is tested headless and
the same sentences can appear in reports.
"""

from __future__ import annotations

from studio.brief.model import Brief
from studio.i18n import _, ngettext
from studio.units import format_length


def _policy(value: str) -> str:
    return {"forbid": _("not allowed"), "warn": _("discouraged"), "allow": _("allowed")}.get(
        value, value
    )


def _len(brief: Brief, mm: float) -> str:
    return format_length(mm, brief.unit, brief.dpi)


def constraint_lines(brief: Brief) -> list[str]:
    """One short sentence per constraint, most important first (in the app's language)."""
    lines = [
        _("Canvas: {width} × {height} at {dpi} DPI ({width_px} × {height_px} pixels).").format(
            width=_len(brief, brief.width),
            height=_len(brief, brief.height),
            dpi=f"{brief.dpi:g}",
            width_px=brief.width_px,
            height_px=brief.height_px,
        )
    ]
    if brief.bleed > 0:
        lines.append(
            _("Extend backgrounds {length} past the edge (bleed).").format(
                length=_len(brief, brief.bleed)
            )
        )
    if brief.safe_margin > 0:
        lines.append(
            _("Keep important things {length} inside the edge.").format(
                length=_len(brief, brief.safe_margin)
            )
        )
    inks = brief.inks
    if inks.max_colors:
        lines.append(
            ngettext(
                "Use at most {count} ink colour.",
                "Use at most {count} ink colours.",
                inks.max_colors,
            ).format(count=inks.max_colors)
        )
    if inks.palette:
        names = ", ".join(i.name for i in inks.palette)
        rule = (
            _("Only these inks: {names}.") if inks.palette_only else _("Suggested inks: {names}.")
        )
        lines.append(rule.format(names=names))
    rules = brief.rules
    for required in rules.required:
        if required.zone and required.min_width:
            text = _(
                "Place the brand's “{id}” unaltered in its marked zone, at least {width} wide."
            )
        elif required.zone:
            text = _("Place the brand's “{id}” unaltered in its marked zone.")
        elif required.min_width:
            text = _("Place the brand's “{id}” unaltered, at least {width} wide.")
        else:
            text = _("Place the brand's “{id}” unaltered.")
        width = _len(brief, required.min_width) if required.min_width else ""
        lines.append(text.format(id=required.id, width=width))
    if rules.keep_out:
        count = len(rules.keep_out)
        lines.append(
            ngettext(
                "Leave {count} marked area empty (keep-out).",
                "Leave {count} marked areas empty (keep-out).",
                count,
            ).format(count=count)
        )
    if rules.min_text_size:
        size = format_length(rules.min_text_size, "px" if brief.px_canvas else "pt", brief.dpi)
        lines.append(_("Text at least {size}.").format(size=size))
    if rules.min_stroke_width:
        lines.append(
            _("Lines at least {width} thick.").format(width=_len(brief, rules.min_stroke_width))
        )
    for label, value in (
        (_("Transparency: {policy}."), rules.transparency),
        (_("Gradients: {policy}."), rules.gradients),
        (_("Photos and other raster images: {policy}."), rules.raster_images),
    ):
        if value:
            lines.append(label.format(policy=_policy(value)))
    if rules.min_image_dpi:
        lines.append(
            _("Images at least {dpi} DPI at their printed size.").format(
                dpi=f"{rules.min_image_dpi:g}"
            )
        )
    if rules.fonts:
        lines.append(_("Fonts: {fonts}.").format(fonts=", ".join(rules.fonts)))
    if rules.max_text_coverage:
        lines.append(
            _("Text covers at most {percent} of the visual.").format(
                percent=f"{rules.max_text_coverage:.0%}"
            )
        )
    if rules.min_text_contrast:
        lines.append(
            _("Text contrast at least {ratio}:1 (readable).").format(
                ratio=f"{rules.min_text_contrast:g}"
            )
        )
    if brief.outputs:
        formats = ", ".join(sorted({o.format.upper() for o in brief.outputs}))
        lines.append(
            ngettext(
                "Deliver {count} file: {formats}.",
                "Deliver {count} files: {formats}.",
                len(brief.outputs),
            ).format(count=len(brief.outputs), formats=formats)
        )
    return lines


def summary_text(brief: Brief) -> str:
    """The constraints as a bulleted plain-text list."""
    return "\n".join(f"• {line}" for line in constraint_lines(brief))
