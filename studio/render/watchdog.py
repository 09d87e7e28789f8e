"""Run a render that may never finish in a forked child, killed after a time limit.

The renderer is native code holding the GIL: a thread cannot interrupt it, and some filters cost
far more than their size suggests (resvg's feMorphology is O(pixels x radius^2): radius 50 on a
500 x 500 canvas took 35 s, 9999 over 40 s; feConvolveMatrix of order 300, feTurbulence with
100 000 octaves never finished in a minute). So documents with filter primitives are drawn in a
``fork()``ed child that sends the bytes back through a pipe; past the limit the child is killed
and the user gets one :class:`InputError` line instead of a frozen export. The fork copies the
loaded fonts for free. Where ``fork`` does not exist (Windows), the render runs in-process.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import struct
import time
from collections.abc import Callable, Iterator, Sequence

from studio.errors import InputError

TIMEOUT_ENV = "MOTIF_STUDIO_RENDER_TIMEOUT"
#: Seconds allowed, plus :data:`SECONDS_PER_MEGAPIXEL`: every suite file renders in under 3 s
#: at 500 x 500 and the 24 MP benchmark motif in about 20 s (bench/bench_export.py).
BASE_TIMEOUT_S = 20.0
SECONDS_PER_MEGAPIXEL = 2.0

_OK, _ERROR = b"K", b"E"


def time_limit(width_px: int, height_px: int) -> float:
    """Seconds a ``width_px`` x ``height_px`` render may take (``MOTIF_STUDIO_RENDER_TIMEOUT``)."""
    env = os.environ.get(TIMEOUT_ENV, "")
    try:
        if env and float(env) > 0:
            return float(env)
    except ValueError:
        pass
    return BASE_TIMEOUT_S + SECONDS_PER_MEGAPIXEL * width_px * height_px / 1e6


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """File descriptor 2 goes to /dev/null: Rust panics print there before Python sees them.

    For command-line paths only, where the user should see our one line and nothing else.
    """
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _child(write_fd: int, work: Callable[[], bytes]) -> None:
    """In the forked child: run ``work``, send ``K len data`` or ``E len message``, exit."""
    status = 0
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        try:
            kind, payload = _OK, work()
        except InputError as exc:
            kind, payload = _ERROR, exc.problem.encode()
        except BaseException as exc:  # a Rust panic is a BaseException
            kind, payload = _ERROR, f"the renderer failed ({type(exc).__name__})".encode()
        view = memoryview(kind + struct.pack("<Q", len(payload)) + payload)
        while view:
            view = view[os.write(write_fd, view):]
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def run_with_time_limit(work: Callable[[], bytes], seconds: float) -> bytes:
    """``work()`` in a forked child; InputError if it fails or takes more than ``seconds``."""
    return run_parallel([work], seconds)[0]


def run_parallel(works: Sequence[Callable[[], bytes]], seconds: float) -> list[bytes]:
    """Each of ``works`` in its own forked child, all at once, under one time limit."""
    if not hasattr(os, "fork"):
        return [work() for work in works]
    children: dict[int, tuple[int, int]] = {}  # read fd -> (index, pid)
    try:
        for index, work in enumerate(works):
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child never returns
                os.close(read_fd)
                _child(write_fd, work)
            os.close(write_fd)
            children[read_fd] = (index, pid)
        return _collect(children, time.monotonic() + seconds, seconds)
    finally:
        for read_fd, (_, pid) in children.items():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.close(read_fd)
            os.waitpid(pid, 0)


def _collect(children: dict[int, tuple[int, int]], deadline: float,
             seconds: float) -> list[bytes]:
    """The children's payloads in order, reading all pipes as data arrives."""
    received: dict[int, bytearray] = {fd: bytearray() for fd in children}
    done: dict[int, bytes] = {}
    while len(done) < len(children):
        left = deadline - time.monotonic()
        ready = select.select([fd for fd in children if fd not in done], [], [], max(left, 0))[0]
        if not ready:
            raise InputError(None, f"drawing this SVG took more than {seconds:.0f} s, so it "
                                   "was stopped (a filter too costly at this size?)")
        for fd in ready:
            chunk = os.read(fd, 1 << 22)
            buf = received[fd]
            if not chunk:
                raise InputError(None, "the renderer crashed on this SVG")
            buf += chunk
            if len(buf) >= 9 and len(buf) - 9 >= struct.unpack("<Q", buf[1:9])[0]:
                if buf[:1] == _ERROR:
                    raise InputError(None, bytes(buf[9:]).decode(errors="replace"))
                done[fd] = bytes(memoryview(buf)[9:])
    return [done[fd] for fd, _ in sorted(children.items(), key=lambda item: item[1][0])]
