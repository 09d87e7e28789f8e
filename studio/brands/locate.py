"""Finding the brief a design answers, and the newest version of it this machine knows.

A design file only carries a link (brief id, version, sha256). Opened on its own, the app still
wants to show the brief and to notice when the brand published a newer version, so it looks in
the places a brief can be: the per-user cache (the exact copy kept when the design was made),
the design's own folder, the recently opened briefs and the bundled samples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from studio.brands.cache import BriefCache
from studio.brands.diff import BriefUpdate, brief_update_for
from studio.brief.load import load_brief
from studio.brief.model import Brief
from studio.document.model import BriefLink, Document
from studio.errors import InputError
from studio.samples import SAMPLES, sample_brief_path

Origin = Literal["cache", "folder", "recent", "sample", "opened"]
BRIEF_SUFFIXES = (".brief.json", ".brief")


@dataclass(frozen=True)
class KnownBrief:
    """A brief found somewhere; ``path`` is ``None`` for the cache's copy."""

    brief: Brief
    origin: Origin
    path: Path | None = None


@dataclass(frozen=True)
class BriefLookup:
    """``exact``: the very file the design was made from (same sha256, or same version when the
    link has no sha256); ``newest``: the highest version known for the brief id."""

    link: BriefLink
    exact: KnownBrief | None
    newest: KnownBrief | None

    @property
    def best(self) -> KnownBrief | None:
        """What to show next to the design: the brief it answers, else the newest one."""
        return self.exact or self.newest

    def update(self, doc: Document, cache: BriefCache | None = None) -> BriefUpdate | None:
        """The change from the design's brief to the newest known one, if there is one."""
        if self.newest is None or self.newest is self.exact:
            return None
        return brief_update_for(doc, self.newest.brief, cache)


def is_brief_path(path: str | Path) -> bool:
    return Path(path).name.endswith(BRIEF_SUFFIXES)


def candidate_paths(
    design_path: Path | None, recent_briefs: Sequence[str]
) -> list[tuple[Path, Origin]]:
    """Where to look, in order: the design's folder, recent briefs, bundled samples."""
    found: list[tuple[Path, Origin]] = []
    if design_path is not None and design_path.parent.is_dir():
        found += [(p, "folder") for p in sorted(design_path.parent.iterdir()) if is_brief_path(p)]
    found += [(Path(p), "recent") for p in recent_briefs if is_brief_path(p)]
    found += [(sample_brief_path(name), "sample") for name in SAMPLES]
    seen: set[Path] = set()
    unique = []
    for path, origin in found:
        key = path.resolve()
        if key not in seen and path.is_file():
            seen.add(key)
            unique.append((path, origin))
    return unique


def known_briefs(
    brief_id: str, places: Iterable[tuple[Path, Origin]], cache: BriefCache
) -> list[KnownBrief]:
    """Every readable brief with id ``brief_id``: the cache's copies, then the files."""
    out: list[KnownBrief] = []
    if cache.root.is_dir():
        for file in sorted(cache.root.glob("*.brief")):
            brief = cache.get(file.stem)
            if brief is not None and brief.id == brief_id:
                out.append(KnownBrief(brief, "cache"))
    for path, origin in places:
        try:
            brief = load_brief(path)
        except (InputError, OSError):
            continue  # a broken or vanished file is simply not a candidate
        if brief.id == brief_id:
            out.append(KnownBrief(brief, origin, path))
    return out


def _matches(link: BriefLink, brief: Brief) -> bool:
    if link.sha256:
        return brief.sha256 == link.sha256
    return brief.version == link.version


def locate_brief(
    link: BriefLink,
    design_path: Path | None = None,
    recent_briefs: Sequence[str] = (),
    cache: BriefCache | None = None,
    extra: Sequence[KnownBrief] = (),
) -> BriefLookup:
    """The brief ``link`` names and the newest version known. ``extra`` adds briefs the caller
    already holds (one just opened). Files are preferred to the cache's copy for ``exact``:
    a file keeps its signature, which the cache does not."""
    cache = cache or BriefCache()
    known = list(extra) + known_briefs(link.id, candidate_paths(design_path, recent_briefs), cache)
    exact_all = [k for k in known if _matches(link, k.brief)]
    exact = next((k for k in exact_all if k.path is not None), exact_all[0] if exact_all else None)
    newest: KnownBrief | None = None
    for item in known:
        if newest is None or item.brief.version > newest.brief.version:
            newest = item
    if newest is not None and exact is not None and exact.brief.version >= newest.brief.version:
        newest = exact  # same version: the design's own file is not "newer" than itself
    return BriefLookup(link, exact, newest)
