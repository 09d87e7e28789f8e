"""``motif-studio connectors list|validate PATH``: what is installed, and is my plugin right?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studio.connectors import registry
from studio.connectors.manifest import MANIFEST_NAME
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
