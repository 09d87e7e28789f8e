"""A threaded HTTP/1.1 server on a free loopback port, with fault injection and request counts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.lock = threading.Lock()
        self.faults: list[tuple[int, dict[str, str], bytes]] = []
        self.fail_every = 0  # fail one request in N with 503 (0: never)
        self.requests = 0
        self.throttle = 0.0  # seconds per 64 KiB block received (to make uploads killable)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_fault(self) -> tuple[int, dict[str, str], bytes] | None:
        with self.lock:
            self.requests += 1
            if self.faults:
                return self.faults.pop(0)
            if self.fail_every and self.requests % self.fail_every == 0:
                return 503, {}, b"temporarily unavailable"
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server
    # A client that vanished mid-body must not hold a handler (and the upload's lock) forever.
    timeout = 10

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def body_blocks(self) -> Iterator[bytes]:
        """The request body in 64 KiB blocks; stops quietly if the client disappears."""
        left = int(self.headers.get("Content-Length") or 0)
        while left > 0:
            try:
                block = self.rfile.read(min(left, 1 << 16))
            except OSError:
                return
            if not block:
                return
            left -= len(block)
            if self.server.throttle:
                time.sleep(self.server.throttle)
            yield block

    def body(self) -> bytes:
        return b"".join(self.body_blocks())

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def fault(self) -> bool:
        """Answer with an injected fault (after draining the body) if one is due."""
        fault = self.server.next_fault()
        if fault is None:
            return False
        for _ in self.body_blocks():
            pass
        status, headers, body = fault
        self.reply(status, body.replace(b"{auth}", self.headers.get("Authorization", "").encode()),
                   headers)  # fmt: skip
        return True


@contextmanager
def running(server: Server) -> Iterator[Server]:
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
