"""Putting a package in the outbox: everything that can be checked offline is checked first.

The idempotency key is derived from the package's hash, the connector and its settings, so
submitting the same package to the same place twice finds the existing job instead of
uploading it again; connectors send the key where the platform accepts one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from studio.connectors import registry
from studio.connectors.api import Submission
from studio.errors import InputError
from studio.i18n import _, ngettext
from studio.outbox.jobs import Job
from studio.outbox.store import Store


def idempotency_key(submission: Submission, connector_id: str, settings: dict[str, Any]) -> str:
    material = json.dumps([submission.sha256, connector_id, settings], sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def submit(
    store: Store,
    package: Path,
    connector_id: str,
    settings: dict[str, Any],
    now: float,
    brief_id: str = "",
    brief_version: str = "",
    entries: list[registry.Entry] | None = None,
) -> tuple[Job, bool]:
    """Check and queue; (job, created). Raises InputError with the first problem found."""
    entry = registry.find(connector_id, entries)
    assert entry.manifest is not None
    problems = entry.manifest.settings_problems(settings)
    if problems:
        raise InputError(
            None,
            _("{connector} settings: {problem}").format(
                connector=connector_id, problem=problems[0]
            ),
        )
    submission = Submission.from_package(package.resolve(), brief_id, brief_version)
    found = registry.load(entry).precheck(submission, settings)
    if found:
        rest = len(found) - 1
        more = (
            " " + ngettext("(and {count} more problem)", "(and {count} more problems)", rest)
            if rest
            else ""
        ).format(count=rest)
        raise InputError(package, f"{found[0].message}{more}")
    key = idempotency_key(submission, connector_id, settings)
    return store.add(
        str(submission.path), connector_id, settings, key, now, brief_id, brief_version
    )
