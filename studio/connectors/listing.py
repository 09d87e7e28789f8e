"""How a discovered connector is described to a person: one row of the Connectors page.

Unusable connectors get a row too, with their reason, so a plugin author sees why theirs is
missing instead of guessing (the registry never drops one silently, and neither do we).
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.connectors.registry import Entry
from studio.i18n import N_, _, translations

AUTH_LABELS = {
    "none": N_("no sign-in"),
    "token": N_("access token"),
    "basic": N_("user name and password"),
    "oauth2": N_("sign in with the browser (OAuth 2)"),
}


def human_bytes(count: int) -> str:
    """``10737418240`` -> ``10 GB`` (binary multiples, as file managers show sizes)."""
    value = float(count)
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def hosts_text(hosts: tuple[str, ...]) -> str:
    """``setting:url`` entries read as "the server in the url setting"."""
    if not hosts:
        return _("none (works offline)")
    words = [
        _("the server in the '{setting}' setting").format(setting=h.removeprefix("setting:"))
        if h.startswith("setting:")
        else h
        for h in hosts
    ]  # fmt: skip
    return ", ".join(words)


@dataclass(frozen=True)
class ConnectorRow:
    id: str
    name: str
    version: str
    usable: bool
    status: str
    auth: str
    hosts: str
    formats: str
    description: str
    origin: str


def describe(entry: Entry) -> ConnectorRow:
    """One row; a connector without a readable manifest still has its name, origin and reason."""
    manifest = entry.manifest
    status = _("UNUSABLE: {problem}").format(problem=entry.problem) if entry.problem else "ok"
    if manifest is None:
        return ConnectorRow(entry.id, entry.name, "?", False, status, "", "", "", "", entry.origin)
    formats = ", ".join(
        _("{format} up to {size}").format(format=a.format, size=human_bytes(a.max_bytes))
        for a in manifest.accepts
    )
    return ConnectorRow(
        id=manifest.id, name=manifest.name, version=manifest.version, usable=not entry.problem,
        status=status, auth=translations().gettext(AUTH_LABELS.get(manifest.auth, manifest.auth)),
        hosts=hosts_text(manifest.hosts), formats=formats, description=manifest.description,
        origin=entry.origin,
    )  # fmt: skip
