"""The connector API, version 1.0: the only module a connector plugin should import.

Everything here is stable within a major version: new optional things may appear in 1.x, and
nothing is removed or changed before 2.0. Manifests declare the range they were written for
(``"api": ">=1.0,<2"``); the registry refuses, loudly, a connector whose range excludes us.

A connector is any object with ``precheck`` and ``upload`` (see :class:`Connector`). The
lifecycle per job: ``precheck`` offline at submit time (the platform's own limits, so the user
hears about a too-large file before queueing it), then ``upload`` once per attempt, with an
:class:`UploadContext`, until it returns an :class:`UploadResult` or raises a non-retryable error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from studio.connectors.context import UploadContext
from studio.connectors.errors import (
    AuthRequired,
    Cancelled,
    ConnectorError,
    QuotaExceeded,
    RateLimited,
    Rejected,
    ServerError,
    TransientNetwork,
)
from studio.connectors.http import network_errors, raise_for_status, short_body
from studio.connectors.manifest import API_VERSION, Manifest
from studio.connectors.submission import Submission
from studio.i18n import _

__all__ = [
    "API_VERSION",
    "AuthRequired",
    "Cancelled",
    "Connector",
    "ConnectorError",
    "Manifest",
    "Problem",
    "QuotaExceeded",
    "RateLimited",
    "Rejected",
    "ServerError",
    "Submission",
    "TransientNetwork",
    "UploadContext",
    "UploadResult",
    "network_errors",
    "raise_for_status",
    "short_body",
    "size_problems",
]


@dataclass(frozen=True)
class UploadResult:
    """Where the package ended up: the platform's id for it and a URL a person can open."""

    remote_id: str
    url: str = ""


@dataclass(frozen=True)
class Problem:
    """One reason a submission cannot go to this platform, in words for the user."""

    message: str
    field: str = ""


@runtime_checkable
class Connector(Protocol):
    """What a connector class provides; it is built with its manifest: ``cls(manifest)``."""

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Problem]:
        """Offline checks against the platform's limits; an empty list means go ahead."""
        ...

    def upload(
        self, submission: Submission, settings: dict[str, Any], context: UploadContext
    ) -> UploadResult:
        """Deliver the package, resuming from ``context.resume_state``; must be idempotent."""
        ...


def size_problems(manifest: Manifest, submission: Submission) -> list[Problem]:
    """The common precheck: the format is accepted and the package is within its size limit."""
    limit = manifest.max_bytes(submission.format)
    if limit is None:
        return [
            Problem(
                _("{name} does not accept {format} packages").format(
                    name=manifest.name, format=submission.format
                )
            )
        ]
    if submission.size > limit:
        return [
            Problem(
                _("the package is {size} bytes; {name} takes {limit}").format(
                    size=submission.size, name=manifest.name, limit=limit
                )
            )
        ]
    return []
