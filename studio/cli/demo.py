"""``motif-studio demo [-o DIR]``: check and export the bundled sample design against the sample
brief, headless; what the README's first command runs where there is no display."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help=_("check and export the bundled sample design (headless)"))
    p.add_argument("-o", "--output-dir", default="out", metavar="DIR")
    p.add_argument(
        "--sample", default="lafraise-tee", help=_("lafraise-tee, dtg-tee or display-ad")
    )
    p.set_defaults(func=lambda args: run_demo(args.output_dir, args.sample))


def run_demo(output_dir: str | Path, sample: str = "lafraise-tee") -> int:
    from studio.brief import load_brief
    from studio.design import open_design
    from studio.export.deliverables import export_bytes, target_for
    from studio.fsutil import atomic_write
    from studio.l10n import format_file_size
    from studio.samples import sample_brief_path, sample_design_path

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    brief = load_brief(sample_brief_path(sample))
    design = open_design(sample_design_path(sample), brief.dpi)
    print(
        _("Brief: {title} ({id} v{version})").format(
            title=brief.title, id=brief.id, version=brief.version
        )
    )
    print(_("Design: {path}").format(path=design.path))
    written = []
    for output in brief.outputs:
        if output.format == "separations":
            continue
        target = target_for(design, output.format, brief=brief, output=output)
        path = out / f"{output.id}.{output.format}"
        atomic_write(path, export_bytes(design, target))
        written.append(path)
        size = format_file_size(path.stat().st_size)
        if output.format != "pdf":
            size = f"{target.width_px}×{target.height_px} px, {size}"
        print("  " + _("wrote {path} ({size})").format(path=path, size=size))
    return 0
