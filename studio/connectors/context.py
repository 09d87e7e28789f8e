"""What the host hands a connector for one upload attempt.

One object, so the plugin API stays small: the session, progress, cancel, credentials, resume
state and a redacting logger. Connectors never touch the outbox, the keyring or Qt directly,
which is what let other apps' plugins break on every host upgrade.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import requests

from studio.connectors.errors import Cancelled
from studio.connectors.http import ConnectorSession, RedactingFilter, Redactor
from studio.connectors.streaming import FileSlice, IterStream
from studio.i18n import _

Progress = Callable[[int, int], None]


class UploadContext:
    """Host services for one attempt; build it with :meth:`simple` in tests and tools."""

    def __init__(
        self,
        *,
        session: requests.Session,
        idempotency_key: str,
        credentials: Mapping[str, str],
        resume_state: Mapping[str, Any] | None = None,
        save_resume_state: Callable[[dict[str, Any]], None] | None = None,
        progress: Progress | None = None,
        cancel_event: threading.Event | None = None,
        logger: logging.Logger | None = None,
    ) -> None:
        self.session = session
        self.idempotency_key = idempotency_key
        self._credentials = dict(credentials)
        self._resume_state: dict[str, Any] = dict(resume_state or {})
        self._save = save_resume_state
        self._progress = progress
        self.cancel_event = cancel_event or threading.Event()
        self.redactor = Redactor([v for k, v in self._credentials.items() if k != "username"])
        base = logger or logging.getLogger("studio.connectors")
        # A private logger (not in logging's global registry) so filters do not pile up per job.
        self.log = logging.Logger(f"{base.name}.{idempotency_key[:8] or 'job'}")
        self.log.parent = base
        self.log.addFilter(RedactingFilter(self.redactor))

    @classmethod
    def simple(cls, idempotency_key: str = "test", **kwargs: Any) -> UploadContext:
        """A context with a fresh session and no persistence, for tests and one-off uploads."""
        kwargs.setdefault("credentials", {})
        return cls(session=ConnectorSession(), idempotency_key=idempotency_key, **kwargs)

    # -- credentials and state ------------------------------------------------------------
    def credential(self, name: str) -> str | None:
        """A secret from the host's credential store (``token``, ``username``, ``password``)."""
        return self._credentials.get(name)

    def renew_credentials(self, values: Mapping[str, str]) -> None:
        """Host side: replace secrets mid-attempt (a refreshed OAuth token); they stay redacted."""
        self._credentials.update(values)
        for name, value in values.items():
            if name != "username":
                self.redactor.add(value)

    @property
    def resume_state(self) -> dict[str, Any]:
        """What the last interrupted attempt saved (upload URL, offset, chunk numbers...)."""
        return dict(self._resume_state)

    def save_resume_state(self, state: Mapping[str, Any]) -> None:
        """Persist ``state`` before continuing, so a kill right after it loses nothing."""
        self._resume_state = dict(state)
        if self._save is not None:
            self._save(dict(state))

    # -- progress and cancel --------------------------------------------------------------
    def report_progress(self, done: int, total: int) -> None:
        self.check_cancelled()
        if self._progress is not None:
            self._progress(done, total)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check_cancelled(self) -> None:
        """Raise Cancelled if the user cancelled; the streaming bodies call this every block."""
        if self.cancel_event.is_set():
            raise Cancelled(_("cancelled by the user"))

    def file_body(
        self, path: Path, start: int = 0, length: int | None = None, total: int | None = None
    ) -> FileSlice:
        """A streaming request body of part of a file; progress counts from ``start``."""
        size = path.stat().st_size
        length = size - start if length is None else length
        grand = size if total is None else total
        return FileSlice(
            path, start, length, lambda sent: self.report_progress(start + sent, grand)
        )

    def stream_body(self, pieces: Iterable[bytes], length: int, total: int) -> IterStream:
        """A generated body of ``length`` bytes; progress is scaled to ``total`` payload bytes."""
        return IterStream(
            pieces, length, lambda sent: self.report_progress(sent * total // max(length, 1), total)
        )
