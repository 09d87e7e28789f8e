"""Options and handler of ``motif-studio export --format separations`` (films for the printer).

``-o OUT.pdf`` writes one PDF (a film per page, the composite proof last); any other ``-o`` is a
folder that receives one 1-bit PNG per plate and ``proof.png``.
"""

from __future__ import annotations

import argparse
import sys

from studio.i18n import _


def add_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(_("separations (with --format separations; needs --brief)"))
    g.add_argument("--garment", help=_("garment colour: a name from the brief or #RRGGBB"))
    g.add_argument(
        "--underbase",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_("white underbase under every ink but the darkest (default: on dark garments)"),
    )
    g.add_argument("--choke", type=float, default=0.25, metavar="MM", help=_("underbase choke"))
    g.add_argument(
        "--halftone",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_("AM halftone for tints (default: when the brief allows gradients)"),
    )
    g.add_argument("--lpi", type=float, default=45.0, help=_("halftone lines per inch"))
    g.add_argument("--angle", type=float, default=22.5, help=_("halftone screen angle, degrees"))
    g.add_argument("--margin", type=float, default=15.0, metavar="MM", help=_("film margin"))


def run(args: argparse.Namespace) -> int:
    from studio.brief import load_brief
    from studio.design import open_design
    from studio.errors import InputError
    from studio.production.output import write_separations
    from studio.production.separations import SeparationOptions, separate

    if not args.brief:
        raise InputError(None, _("separations need --brief (its palette names the inks)"))
    if not 1 <= args.lpi <= 300 or not 0 <= args.choke <= 10 or not 0 <= args.margin <= 100:
        raise InputError(None, _("--lpi, --choke or --margin is out of range"))
    brief = load_brief(args.brief)
    # The user's own file, as for the other export formats: its linked images come along.
    design = open_design(
        args.design, brief.dpi, allow_local_images=True, base_dir=getattr(args, "base_dir", None)
    )
    options = SeparationOptions(
        dpi=args.dpi,
        garment=args.garment,
        underbase=args.underbase,
        choke_mm=args.choke,
        halftone=args.halftone,
        lpi=args.lpi,
        angle=args.angle,
        margin_mm=args.margin,
    )
    result = separate(design, brief, options)
    for path in write_separations(result, args.output):
        print(path, file=sys.stderr)
    return 0
