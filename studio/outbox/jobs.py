"""A job in the outbox, and the states it moves through."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class State(enum.StrEnum):
    QUEUED = "queued"
    UPLOADING = "uploading"
    DONE = "done"
    FAILED_RETRYABLE = "failed-retryable"
    FAILED_PERMANENT = "failed-permanent"
    CANCELLED = "cancelled"


RUNNABLE = (State.QUEUED, State.FAILED_RETRYABLE)
FINAL = (State.DONE, State.FAILED_PERMANENT, State.CANCELLED)


@dataclass
class Job:
    id: int
    package: str
    connector: str
    settings: dict[str, Any]
    idempotency_key: str
    state: State
    attempts: int = 0
    last_error: str = ""
    next_attempt: float = 0.0
    resume_state: dict[str, Any] = field(default_factory=dict)
    remote_id: str = ""
    remote_url: str = ""
    brief_id: str = ""
    brief_version: str = ""
