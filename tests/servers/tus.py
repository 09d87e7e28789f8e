"""A reference tus 1.0 server (core protocol + creation), storing uploads on disk."""

from __future__ import annotations

import base64
import itertools
import threading
from collections import Counter
from pathlib import Path

from servers.base import Handler, Server


class TusServer(Server):
    def __init__(self, folder: Path) -> None:
        super().__init__(TusHandler)
        self.folder = folder
        self.uploads: dict[str, dict[str, object]] = {}
        self.completed: Counter[str] = Counter()  # file name -> completed uploads
        self.received = 0
        self.ids = itertools.count(1)


def parse_metadata(value: str) -> dict[str, str]:
    pairs = {}
    for item in filter(None, value.split(",")):
        key, _, encoded = item.strip().partition(" ")
        pairs[key] = base64.b64decode(encoded).decode() if encoded else ""
    return pairs


class TusHandler(Handler):
    server: TusServer

    def _upload(self) -> dict[str, object] | None:
        return self.server.uploads.get(self.path.rsplit("/", 1)[-1])

    def _version_ok(self) -> bool:
        if self.headers.get("Tus-Resumable") != "1.0.0":
            self.reply(412, b"", {"Tus-Version": "1.0.0"})
            return False
        return True

    @staticmethod
    def _busy(upload: dict[str, object]) -> threading.Lock:
        """One PATCH at a time per upload, as real tus servers lock an upload while writing."""
        lock = upload["lock"]
        assert isinstance(lock, type(threading.Lock()))
        return lock

    def do_OPTIONS(self) -> None:
        self.reply(204, b"", {"Tus-Version": "1.0.0", "Tus-Extension": "creation"})

    def do_POST(self) -> None:
        if self.fault() or not self._version_ok():
            return
        length = self.headers.get("Upload-Length", "")
        if not length.isdigit():
            self.reply(400, b"Upload-Length required")
            return
        upload_id = f"u{next(self.server.ids)}"
        path = self.server.folder / upload_id
        path.write_bytes(b"")
        meta = parse_metadata(self.headers.get("Upload-Metadata", ""))
        self.server.uploads[upload_id] = {"length": int(length), "offset": 0, "path": path,
                                          "meta": meta, "lock": threading.Lock()}  # fmt: skip
        self.reply(201, b"", {"Location": f"/files/{upload_id}", "Tus-Resumable": "1.0.0"})

    def do_HEAD(self) -> None:
        if self.fault() or not self._version_ok():
            return
        upload = self._upload()
        if upload is None:
            self.reply(404)
            return
        with self._busy(upload):  # the offset once an interrupted PATCH has drained
            pass
        self.reply(
            200,
            b"",
            {
                "Upload-Offset": str(upload["offset"]),
                "Tus-Resumable": "1.0.0",
                "Upload-Length": str(upload["length"]),
                "Cache-Control": "no-store",
            },
        )

    def do_PATCH(self) -> None:
        if self.fault() or not self._version_ok():
            return
        upload = self._upload()
        if upload is None:
            self.reply(404)
            return
        if self.headers.get("Content-Type") != "application/offset+octet-stream":
            self.reply(415)
            return
        if self.headers.get("Upload-Offset") != str(upload["offset"]):
            self.reply(409, b"offset mismatch")
            return
        path = upload["path"]
        assert isinstance(path, Path)
        with self._busy(upload), path.open("ab") as out:
            for block in self.body_blocks():
                out.write(block)
                out.flush()
                upload["offset"] = int(str(upload["offset"])) + len(block)
                self.server.received += len(block)
        offset, length = int(str(upload["offset"])), int(str(upload["length"]))
        if offset == length and not upload.get("done"):
            upload["done"] = True
            meta = upload["meta"]
            assert isinstance(meta, dict)
            self.server.completed[meta.get("filename", "")] += 1
        self.reply(204, b"", {"Upload-Offset": str(offset), "Tus-Resumable": "1.0.0"})
