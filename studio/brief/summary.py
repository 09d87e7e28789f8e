"""The brief's constraints in plain words, for people who have never read a print spec.

Shown in the app next to the brief's own description; kept in core so it is tested headless and
the same sentences can appear in reports.
"""

from __future__ import annotations

from studio.brief.model import Brief
from studio.units import format_length

_POLICY = {"forbid": "not allowed", "warn": "discouraged", "allow": "allowed"}


def _len(brief: Brief, mm: float) -> str:
    return format_length(mm, brief.unit, brief.dpi)


def constraint_lines(brief: Brief) -> list[str]:
    """One short sentence per constraint, most important first."""
    lines = [
        f"Canvas: {_len(brief, brief.width)} × {_len(brief, brief.height)} "
        f"at {brief.dpi:g} DPI ({brief.width_px} × {brief.height_px} pixels)."
    ]
    if brief.bleed > 0:
        lines.append(f"Extend backgrounds {_len(brief, brief.bleed)} past the edge (bleed).")
    if brief.safe_margin > 0:
        lines.append(f"Keep important things {_len(brief, brief.safe_margin)} inside the edge.")
    inks = brief.inks
    if inks.max_colors:
        lines.append(f"Use at most {inks.max_colors} ink colours.")
    if inks.palette:
        names = ", ".join(i.name for i in inks.palette)
        rule = "Only these inks" if inks.palette_only else "Suggested inks"
        lines.append(f"{rule}: {names}.")
    rules = brief.rules
    for required in rules.required:
        where = " in its marked zone" if required.zone else ""
        size = f", at least {_len(brief, required.min_width)} wide" if required.min_width else ""
        lines.append(f"Place the brand's “{required.id}” unaltered{where}{size}.")
    if rules.keep_out:
        count = len(rules.keep_out)
        lines.append(f"Leave {count} marked area{'s' if count > 1 else ''} empty (keep-out).")
    if rules.min_text_size:
        lines.append(f"Text at least {format_length(rules.min_text_size, 'pt', brief.dpi)}.")
    if rules.min_stroke_width:
        lines.append(f"Lines at least {_len(brief, rules.min_stroke_width)} thick.")
    for label, value in (
        ("Transparency", rules.transparency),
        ("Gradients", rules.gradients),
        ("Photos and other raster images", rules.raster_images),
    ):
        if value:
            lines.append(f"{label}: {_POLICY.get(value, value)}.")
    if rules.min_image_dpi:
        lines.append(f"Images at least {rules.min_image_dpi:g} DPI at their printed size.")
    if rules.fonts:
        lines.append(f"Fonts: {', '.join(rules.fonts)}.")
    if rules.max_text_coverage:
        lines.append(f"Text covers at most {rules.max_text_coverage:.0%} of the visual.")
    if rules.min_text_contrast:
        lines.append(f"Text contrast at least {rules.min_text_contrast:g}:1 (readable).")
    if brief.outputs:
        formats = ", ".join(sorted({o.format.upper() for o in brief.outputs}))
        lines.append(f"Deliver {len(brief.outputs)} file(s): {formats}.")
    return lines


def summary_text(brief: Brief) -> str:
    """The constraints as a bulleted plain-text list."""
    return "\n".join(f"• {line}" for line in constraint_lines(brief))
