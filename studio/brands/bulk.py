"""Re-checking a folder of submission packages on every core.

Each package is checked in a worker process: a hostile package that exhausts memory, recurses
too deep or crashes a native renderer takes down at most its worker, and is reported as one
``broken`` row. A per-package time limit (SIGALRM in the worker) stops a package that would
keep a core busy forever; the run always finishes with one row per package, in name order.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from studio.brands.results import RowResult, broken_row
from studio.brief.model import Brief
from studio.i18n import _

VerifyOne = Callable[[Path, Brief], RowResult]
DEFAULT_TIMEOUT = 120.0
DEFAULT_GRACE = 10.0
PATTERN = "*.zip"

_worker: tuple[Brief, VerifyOne, float] | None = None


class PackageTimeout(Exception):
    """A package took longer than the per-package limit."""


def find_packages(directory: Path, pattern: str = PATTERN) -> list[Path]:
    return sorted(p for p in directory.glob(pattern) if p.is_file())


def bulk_verify(
    directory: str | Path,
    brief: Brief,
    jobs: int | None = None,
    verify_one: VerifyOne | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    grace: float = DEFAULT_GRACE,
    progress: Callable[[RowResult], None] | None = None,
) -> list[RowResult]:
    """One row per package in ``directory``, checked ``jobs`` at a time (default: all cores).
    ``verify_one`` must be a top-level function (it is sent to the worker processes).
    A package still running ``grace`` seconds after its time limit is stuck where the limit
    cannot reach (native code): its worker is killed."""
    if verify_one is None:
        from studio.brands.package_check import verify_one as default

        verify_one = default
    packages = find_packages(Path(directory))
    jobs = max(1, jobs or os.cpu_count() or 1)
    rows: dict[Path, RowResult] = {}
    pending = list(packages)
    # A dead worker breaks the whole pool; the packages it took down are retried one at a
    # time, so the one that kills its worker again is named and the others get their verdict.
    isolated = False
    while pending:
        run = _Run(brief, verify_one, timeout, grace, rows, progress)
        crashed, killed = run.check(pending, jobs)
        if isolated and crashed:
            culprit = crashed[0]
            rows[culprit] = (
                broken_row(
                    culprit.name,
                    _("checking was stuck past {timeout} s").format(timeout=format(timeout, "g")),
                    "package.timeout",
                )
                if killed
                else broken_row(culprit.name, _("the package crashed the checker"))
            )
            if progress:
                progress(rows[culprit])
            crashed = crashed[1:]
        pending, isolated, jobs = crashed, True, 1
    return [rows[p] for p in packages]


class _Run:
    """One process pool over some packages."""

    def __init__(
        self,
        brief: Brief,
        verify_one: VerifyOne,
        timeout: float,
        grace: float,
        rows: dict[Path, RowResult],
        progress: Callable[[RowResult], None] | None,
    ) -> None:
        self.brief, self.verify_one, self.timeout, self.grace = brief, verify_one, timeout, grace
        self.rows, self.progress = rows, progress

    def check(self, paths: list[Path], jobs: int) -> tuple[list[Path], bool]:
        """Check ``paths``; return those whose worker died (in order) and whether a stuck
        worker was killed."""
        crashed: list[Path] = []
        killed = False
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(paths)),
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(self.brief, self.verify_one, self.timeout),
        )
        try:
            futures = {pool.submit(_check_in_worker, str(p)): p for p in paths}
            waiting: set[Future[RowResult]] = set(futures)
            patience = self.timeout + self.grace if self.timeout > 0 else None
            while waiting:
                done, waiting = wait(waiting, timeout=patience, return_when=FIRST_COMPLETED)
                if not done:  # nothing finished for longer than any package may take
                    killed = True
                    _kill_workers(pool)
                    continue
                for future in done:
                    path = futures[future]
                    try:
                        self.rows[path] = future.result()
                    except BrokenProcessPool:
                        crashed.append(path)
                        continue
                    if self.progress:
                        self.progress(self.rows[path])
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return sorted(crashed, key=paths.index), killed


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers (public API from Python 3.14, the process table before)."""
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()


def _context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where there is one: forking a process that runs threads (the GUI, a
    server) can deadlock a child, and the fork server's children start clean and fast."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Imported once in the fork server, so each worker starts with them already loaded; the
    # checks, the renderer and the brief loader are named since they are imported lazily.
    context.set_forkserver_preload(
        [
            "studio.brands.package_check",
            "studio.design",
            "studio.brief.load",
            "studio.checks",
            "studio.render.raster",
        ]
    )
    return context


def _init_worker(brief: Brief, verify_one: VerifyOne, timeout: float) -> None:
    global _worker
    _worker = (brief, verify_one, timeout)


def _check_in_worker(path_text: str) -> RowResult:
    """Top-level (picklable) task: never raises for a package's sake."""
    assert _worker is not None, "worker not initialised"
    brief, verify_one, timeout = _worker
    path = Path(path_text)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        with _time_limit(timeout):
            row = verify_one(path, brief)
    except PackageTimeout:
        row = broken_row(
            path.name,
            _("checking took longer than {timeout} s").format(timeout=format(timeout, "g")),
            "package.timeout",
        )
    except (MemoryError, RecursionError) as exc:
        row = broken_row(
            path.name,
            _("the package is too large or too deep ({kind})").format(kind=type(exc).__name__),
        )
    except Exception as exc:  # a checker bug must not end the run: report it on the row
        row = broken_row(
            path.name,
            _("internal error: {kind}: {error}").format(kind=type(exc).__name__, error=exc)[:300],
        )
    row.seconds = time.perf_counter() - start
    row.cpu_seconds = time.process_time() - cpu
    return row


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise PackageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
