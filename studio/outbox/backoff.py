"""When to try again: exponential backoff with jitter, on an injectable clock.

Jitter spreads retries of many queued jobs after an outage, so they do not hit a recovering
server (or Printify's 600/min limit) all in the same second. Tests pass a fake clock and a
seeded random source; nothing here sleeps.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float: ...


class SystemClock:
    def now(self) -> float:
        return time.time()


@dataclass
class FakeClock:
    """A clock that moves only when told to."""

    t: float = 1_000_000.0

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@dataclass
class RetryPolicy:
    max_attempts: int = 8
    base: float = 5.0
    cap: float = 3600.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``attempts``-th failure: half fixed, half random."""
        ceiling = min(self.cap, self.base * 2.0 ** max(attempts - 1, 0))
        jittered = ceiling / 2 + self.rng.random() * ceiling / 2
        return max(jittered, retry_after or 0.0)
