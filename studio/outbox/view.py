"""What the outbox panel shows for each job, decided without Qt so it is tested headless.

Users read the state, not our enum: "Waiting to retry" says more than ``failed-retryable``, and
an error is cut to one line that fits a table cell (the full text is the tooltip).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from studio.i18n import N_, _, translations
from studio.outbox.jobs import RUNNABLE, Job, State
from studio.outbox.worker import OFFLINE_ERROR

LABELS = {
    State.QUEUED: N_("Queued"),
    State.UPLOADING: N_("Uploading"),
    State.DONE: N_("Done"),
    State.FAILED_RETRYABLE: N_("Waiting to retry"),
    State.FAILED_PERMANENT: N_("Failed"),
    State.CANCELLED: N_("Cancelled"),
}
COLOURS = {
    State.QUEUED: "#5f6b7a",
    State.UPLOADING: "#1f6fd1",
    State.DONE: "#1e8a3c",
    State.FAILED_RETRYABLE: "#b36b00",
    State.FAILED_PERMANENT: "#c62828",
    State.CANCELLED: "#7a7a7a",
}
"""Text colours readable on a light background (WCAG AA against white)."""

ERROR_CHARS = 60


def _t(message: str) -> str:
    """The translation of a state label, or of an error the worker stored in English (the
    queue keeps its errors in one language; known ones are shown in the user's)."""
    return translations().gettext(message) if message else message


def shorten(text: str, limit: int = ERROR_CHARS) -> str:
    """One line, at most ``limit`` characters, an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def link_text(url: str, limit: int = 32) -> str:
    """A remote link as a person reads it: host and path for the web, the file name for files."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return Path(unquote(parts.path)).name or url
    return shorten(f"{parts.netloc}{parts.path}".rstrip("/") or url, limit)


@dataclass(frozen=True)
class JobRow:
    id: int
    package: str
    connector: str
    state: State
    label: str
    colour: str
    attempts: int
    error: str
    error_full: str
    link: str
    can_cancel: bool
    can_retry: bool


def _label(job: Job, now: float) -> str:
    if job.state == State.FAILED_RETRYABLE and job.next_attempt > now:
        wait = int(job.next_attempt - now + 0.999)
        when = (
            _("{seconds} s").format(seconds=wait)
            if wait < 120
            else _("{minutes} min").format(minutes=wait // 60)
        )
        # TRANSLATORS: "Waiting to retry in 30 s".
        return _("{state} in {when}").format(state=_t(LABELS[job.state]), when=when)
    return _t(LABELS[job.state])


def row(job: Job, now: float | None = None) -> JobRow:
    now = time.time() if now is None else now
    return JobRow(
        id=job.id, package=Path(job.package).name, connector=job.connector, state=job.state,
        label=_label(job, now), colour=COLOURS[job.state], attempts=job.attempts,
        error=shorten(_t(job.last_error)), error_full=_t(job.last_error),
        link=job.remote_url if job.state == State.DONE else "",
        can_cancel=job.state not in (State.DONE, State.CANCELLED),
        can_retry=job.state in (State.FAILED_RETRYABLE, State.FAILED_PERMANENT, State.CANCELLED),
    )  # fmt: skip


def waiting(jobs: list[Job]) -> int:
    """Jobs not yet delivered that will still be tried."""
    return sum(job.state in (*RUNNABLE, State.UPLOADING) for job in jobs)


def header(jobs: list[Job], online: bool | None) -> str:
    """``Online · 2 waiting``; offline is inferred from jobs deferred for it when unknown."""
    if online is None:
        online = not any(
            j.state == State.FAILED_RETRYABLE and j.last_error == OFFLINE_ERROR for j in jobs
        )
    count = waiting(jobs)
    text = _("Online · {count} waiting") if online else _("Offline · {count} waiting")
    return text.format(count=count)
