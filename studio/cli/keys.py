"""``motif-studio keys new|export|list``: the brand's signing keys."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from studio.cli.passphrase import add_passphrase_options, read_passphrase
from studio.i18n import _


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "keys",
        help=_("create and export a brand's signing keys"),
        description=_(
            "Manage the Ed25519 keys a brand signs its briefs with. Private keys "
            "are stored encrypted in the per-user data folder "
            "($XDG_DATA_HOME/motif-studio/keys)."
        ),
    )
    cmds = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    new = cmds.add_parser("new", help=_("create a key pair"))
    new.add_argument("name", metavar="NAME")
    new.add_argument(
        "--no-passphrase",
        action="store_true",
        help=_("store the private key unencrypted (for unattended servers only)"),
    )
    new.add_argument("--force", action="store_true", help=_("replace an existing key"))
    add_passphrase_options(new)
    new.set_defaults(func=run_new)
    export = cmds.add_parser("export", help=_("print or write the public key (PEM)"))
    export.add_argument("name", metavar="NAME")
    export.add_argument("-o", "--output", metavar="FILE")
    export.set_defaults(func=run_export)
    listing = cmds.add_parser("list", help=_("list the keys with their fingerprints"))
    listing.set_defaults(func=run_list)


def run_new(args: argparse.Namespace) -> int:
    from studio.brands.keys import new_key, private_key_path
    from studio.brands.signing import fingerprint, group_fingerprint
    from studio.errors import InputError

    passphrase = None if args.no_passphrase else read_passphrase(args, confirm=True)
    if passphrase is None and not args.no_passphrase:
        raise InputError(
            None,
            _(
                "no passphrase given (--passphrase-file, $MOTIF_STUDIO_KEY_PASSPHRASE, "
                "a terminal) and --no-passphrase not asked for"
            ),
        )
    key = new_key(args.name, passphrase, unencrypted=args.no_passphrase, force=args.force)
    print(_("key {name}: {path}").format(name=args.name, path=private_key_path(args.name)))
    print(
        _("fingerprint: {fingerprint}").format(
            fingerprint=group_fingerprint(fingerprint(key.public_key()))
        )
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from studio.brands.keys import load_public_key, public_pem
    from studio.fsutil import atomic_write

    pem = public_pem(load_public_key(args.name))
    if args.output:
        atomic_write(args.output, pem)
    else:
        sys.stdout.write(pem.decode("ascii"))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from studio.brands.keys import list_keys, load_public_key
    from studio.brands.signing import fingerprint, group_fingerprint

    for name in list_keys():
        print(f"{name}\t{group_fingerprint(fingerprint(load_public_key(name)))}")
    return 0
