"""The outbox's SQLite file (WAL): every state change is committed before the next step runs.

WAL lets the GUI read the queue while a worker writes, and a committed row survives the worker
being killed at any instant, which is what exactly-once delivery after a crash rests on.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from studio.outbox.jobs import RUNNABLE, Job, State

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    package TEXT NOT NULL,
    connector TEXT NOT NULL,
    settings TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_attempt REAL NOT NULL DEFAULT 0,
    resume_state TEXT NOT NULL DEFAULT '{}',
    remote_id TEXT NOT NULL DEFAULT '',
    remote_url TEXT NOT NULL DEFAULT '',
    brief_id TEXT NOT NULL DEFAULT '',
    brief_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (state, next_attempt);
"""

COLUMNS = (
    "id, package, connector, settings, idempotency_key, state, attempts, last_error, "
    "next_attempt, resume_state, remote_id, remote_url, brief_id, brief_version"
)


def _job(row: tuple[Any, ...]) -> Job:
    return Job(
        id=row[0], package=row[1], connector=row[2], settings=json.loads(row[3]),
        idempotency_key=row[4], state=State(row[5]), attempts=row[6], last_error=row[7],
        next_attempt=row[8], resume_state=json.loads(row[9]), remote_id=row[10],
        remote_url=row[11], brief_id=row[12], brief_version=row[13],
    )  # fmt: skip


class Store:
    """All reads and writes of the queue; safe to share between the worker's threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, params)

    def add(
        self,
        package: str,
        connector: str,
        settings: dict[str, Any],
        key: str,
        now: float,
        brief_id: str = "",
        brief_version: str = "",
    ) -> tuple[Job, bool]:
        """Queue a job; returns (job, False) if one with the same idempotency key exists."""
        existing = self.by_key(key)
        if existing is not None:
            return existing, False
        cursor = self._run(
            "INSERT INTO jobs (package, connector, settings, idempotency_key, state, next_attempt,"
            " brief_id, brief_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (package, connector, json.dumps(settings, sort_keys=True), key, State.QUEUED, now,
             brief_id, brief_version),
        )  # fmt: skip
        job = self.get(int(cursor.lastrowid or 0))
        assert job is not None
        return job, True

    def get(self, job_id: int) -> Job | None:
        row = self._run(f"SELECT {COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def by_key(self, key: str) -> Job | None:
        row = self._run(f"SELECT {COLUMNS} FROM jobs WHERE idempotency_key = ?", (key,)).fetchone()
        return _job(row) if row else None

    def all(self) -> list[Job]:
        return [_job(r) for r in self._run(f"SELECT {COLUMNS} FROM jobs ORDER BY id").fetchall()]

    def due(self, now: float) -> list[Job]:
        rows = self._run(
            f"SELECT {COLUMNS} FROM jobs WHERE state IN (?, ?) AND next_attempt <= ?"
            " ORDER BY next_attempt, id",
            (*RUNNABLE, now),
        ).fetchall()
        return [_job(r) for r in rows]

    def next_due_time(self) -> float | None:
        row = self._run(
            "SELECT MIN(next_attempt) FROM jobs WHERE state IN (?, ?)", RUNNABLE
        ).fetchone()
        return None if row is None or row[0] is None else float(row[0])

    def claim(self, job_id: int) -> bool:
        """Move a runnable job to uploading and count the attempt; False if someone else did."""
        cursor = self._run(
            "UPDATE jobs SET state = ?, attempts = attempts + 1 WHERE id = ? AND state IN (?, ?)",
            (State.UPLOADING, job_id, *RUNNABLE),
        )
        return cursor.rowcount == 1

    def save_resume(self, job_id: int, state: dict[str, Any]) -> None:
        self._run("UPDATE jobs SET resume_state = ? WHERE id = ?", (json.dumps(state), job_id))

    def finish(self, job_id: int, remote_id: str, remote_url: str) -> None:
        self._run(
            "UPDATE jobs SET state = ?, remote_id = ?, remote_url = ?, last_error = ''"
            " WHERE id = ?",
            (State.DONE, remote_id, remote_url, job_id),
        )

    def fail(self, job_id: int, state: State, error: str, next_attempt: float = 0.0) -> None:
        self._run(
            "UPDATE jobs SET state = ?, last_error = ?, next_attempt = ? WHERE id = ?",
            (state, error, next_attempt, job_id),
        )

    def defer(self, job_id: int, error: str, next_attempt: float) -> None:
        """Try later without spending an attempt (offline, or interrupted by a crash)."""
        self._run(
            "UPDATE jobs SET state = ?, last_error = ?, next_attempt = ?,"
            " attempts = MAX(attempts - 1, 0) WHERE id = ?",
            (State.FAILED_RETRYABLE, error, next_attempt, job_id),
        )

    def state(self, job_id: int) -> State | None:
        row = self._run("SELECT state FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return State(row[0]) if row else None

    def cancel(self, job_id: int) -> bool:
        cursor = self._run(
            "UPDATE jobs SET state = ? WHERE id = ? AND state NOT IN (?, ?)",
            (State.CANCELLED, job_id, State.DONE, State.CANCELLED),
        )
        return cursor.rowcount == 1

    def retry(self, job_id: int, now: float) -> bool:
        """Put a failed or cancelled job back in the queue with a fresh attempt budget."""
        cursor = self._run(
            "UPDATE jobs SET state = ?, attempts = 0, next_attempt = ?, last_error = ''"
            " WHERE id = ? AND state IN (?, ?, ?)",
            (State.QUEUED, now, job_id, State.FAILED_RETRYABLE, State.FAILED_PERMANENT,
             State.CANCELLED),
        )  # fmt: skip
        return cursor.rowcount == 1

    def expedite(self, error: str, now: float) -> int:
        """Make jobs waiting with exactly this error due now (the network came back)."""
        cursor = self._run(
            "UPDATE jobs SET next_attempt = ? WHERE state = ? AND last_error = ?"
            " AND next_attempt > ?",
            (now, State.FAILED_RETRYABLE, error, now),
        )
        return cursor.rowcount

    def recover(self, now: float) -> int:
        """Jobs left 'uploading' by a killed worker become due again, keeping resume state."""
        cursor = self._run(
            "UPDATE jobs SET state = ?, next_attempt = ?, last_error = ? WHERE state = ?",
            (State.FAILED_RETRYABLE, now, "interrupted; resuming", State.UPLOADING),
        )
        return cursor.rowcount
