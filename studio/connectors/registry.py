"""Finding connectors: installed ones through the ``motif_studio.connectors`` entry-point group,
bundled ones in the checkout's ``plugins/`` folder.

Each entry point names the *package* that holds ``motif-connector.json``; the manifest is read
from disk without running the package. Nothing is dropped silently: a connector whose manifest
is missing or invalid, that wants another API version, shares an id, or fails to import is
kept in the list with its reason (digiKam's silent skips cost plugin authors days).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from studio.connectors.api import Connector
from studio.connectors.manifest import API_VERSION, MANIFEST_NAME, Manifest, read_manifest
from studio.errors import InputError
from studio.i18n import _

GROUP = "motif_studio.connectors"


@dataclass
class Entry:
    """One discovered connector; usable only when ``problem`` is empty."""

    name: str
    origin: str
    manifest: Manifest | None = None
    problem: str = ""
    import_root: Path | None = None
    manifest_path: Path | None = None
    _loaded: Connector | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.manifest.id if self.manifest else self.name


def bundled_dir() -> Path:
    """``plugins/`` next to the ``studio`` package (a checkout), or MOTIF_STUDIO_PLUGINS."""
    override = os.environ.get("MOTIF_STUDIO_PLUGINS")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "plugins"


def entry_from_manifest(path: Path, name: str, origin: str, import_root: Path | None) -> Entry:
    """Read one manifest into an Entry, turning every failure into the entry's problem."""
    entry = Entry(name=name, origin=origin, import_root=import_root, manifest_path=path.resolve())
    try:
        entry.manifest = read_manifest(path)
    except InputError as exc:
        entry.problem = exc.one_line()
        return entry
    if not entry.manifest.supports_api():
        entry.problem = _("wants connector API {api}; this is {version}").format(
            api=entry.manifest.api, version=API_VERSION
        )
    return entry


def _from_entry_point(point: importlib.metadata.EntryPoint) -> Entry:
    origin = f"entry point {point.name} = {point.value}"
    if point.dist is not None:
        origin += f" ({point.dist.name} {point.dist.version})"
    try:
        spec = importlib.util.find_spec(point.module)
    except (ImportError, ValueError) as exc:
        return Entry(
            point.name,
            origin,
            problem=_("cannot find {module}: {error}").format(module=point.module, error=exc),
        )
    if spec is None or not spec.submodule_search_locations:
        return Entry(
            point.name,
            origin,
            problem=_("{module} is not an installed package").format(module=point.module),
        )
    manifest = Path(next(iter(spec.submodule_search_locations))) / MANIFEST_NAME
    if not manifest.is_file():
        return Entry(
            point.name,
            origin,
            problem=_("{manifest} is missing from {module}").format(
                manifest=MANIFEST_NAME, module=point.module
            ),
        )
    return entry_from_manifest(manifest, point.name, origin, None)


def _bundled(root: Path) -> list[Entry]:
    entries = []
    for manifest in sorted(root.glob(f"*/*/{MANIFEST_NAME}")):
        project = manifest.parent.parent
        entries.append(
            entry_from_manifest(manifest, manifest.parent.name, f"bundled {project}", project)
        )
    return entries


def discover(bundled: Path | None = None, entry_points: bool = True) -> list[Entry]:
    """All connectors, installed first; a later entry with a taken id is marked as shadowed."""
    found: list[Entry] = []
    if entry_points:
        found += [_from_entry_point(p) for p in importlib.metadata.entry_points(group=GROUP)]
    root = bundled_dir() if bundled is None else bundled
    if root.is_dir():
        # A bundled plugin that is also installed (editable, as the set-up scripts do) is the
        # same package twice: keep the installed one and drop the copy silently.
        installed = {e.manifest_path for e in found if e.manifest_path}
        found += [e for e in _bundled(root) if e.manifest_path not in installed]
    seen: dict[str, Entry] = {}
    for entry in found:
        if not entry.manifest:
            continue
        first = seen.setdefault(entry.id, entry)
        if first is not entry and not entry.problem:
            entry.problem = _("id {id} is already provided by {origin}").format(
                id=repr(entry.id), origin=first.origin
            )
    return found


def load(entry: Entry) -> Connector:
    """Import the connector's code (lazily, once) and build it with its manifest."""
    if entry._loaded is not None:
        return entry._loaded
    if entry.problem or entry.manifest is None:
        raise InputError(entry.origin, entry.problem or _("no manifest"))
    module_name, _sep, attr = entry.manifest.python_name.partition(":")
    if entry.import_root is not None and str(entry.import_root) not in sys.path:
        sys.path.append(str(entry.import_root))
    try:
        factory = getattr(importlib.import_module(module_name), attr)
        connector = factory(entry.manifest)
    except Exception as exc:  # a plugin may fail in any way; we report, never crash
        entry.problem = _("cannot load {name}: {kind}: {error}").format(
            name=entry.manifest.python_name, kind=type(exc).__name__, error=exc
        )
        raise InputError(entry.origin, entry.problem) from None
    if not isinstance(connector, Connector):
        entry.problem = _("{name} has no precheck/upload methods").format(
            name=entry.manifest.python_name
        )
        raise InputError(entry.origin, entry.problem)
    entry._loaded = connector
    return connector


def find(connector_id: str, entries: list[Entry] | None = None) -> Entry:
    """The usable entry with this id, or InputError naming why it is not usable."""
    candidates = [e for e in (discover() if entries is None else entries) if e.id == connector_id]
    for entry in candidates:
        if not entry.problem:
            return entry
    if candidates:
        raise InputError(candidates[0].origin, candidates[0].problem)
    raise InputError(None, _("no connector with id {id}").format(id=repr(connector_id)))
