"""The typed errors a connector raises, so the outbox can decide what to do without guessing.

The outbox reads only the class: retry soon (TransientNetwork, ServerError), retry after the
server's delay (RateLimited), ask the user to sign in (AuthRequired) or give up (Rejected,
QuotaExceeded). Messages are short, one line, and never contain a secret: connectors build them
with :func:`studio.connectors.http.short_body`, which redacts and truncates server replies.
"""

from __future__ import annotations


class ConnectorError(Exception):
    """Base of the taxonomy; ``retryable`` tells the outbox whether another attempt may help."""

    retryable = True

    def __init__(self, message: str) -> None:
        self.message = " ".join(str(message).split())[:300]
        super().__init__(self.message)


class AuthRequired(ConnectorError):
    """The credentials are missing, wrong or expired; retrying without the user is pointless."""

    retryable = False


class RateLimited(ConnectorError):
    """The server asked us to slow down; ``retry_after`` is its delay in seconds (or None)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class Rejected(ConnectorError):
    """The server refused this submission itself (format, size, content): never retry it."""

    retryable = False


class TransientNetwork(ConnectorError):
    """The network failed (refused, reset, timed out); the same request may well succeed later."""


class ServerError(ConnectorError):
    """The server failed (5xx); worth retrying with backoff."""


class QuotaExceeded(ConnectorError):
    """The account is out of space or uploads; retrying will not help until the user acts."""

    retryable = False


class Cancelled(ConnectorError):
    """The user cancelled the job; raised by the context's cancel checks while streaming."""

    retryable = False
