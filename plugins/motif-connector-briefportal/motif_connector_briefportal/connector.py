"""tus 1.0 resumable upload: POST creates the upload, HEAD tells the offset, PATCH sends bytes.

The upload URL is saved in the resume state before a single byte is sent, so a job killed at any
point continues at the server's offset instead of starting over or uploading twice. The
idempotency key also goes in Upload-Metadata, for servers that de-duplicate on it.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urljoin

import requests

from studio.connectors.api import (
    Manifest,
    Problem,
    Rejected,
    ServerError,
    Submission,
    UploadContext,
    UploadResult,
    network_errors,
    raise_for_status,
    size_problems,
)

TUS = {"Tus-Resumable": "1.0.0"}


def _metadata(pairs: dict[str, str]) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in pairs.items())


class BriefPortalConnector:
    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Problem]:
        return size_problems(self.manifest, submission)

    def upload(
        self, submission: Submission, settings: dict[str, Any], context: UploadContext
    ) -> UploadResult:
        with network_errors():
            location = context.resume_state.get("location")
            offset = self._offset(context, location) if location else None
            if offset is None:
                location = self._create(submission, settings, context)
                offset = 0
            assert isinstance(location, str)
            step = int(settings.get("chunk_bytes") or submission.size or 1)
            while offset < submission.size:
                offset = self._patch(submission, context, location, offset, step)
        context.report_progress(submission.size, submission.size)
        return UploadResult(location, location)

    def _check(self, response: requests.Response, context: UploadContext) -> None:
        if response.status_code == 412:
            raise Rejected("the portal does not speak tus 1.0.0 (HTTP 412)")
        raise_for_status(response, context.redactor)

    def _create(
        self, submission: Submission, settings: dict[str, Any], context: UploadContext
    ) -> str:
        meta = {
            "filename": submission.file_name,
            "brief": f"{submission.brief_id}@{submission.brief_version}",
            "sha256": submission.sha256,
            "idempotency_key": context.idempotency_key,
        }
        headers = {**TUS, "Upload-Length": str(submission.size), "Upload-Metadata": _metadata(meta)}
        response = context.session.post(settings["endpoint"], headers=headers)
        self._check(response, context)
        if "Location" not in response.headers:
            raise ServerError("the portal created an upload but sent no Location")
        location = urljoin(settings["endpoint"], response.headers["Location"])
        context.save_resume_state({"location": location})
        return location

    def _offset(self, context: UploadContext, location: str) -> int | None:
        """The server's offset for a saved upload, or None when it is gone (start over)."""
        response = context.session.head(location, headers=TUS)
        if response.status_code in (404, 410):
            return None
        self._check(response, context)
        return self._header_offset(response)

    def _patch(
        self, submission: Submission, context: UploadContext, location: str, offset: int, step: int
    ) -> int:
        length = min(step, submission.size - offset)
        headers = {
            **TUS,
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
        }
        with context.file_body(submission.path, offset, length, submission.size) as body:
            response = context.session.patch(location, data=body, headers=headers)
        if response.status_code == 409:  # offsets disagree: ask the server where it is
            return self._offset(context, location) or 0
        self._check(response, context)
        new = self._header_offset(response)
        if new <= offset:
            raise ServerError("the portal accepted a PATCH without moving its offset")
        return new

    @staticmethod
    def _header_offset(response: requests.Response) -> int:
        value = response.headers.get("Upload-Offset", "")
        if not value.isdigit():
            raise ServerError("the portal sent no valid Upload-Offset")
        return int(value)
