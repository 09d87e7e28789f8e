"""``motif-studio export DESIGN [--brief BRIEF] --format png|jpg|pdf|svg|separations [--dpi N]
[--base-dir DIR] -o OUT``.

DESIGN was named by the user, so a plain SVG keeps the images and style sheets it links from
under ``--base-dir`` (default: its own folder), as :func:`studio.render.export.export_png`
allows for a chosen file. A plain SVG at a ``--dpi`` is drawn at its own size (CSS pixels are
1/96 inch): the same pixels as ``export_png``, which bench/bench_fidelity.py measures through
this command. Exit 2 with one line on stderr for input we refuse (a renderer panic prints
nothing of its own).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from studio.cli import separations
from studio.i18n import _

FORMATS = ("png", "jpg", "pdf", "svg", "separations")


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export",
        help=_("export a design to PNG, JPEG, PDF or SVG"),
        description=_("Export a design (a Motif Studio file, a plain SVG, a PNG or JPEG)."),
    )
    p.add_argument("design", metavar="DESIGN")
    p.add_argument("--brief", metavar="BRIEF", help=_("size the output from this brief's canvas"))
    p.add_argument("--format", choices=FORMATS, help=_("default: from OUT's extension"))
    p.add_argument("--dpi", type=float, help=_("output resolution (raster formats)"))
    p.add_argument("--quality", type=int, default=92, help=_("JPEG quality (1-100)"))
    p.add_argument("-o", "--output", required=True, metavar="OUT", help=_("the file to write"))
    p.add_argument("--base-dir", metavar="DIR",
                   help=_("folder local images and style sheets may come from "
                          "(default: the design's folder)"))
    separations.add_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studio.brief import load_brief
    from studio.design import open_design
    from studio.errors import InputError
    from studio.export.deliverables import Target, export_bytes, target_for
    from studio.fsutil import atomic_write
    from studio.render.watchdog import quiet_stderr

    fmt = args.format or Path(args.output).suffix.lower().lstrip(".").replace("jpeg", "jpg")
    if fmt not in FORMATS:
        raise InputError(args.output, _("cannot tell the format: give --format png|jpg|pdf|svg"))
    if args.dpi is not None and not 1 <= args.dpi <= 2400:
        raise InputError(
            None, _("--dpi {dpi} is out of range (1 to 2400)").format(dpi=f"{args.dpi:g}")
        )
    if fmt == "separations":
        return separations.run(args)
    brief = load_brief(args.brief) if args.brief else None
    design = open_design(args.design, brief.dpi if brief else 300.0, allow_local_images=True,
                         base_dir=args.base_dir)
    target = target_for(design, fmt, args.dpi, brief)
    target = Target(target.format, target.width_px, target.height_px, target.dpi, args.quality)
    if target.width_px * target.height_px > 400_000_000:
        raise InputError(
            args.design,
            _("{width}×{height} pixels is too large to export").format(
                width=target.width_px, height=target.height_px
            ),
        )
    try:
        with quiet_stderr():  # a Rust panic would print its own lines before our one
            data = export_bytes(design, target)
    except InputError as exc:  # the renderer does not know which file it was drawing
        raise InputError(exc.source or args.design, exc.problem) from None
    atomic_write(args.output, data)
    return 0
