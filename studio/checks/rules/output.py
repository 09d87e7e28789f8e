"""``output.max_bytes``: the real exported deliverables against their weight limits.

Runs only with an output directory: the brief's outputs are exported there first, with the
same code the app's export uses, so the sizes checked are the sizes sent.
"""

from __future__ import annotations

from studio.checks.context import CheckContext
from studio.checks.model import Finding
from studio.errors import InputError
from studio.i18n import _
from studio.l10n import format_file_size

EXTENSIONS = {"png": "png", "jpg": "jpg", "pdf": "pdf", "svg": "svg"}


def check(ctx: CheckContext) -> list[Finding]:
    if ctx.output_dir is None:
        return []
    from studio.export.deliverables import export_bytes, target_for
    from studio.fsutil import atomic_write

    try:
        ctx.output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            ctx.output_dir, _("cannot create the output directory ({error})").format(error=exc)
        ) from None
    out = []
    for spec in ctx.brief.outputs:
        ext = EXTENSIONS.get(spec.format)
        if ext is None:
            continue  # separations are made by the production tools, not checked here
        target = target_for(ctx.design, spec.format, spec.dpi, ctx.brief, spec)
        data = export_bytes(ctx.design, target)
        path = ctx.output_dir / f"{spec.id}.{ext}"
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise InputError(
                path, _("cannot write the deliverable ({error})").format(error=exc)
            ) from None
        if spec.max_bytes is not None and len(data) > spec.max_bytes:
            out.append(
                Finding(
                    "output.max_bytes",
                    "error",
                    _(
                        "The “{output}” file ({file}) weighs {size}; the brief allows {limit}. "
                        "Simplify the artwork or lower its quality."
                    ).format(
                        output=spec.id,
                        file=path.name,
                        size=format_file_size(len(data)),
                        limit=format_file_size(spec.max_bytes),
                    ),
                )
            )
    return out
