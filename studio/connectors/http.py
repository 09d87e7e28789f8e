"""The HTTP plumbing every connector shares: a ready session, redaction and error mapping.

Connectors get a session with timeouts and our User-Agent already set, and turn replies into
the typed errors with :func:`raise_for_status`. Retry-After is parsed here and carried on
RateLimited; the outbox schedules the next attempt after it instead of sleeping in a worker.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests

from studio.connectors.errors import (
    AuthRequired,
    QuotaExceeded,
    RateLimited,
    Rejected,
    ServerError,
    TransientNetwork,
)

USER_AGENT = "MotifStudio/0.1 (+https://motif.studio; connectors API 1.0)"
DEFAULT_TIMEOUT = (10.0, 60.0)
"""(connect, read) seconds: long enough for slow servers, short enough to notice a dead one."""

_AUTH_HEADER = re.compile(r"(?i)(authorization|x-api-key|cookie)(\s*[:=]\s*)(\S+( \S+)?)")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}")


class Redactor:
    """Knows the secrets of one job and removes them, and auth-looking tokens, from text."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        self._secrets: set[str] = set()
        for secret in secrets or []:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        if secret and len(secret) >= 4:
            self._secrets.add(secret)

    def redact(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        text = _AUTH_HEADER.sub(r"\1\2***", text)
        return _BEARER.sub(r"\1 ***", text)


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites each record's message through a Redactor."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._redactor.redact(record.getMessage())
        record.args = None
        return True


class ConnectorSession(requests.Session):
    """A Session whose requests time out by default and ignore proxy/netrc settings from the env.

    urllib3 retries are off: retrying is the outbox's job, with backoff and a budget, so that a
    flaky server is not hammered from inside one attempt.
    """

    def __init__(self, user_agent: str = USER_AGENT, timeout: Any = DEFAULT_TIMEOUT) -> None:
        super().__init__()
        self.headers["User-Agent"] = user_agent
        self.default_timeout = timeout
        self.trust_env = False

    def request(
        self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
    ) -> requests.Response:
        kwargs.setdefault("timeout", self.default_timeout)
        return super().request(method, url, *args, **kwargs)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date; None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def short_body(response: requests.Response, redactor: Redactor | None = None) -> str:
    """The start of an error reply, on one line, with secrets removed: safe to show users."""
    try:
        text = response.text
    except (UnicodeDecodeError, requests.RequestException):
        text = ""
    text = " ".join(text.split())[:160]
    if redactor is not None:
        text = redactor.redact(text)
    return text or response.reason or ""


def raise_for_status(response: requests.Response, redactor: Redactor | None = None) -> None:
    """Raise the typed error that matches a failed reply; do nothing on 1xx-3xx."""
    status = response.status_code
    if status < 400:
        return
    detail = f"HTTP {status}: {short_body(response, redactor)}"
    if status in (401, 403):
        raise AuthRequired(detail)
    if status == 429:
        raise RateLimited(detail, retry_after_seconds(response.headers.get("Retry-After")))
    if status in (402, 507):
        raise QuotaExceeded(detail)
    if status == 408:
        raise TransientNetwork(detail)
    if status >= 500:
        raise ServerError(detail)
    raise Rejected(detail)


@contextmanager
def network_errors() -> Iterator[None]:
    """Turn requests' connection failures into TransientNetwork with a short message."""
    try:
        yield
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise TransientNetwork(f"network: {type(exc).__name__}: {str(exc)[:120]}") from exc
