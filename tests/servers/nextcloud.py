"""Nextcloud's WebDAV as far as uploads go: plain PUT under files/, and chunking v2 under
uploads/ (MKCOL, numbered chunk PUTs, MOVE .file) with Basic auth, as documented."""

from __future__ import annotations

import base64
import shutil
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from servers.base import Handler, Server

PREFIX = "/remote.php/dav"


class NextcloudServer(Server):
    def __init__(self, folder: Path, user: str = "alice", password: str = "app-pass-123") -> None:
        super().__init__(NextcloudHandler)
        self.folder, self.user, self.password = folder, user, password
        self.moves: Counter[str] = Counter()
        self.chunk_puts = 0
        self.puts: Counter[str] = Counter()  # plain PUTs under files/, by file name

    @property
    def dav(self) -> str:
        return f"{self.url}{PREFIX}"


class NextcloudHandler(Handler):
    server: NextcloudServer

    def _local(self, url_path: str) -> Path | None:
        path = unquote(urlsplit(url_path).path)
        if not path.startswith(PREFIX + "/"):
            return None
        parts = [p for p in path[len(PREFIX) + 1 :].split("/") if p]
        if len(parts) < 2 or parts[0] not in ("files", "uploads") or ".." in parts:
            return None
        if parts[1] != self.server.user:
            return None
        return self.server.folder.joinpath(*parts)

    def _authorised(self) -> bool:
        expected = f"{self.server.user}:{self.server.password}".encode()
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(expected).decode():
            for _ in self.body_blocks():
                pass
            self.reply(401, b"<error>not authenticated</error>",
                       {"WWW-Authenticate": 'Basic realm="Nextcloud"'})  # fmt: skip
            return False
        return True

    def _start(self) -> Path | None:
        if self.fault() or not self._authorised():
            return None
        local = self._local(self.path)
        if local is None:
            self.reply(404)
        return local

    def do_MKCOL(self) -> None:
        local = self._start()
        if local is None:
            return
        if local.exists():
            self.reply(405)
            return
        if "/uploads/" in self.path and not self.headers.get("Destination"):
            self.reply(400, b"Destination header required")
            return
        local.mkdir(parents=True)
        self.reply(201)

    def do_PUT(self) -> None:
        local = self._start()
        if local is None:
            return
        if "/uploads/" in self.path:
            if not self.headers.get("OC-Total-Length") or not self.headers.get("Destination"):
                self.reply(400, b"chunks need Destination and OC-Total-Length")
                return
            if not local.parent.is_dir():
                self.reply(404, b"no such upload")
                return
            self.server.chunk_puts += 1
        elif not local.parent.is_dir():
            self.reply(409)
            return
        existed = local.exists()
        # A name of its own: a cancelled PUT of the same chunk may still be draining in another
        # thread when the client resends it.
        part = local.with_name(f"{local.name}.{threading.get_ident()}.part")
        with part.open("wb") as out:
            for block in self.body_blocks():
                out.write(block)
        if part.stat().st_size != int(self.headers.get("Content-Length") or 0):
            part.unlink()  # the client went away mid-body: keep nothing, as Nextcloud does
            self.close_connection = True
            return
        part.replace(local)
        if "/uploads/" not in self.path:
            self.server.puts[local.name] += 1
        self.reply(204 if existed else 201)

    def do_MOVE(self) -> None:
        local = self._start()
        if local is None:
            return
        target = self._local(self.headers.get("Destination", ""))
        total = self.headers.get("OC-Total-Length", "")
        if local.name != ".file" or target is None or not local.parent.is_dir():
            self.reply(404 if not local.parent.is_dir() else 400)
            return
        chunks = sorted((p for p in local.parent.iterdir() if p.name.isdigit()),
                        key=lambda p: int(p.name))  # fmt: skip
        if total and sum(p.stat().st_size for p in chunks) != int(total):
            self.reply(400, b"chunks do not add up to OC-Total-Length")
            return
        existed = target.exists()
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            for chunk in chunks:
                out.write(chunk.read_bytes())
        shutil.rmtree(local.parent)
        self.server.moves[target.name] += 1
        self.reply(204 if existed else 201)

    def do_HEAD(self) -> None:
        local = self._start()
        if local is None:
            return
        if not local.is_file():
            self.reply(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(local.stat().st_size))
        self.end_headers()
