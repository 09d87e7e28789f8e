"""A cheap "can we reach it?" probe, so an offline laptop does not burn its retry budget.

A TCP connect to the job's own host says more than any OS-level "online" flag (captive portals,
VPNs, a down server). The GUI may add Qt's QNetworkInformation as a hint on top of this.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit


def reachable(url_or_host: str, timeout: float = 1.5) -> bool:
    """Whether a TCP connection to the URL's host and port opens within ``timeout``."""
    parts = urlsplit(url_or_host if "//" in url_or_host else f"//{url_or_host}")
    if not parts.hostname:
        return False
    port = parts.port or (80 if parts.scheme == "http" else 443)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def job_hosts(manifest_hosts: Iterable[str], settings: dict[str, Any]) -> list[str]:
    """The hosts a job will contact: manifest entries, with ``setting:NAME`` taken from settings.

    When a setting names the host (a self-hosted server), literal defaults are not contacted.
    """
    from_settings = [
        str(settings[h.removeprefix("setting:")])
        for h in manifest_hosts
        if h.startswith("setting:") and settings.get(h.removeprefix("setting:"))
    ]
    return from_settings or [h for h in manifest_hosts if not h.startswith("setting:")]


def probe(hosts: list[str], timeout: float = 1.5) -> bool:
    """True when there is nothing to reach, or the first host answers."""
    return not hosts or reachable(hosts[0], timeout)
