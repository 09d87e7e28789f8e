"""WebDAV upload: one streamed PUT, or Nextcloud chunking v2 for large files.

Chunking v2 (Nextcloud's documented protocol): MKCOL ``uploads/{user}/{id}``, PUT numbered
chunks, then MOVE ``.file`` onto the destination. ``Destination`` goes on every request and
``OC-Total-Length`` on chunks and MOVE, so the server can refuse early when space is short. The
upload id derives from the job's idempotency key, so a restarted job continues the same upload
folder and skips the chunks it already sent.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import requests

from studio.connectors.api import (
    Manifest,
    Problem,
    Rejected,
    Submission,
    UploadContext,
    UploadResult,
    network_errors,
    raise_for_status,
    size_problems,
)


class WebDavConnector:
    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Problem]:
        return size_problems(self.manifest, submission)

    def upload(
        self, submission: Submission, settings: dict[str, Any], context: UploadContext
    ) -> UploadResult:
        user, password = context.credential("username"), context.credential("password")
        auth = (user, password) if user and password is not None else None
        destination = settings["url"].rstrip("/") + "/" + quote(submission.file_name)
        with network_errors():
            if self._chunked(submission, settings):
                self._chunked_upload(submission, settings, context, destination, auth)
            else:
                self._put(submission, context, destination, auth)
        context.report_progress(submission.size, submission.size)
        return UploadResult(destination, destination)

    def _chunked(self, submission: Submission, settings: dict[str, Any]) -> bool:
        threshold = settings.get("chunk_threshold", 50 * 1024 * 1024)
        return bool(settings.get("nextcloud_dav_root")) and submission.size >= threshold

    def _check(self, response: requests.Response, context: UploadContext) -> None:
        if response.status_code == 409:
            raise Rejected("the target folder does not exist on the server (HTTP 409)")
        raise_for_status(response, context.redactor)

    def _put(self, submission: Submission, context: UploadContext, url: str, auth: Any) -> None:
        """PUT is idempotent: a re-run after a crash overwrites the same file, never duplicates."""
        with context.file_body(submission.path) as body:
            response = context.session.put(
                url, data=body, auth=auth, headers={"Content-Type": "application/zip"}
            )
        self._check(response, context)

    def _chunked_upload(
        self,
        submission: Submission,
        settings: dict[str, Any],
        context: UploadContext,
        destination: str,
        auth: Any,
    ) -> None:
        session, state = context.session, context.resume_state
        size, step = submission.size, int(settings.get("chunk_bytes", 10 * 1024 * 1024))
        root = settings["nextcloud_dav_root"].rstrip("/")
        user = quote(str(auth[0]) if auth else "")
        folder = f"{root}/uploads/{user}/motif-{context.idempotency_key}"
        headers = {"Destination": destination, "OC-Total-Length": str(size)}
        if state.get("moving") and self._arrived(session, destination, size, auth):
            return
        if not state.get("folder"):
            response = session.request("MKCOL", folder, auth=auth, headers=headers)
            if response.status_code != 405:  # 405: it already exists, from an earlier attempt
                self._check(response, context)
            state = {"folder": folder, "chunks": 0}
            context.save_resume_state(state)
        count = max(1, -(-size // step))
        for number in range(int(state.get("chunks", 0)) + 1, count + 1):
            start = (number - 1) * step
            length = min(step, size - start)
            with context.file_body(submission.path, start, length) as body:
                response = session.put(
                    f"{folder}/{number:05d}", data=body, auth=auth, headers=headers
                )
            self._check(response, context)
            state = {**state, "chunks": number}
            context.save_resume_state(state)
        context.save_resume_state({**state, "moving": True})
        response = session.request("MOVE", f"{folder}/.file", auth=auth, headers=headers)
        if response.status_code == 404 and self._arrived(session, destination, size, auth):
            return
        self._check(response, context)

    @staticmethod
    def _arrived(session: requests.Session, url: str, size: int, auth: Any) -> bool:
        """After a crash during MOVE: is the assembled file already in place?"""
        response = session.head(url, auth=auth)
        return response.ok and response.headers.get("Content-Length") == str(size)
