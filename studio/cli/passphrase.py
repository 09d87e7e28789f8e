"""Where a command gets a key passphrase without putting it on the command line (where every
user of the machine could read it in the process list)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from studio.errors import InputError
from studio.i18n import _

DEFAULT_ENV = "MOTIF_STUDIO_KEY_PASSPHRASE"


def add_passphrase_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=_("read the key passphrase from FILE's first line"),
    )
    p.add_argument(
        "--passphrase-env",
        metavar="VAR",
        default=DEFAULT_ENV,
        help=_("read the passphrase from this environment variable (default {variable})").format(
            variable=DEFAULT_ENV
        ),
    )


def read_passphrase(args: argparse.Namespace, confirm: bool = False) -> bytes | None:
    """The passphrase from a file, the environment, or the terminal; ``None`` when none."""
    if args.passphrase_file:
        try:
            text = Path(args.passphrase_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(
                args.passphrase_file, _("cannot be read ({error})").format(error=exc.strerror)
            ) from None
        return text[0].encode("utf-8") if text and text[0] else None
    value = os.environ.get(args.passphrase_env or DEFAULT_ENV)
    if value:
        return value.encode("utf-8")
    if not sys.stdin.isatty():
        return None
    import getpass

    first = getpass.getpass(_("Key passphrase: "))
    if confirm and getpass.getpass("Again: ") != first:
        raise InputError(None, _("the two passphrases differ"))
    return first.encode("utf-8") or None
