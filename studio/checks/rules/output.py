"""``output.max_bytes``: the real exported deliverables against their weight limits.

Runs only with an output directory: the brief's outputs are exported there first, with the
same code the app's export uses, so the sizes checked are the sizes sent.
"""

from __future__ import annotations

from studio.checks.context import CheckContext
from studio.checks.model import Finding
from studio.errors import InputError

EXTENSIONS = {"png": "png", "jpg": "jpg", "pdf": "pdf", "svg": "svg"}


def check(ctx: CheckContext) -> list[Finding]:
    if ctx.output_dir is None:
        return []
    from studio.export.deliverables import export_bytes, target_for
    from studio.fsutil import atomic_write

    try:
        ctx.output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(ctx.output_dir, f"cannot create the output directory ({exc})") from None
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
            raise InputError(path, f"cannot write the deliverable ({exc})") from None
        if spec.max_bytes is not None and len(data) > spec.max_bytes:
            out.append(
                Finding(
                    "output.max_bytes",
                    "error",
                    f"The “{spec.id}” file ({path.name}) weighs {_kb(len(data))}; the brief "
                    f"allows {_kb(spec.max_bytes)}. Simplify the artwork or lower its quality.",
                )
            )
    return out


def _kb(n: int) -> str:
    return f"{n / 1000:.0f} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"
