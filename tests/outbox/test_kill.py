"""Kill the worker process with SIGKILL mid-upload, again and again: every package still
arrives exactly once (counted by the server), and resumed uploads do not resend much."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from studio.connectors.testkit import make_zip
from studio.outbox.jobs import State
from studio.outbox.store import Store
from studio.outbox.submit import submit

WORKER = Path(__file__).with_name("run_worker.py")


def _wait_for(condition: Any, deadline: float) -> None:
    """Poll a condition a real process must bring about; fail at the deadline."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not reached before the deadline")
        time.sleep(0.01)


def test_sigkill_mid_upload_still_delivers_each_package_once(
    tmp_path: Path, tus_server: Any
) -> None:
    tus_server.throttle = 0.004  # per 64 KiB: about 0.1 s per package, so kills land mid-body
    db = tmp_path / "outbox.sqlite3"
    store = Store(db)
    packages = []
    for n in range(5):
        path = make_zip(tmp_path / f"entry-{n}.zip", 1_500_000)
        packages.append(path)
        submit(store, path, "brief-portal", {"endpoint": f"{tus_server.url}/files"}, time.time())
    total = sum(p.stat().st_size for p in packages)
    kills = 0
    for _ in range(6):
        before = tus_server.received
        proc = subprocess.Popen([sys.executable, str(WORKER), str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            _wait_for(lambda b=before, p=proc: tus_server.received > b + 300_000
                      or p.poll() is not None, 30)  # fmt: skip
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
            proc.wait(10)
        if tus_server.received >= total:
            break
    final = subprocess.run([sys.executable, str(WORKER), str(db)], capture_output=True,
                           timeout=60, check=False)  # fmt: skip
    assert final.returncode == 0, final.stderr
    assert kills >= 3
    assert {p.name: tus_server.completed[p.name] for p in packages} == {p.name: 1 for p in packages}
    assert all(job.state == State.DONE for job in store.all())
    # resumed, not restarted: at most one extra partial body's worth per kill was resent
    assert tus_server.received <= total + kills * 1_500_000
