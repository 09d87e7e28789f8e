"""The long-work API the GUI drives: report progress, stop when asked.

Every long operation (separations, ad sets, packages) takes ``progress(fraction, message)``
and ``cancel`` (a callable returning True, or a ``threading.Event``), and checks ``cancel``
between plates, strips and sizes. Stopping raises :class:`Cancelled`, so no half-made result
is ever mistaken for a finished one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

ProgressFn = Callable[[float, str], None]


class _EventLike(Protocol):
    def is_set(self) -> bool: ...


CancelFn = Callable[[], bool] | _EventLike


class Cancelled(Exception):
    """The user stopped the operation; nothing was written."""


class Work:
    """Progress reporting over a sub-range of ``[0, 1]``, with cancellation checks."""

    def __init__(
        self,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
        start: float = 0.0,
        end: float = 1.0,
    ) -> None:
        self._progress = progress
        self._cancel = cancel
        self.start, self.end = start, end

    def cancelled(self) -> bool:
        if self._cancel is None:
            return False
        if hasattr(self._cancel, "is_set"):
            return bool(self._cancel.is_set())
        return bool(self._cancel())

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self.cancelled():
            raise Cancelled("cancelled")

    def step(self, fraction: float, message: str) -> None:
        """Check for cancellation, then report ``fraction`` of this piece of work done."""
        self.check()
        if self._progress is not None:
            f = min(max(fraction, 0.0), 1.0)
            self._progress(self.start + (self.end - self.start) * f, message)

    def sub(self, start: float, end: float) -> Work:
        """The part ``start..end`` of this work, as its own ``0..1`` range."""
        span = self.end - self.start
        return Work(
            self._progress, self._cancel, self.start + span * start, self.start + span * end
        )
