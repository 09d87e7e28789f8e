"""Horizontal strips of a print-size raster, worked on every core.

numpy's array loops and Pillow's pixel loops release the GIL, so threads working on strips of a
few dozen rows (small enough to stay in a core's cache between one operation and the next) run
in parallel. Progress and cancellation stay in the calling thread, the one the GUI gave the long
work to; a strip's error is raised there too, once no strip is still running.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait

from studio.production.longwork import Work

_STEPS = 20
"""Progress reports per pass (a GUI redraws its bar on each)."""


MAX_WORKERS = 8
"""A cap on threads (measured on 2 cores only): with many more, the GIL held between numpy
calls would set the pace, not the cores."""


def workers() -> int:
    """Threads worth running: the cores this process may use (at most ``MAX_WORKERS``)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(workers(), thread_name_prefix="strips")


def run_strips(
    executor: Executor,
    fn: Callable[[slice], None],
    height: int,
    rows: int,
    work: Work,
    message: str,
) -> None:
    """``fn(rows)`` for every strip of ``rows`` rows of ``0..height``, in parallel; reports
    ``message`` progress and stops (raising :class:`~studio.production.longwork.Cancelled`)
    when asked, once the running strips finish.

    Only a few strips per thread are handed out ahead, so stopping is quick and a strip's error
    is seen before much more work is queued behind it."""
    tops = range(0, height, rows)
    ahead = 2 * workers()
    every = max(1, len(tops) // _STEPS)
    running: deque[Future[None]] = deque()
    try:
        for n, top in enumerate(tops):
            if n % every == 0:
                work.step(n / len(tops), message)
            running.append(executor.submit(fn, slice(top, min(height, top + rows))))
            if len(running) >= ahead:
                running.popleft().result()
        while running:
            running.popleft().result()
    except BaseException:
        for future in running:
            future.cancel()
        wait(running)
        raise
