"""Printify's upload endpoints as documented: POST /v1/uploads/images.json and GET
/v1/uploads.json, Bearer token, JSON replies; faults give 401/429 (Retry-After)/5xx."""

from __future__ import annotations

import base64
import binascii
import itertools
import json
from collections import Counter

from servers.base import Handler, Server


class PrintifyServer(Server):
    def __init__(self, token: str = "pfy-secret-token-0123456789") -> None:
        super().__init__(PrintifyHandler)
        self.token = token
        self.images: list[dict[str, object]] = []
        self.uploads: Counter[str] = Counter()
        self.ids = itertools.count(1)


class PrintifyHandler(Handler):
    server: PrintifyServer

    def _json(self, status: int, data: object, headers: dict[str, str] | None = None) -> None:
        self.reply(status, json.dumps(data).encode(),
                   {"Content-Type": "application/json", **(headers or {})})  # fmt: skip

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") != f"Bearer {self.server.token}":
            for _ in self.body_blocks():
                pass
            self._json(401, {"code": 401, "message": "Unauthenticated."})
            return False
        return True

    def do_GET(self) -> None:
        if self.fault() or not self._authorised():
            return
        if not self.path.startswith("/v1/uploads.json"):
            self._json(404, {"message": "Not found"})
            return
        self._json(200, {"current_page": 1, "data": list(reversed(self.server.images))})

    def do_POST(self) -> None:
        if self.fault() or not self._authorised():
            return
        if self.path != "/v1/uploads/images.json":
            self._json(404, {"message": "Not found"})
            return
        try:
            data = json.loads(self.body())
            name = data["file_name"]
            size = len(base64.b64decode(data["contents"], validate=True)) if "contents" in data \
                else 0  # fmt: skip
        except (ValueError, KeyError, TypeError, binascii.Error):
            self._json(400, {"code": 8150, "message": "Validation failed."})
            return
        image = {"id": f"5e16d66791287a0006e522b{next(self.server.ids)}", "file_name": name,
                 "height": 5979, "width": 17045, "size": size, "mime_type": "image/png",
                 "preview_url": f"{self.server.url}/preview/{name}",
                 "upload_time": "2020-01-09 07:29:43"}  # fmt: skip
        self.server.images.append(image)
        self.server.uploads[name] += 1
        self._json(200, image)
