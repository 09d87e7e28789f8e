"""``motif-studio connectors list|validate PATH|sign-in ID|sign-out ID``.

What is installed, is my plugin right, and signing in to an OAuth 2 connector from a terminal.
Exit codes, as for the other connectors commands: 0 done, 2 bad input (an unknown connector,
one that does not sign in with OAuth 2), and 1 when the sign-in itself failed (refused, timed
out, the network or the platform failed, or no keyring could keep the tokens).
The sign-in modules (``oauth``, ``tokens``, ``credentials``) are imported by the commands
themselves, so ``motif-studio --help`` does not load them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studio.connectors import registry
from studio.connectors.manifest import MANIFEST_NAME, Manifest
from studio.errors import InputError
from studio.i18n import _


def register(subparsers: Any) -> None:
    """Add ``connectors`` with its ``list`` and ``validate`` sub-commands."""
    parser = subparsers.add_parser("connectors", help=_("list and check upload connectors"))
    commands = parser.add_subparsers(dest="connectors_command", required=True)
    listing = commands.add_parser("list", help=_("every connector found, with problems"))
    listing.set_defaults(func=list_command)
    validate = commands.add_parser("validate", help=_("check a connector package folder"))
    validate.add_argument("path", type=Path, help=_("manifest, package or project folder"))
    validate.set_defaults(func=validate_command)
    sign_in = commands.add_parser(
        "sign-in",
        help=_("sign in to an OAuth 2 connector with the browser"),
        description=_(
            "Opens the platform's sign-in page in the browser and waits for its answer on "
            "127.0.0.1; the address is printed too, to open it by hand. The tokens go to the "
            "system keyring."
        ),
    )
    sign_in.add_argument("connector_id", metavar="CONNECTOR_ID", help=_("the connector's id"))
    sign_in.add_argument(
        "--no-browser",
        action="store_true",
        help=_("only print the address; open it yourself in a browser on this computer"),
    )
    sign_in.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help=_("how long to wait for the browser (default: 300)"),
    )
    sign_in.set_defaults(func=sign_in_command)
    sign_out = commands.add_parser("sign-out", help=_("forget the tokens of an OAuth 2 connector"))
    sign_out.add_argument("connector_id", metavar="CONNECTOR_ID", help=_("the connector's id"))
    sign_out.set_defaults(func=sign_out_command)


def list_command(args: argparse.Namespace) -> int:
    """One line per connector: id, version, state, origin; problems are shown, not hidden."""
    for entry in registry.discover():
        manifest = entry.manifest
        version = manifest.version if manifest else "?"
        state = _("UNUSABLE: {problem}").format(problem=entry.problem) if entry.problem else "ok"
        print(f"{entry.id}\t{version}\t{state}\t{entry.origin}")
    return 0


def _manifest_path(path: Path) -> Path:
    if path.is_file():
        return path
    candidates = [path / MANIFEST_NAME, *sorted(path.glob(f"*/{MANIFEST_NAME}"))]
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        raise InputError(
            path,
            _("no {manifest} here or in a package folder below").format(manifest=MANIFEST_NAME),
        )
    return found


def validate_command(args: argparse.Namespace) -> int:
    """Read the manifest, check the API range and import the code, as the app would."""
    try:
        manifest_path = _manifest_path(args.path)
        root = manifest_path.parent.parent
        entry = registry.entry_from_manifest(manifest_path, root.name, str(root), root)
        registry.load(entry)
    except InputError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 2
    assert entry.manifest is not None
    print(_("{id} {version}: ok").format(id=entry.manifest.id, version=entry.manifest.version))
    return 0


def _oauth_manifest(connector_id: str) -> Manifest:
    """The usable connector's manifest, or InputError if it is unknown or not OAuth 2."""
    entry = registry.find(connector_id)
    assert entry.manifest is not None
    if entry.manifest.auth != "oauth2":
        raise InputError(
            entry.manifest.source or None,
            _("{name} does not sign in with the browser (its auth is {auth})").format(
                name=entry.manifest.name, auth=entry.manifest.auth
            ),
        )
    return entry.manifest


def sign_in_command(args: argparse.Namespace) -> int:
    """Sign in with the system browser (or an address printed for the user) and keep the tokens."""
    import webbrowser

    from keyring.errors import KeyringError

    from studio.connectors import oauth, tokens
    from studio.connectors.credentials import open_store
    from studio.connectors.errors import AuthRequired, ConnectorError

    try:
        manifest = _oauth_manifest(args.connector_id)
        config = tokens.config_for(manifest)
    except InputError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 2
    except ConnectorError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    store, notice = open_store()
    if not store.persistent:  # the tokens would die with this process: refuse before asking
        print(notice, file=sys.stderr)
        return 1

    def show(url: str) -> None:
        lead = _("Sign in to {name} in your browser; if none opens, open this address:")
        print(lead.format(name=manifest.name), flush=True)
        print(url, flush=True)
        if not args.no_browser:
            webbrowser.open(url)
        print(_("Waiting for the browser (Ctrl+C to give up)…"), flush=True)

    try:
        signed = oauth.authorize(config, open_browser=show, timeout=args.timeout)
        tokens.save_tokens(store, manifest.id, signed)
    except AuthRequired as exc:  # "sign-in refused: ...", "... timed out": says it all
        print(exc.message[:1].upper() + exc.message[1:], file=sys.stderr)
        return 1
    except ConnectorError as exc:  # the platform or the network failed
        print(_("Sign-in failed: {reason}").format(reason=exc.message), file=sys.stderr)
        return 1
    except KeyringError as exc:  # locked, or the unlock prompt was dismissed
        reason = _("the system keyring refused to keep the tokens ({kind})").format(
            kind=type(exc).__name__
        )
        print(_("Sign-in failed: {reason}").format(reason=reason), file=sys.stderr)
        return 1
    print(_("Signed in to {name}.").format(name=manifest.name))
    return 0


def sign_out_command(args: argparse.Namespace) -> int:
    """Delete the connector's tokens from the credential store."""
    from keyring.errors import KeyringError

    from studio.connectors import tokens
    from studio.connectors.credentials import open_store

    try:
        manifest = _oauth_manifest(args.connector_id)
    except InputError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 2
    store, _notice = open_store()  # without a keyring nothing outlived its session anyway
    try:
        was_signed_in = tokens.load_tokens(store, manifest.id) is not None
        for name in (tokens.ACCESS, tokens.REFRESH, tokens.EXPIRES):
            store.delete(manifest.id, name)
    except KeyringError as exc:
        print(_("the system keyring refused to remove the tokens ({kind})").format(
            kind=type(exc).__name__), file=sys.stderr)  # fmt: skip
        return 1
    if was_signed_in:
        print(_("Signed out of {name}: its tokens were removed.").format(name=manifest.name))
    else:
        print(_("{name}: not signed in, nothing to remove.").format(name=manifest.name))
    return 0
