"""Translate argparse's own words ("usage:", "options", its error lines) with our catalogue.

argparse looks its messages up through ``gettext`` at call time; pointing its module-level
``_``/``ngettext`` at :mod:`studio.i18n` makes ``--help`` and usage errors speak the user's
language like the rest of the command line. Messages listed here are extracted into the
catalogue; any other (newer Python wording) passes through in English.
"""

from __future__ import annotations

import argparse

from studio.i18n import N_, _, ngettext

# The messages a user of the command line can see (not argparse's programming errors).
MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("not allowed with argument %s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def install() -> None:
    """Route argparse's message look-ups through the Motif Studio catalogue."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
