"""Printify: ``POST /v1/uploads/images.json`` with a Bearer token.

The body is ``{"file_name", "contents": base64}`` (or ``{"file_name", "url"}`` when the image
is published somewhere Printify can fetch it, which Printify recommends above 5 MB). The base64
JSON is generated piece by piece from the zip entry, so a large image never sits in memory.
Printify has no idempotency key: the file name carries the image's hash, and a retried attempt
that may already have reached the server first looks for that name in the upload library.
"""

from __future__ import annotations

import base64
import json
import os
import zipfile
from collections.abc import Iterator
from typing import Any

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

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
MAX_IMAGE_BYTES = 1 << 30
RAW_BLOCK = 3 * (1 << 16)  # a multiple of 3, so base64 pieces concatenate cleanly


def print_image(archive: zipfile.ZipFile) -> zipfile.ZipInfo | None:
    """The package's print image: ``print.*`` if present, else the first image entry."""
    images = [i for i in archive.infolist() if i.filename.lower().endswith(IMAGE_SUFFIXES)]
    preferred = [i for i in images if os.path.basename(i.filename).lower().startswith("print.")]
    return (preferred or images or [None])[0]


def base64_json(name: str, stream: Any, size: int) -> tuple[Iterator[bytes], int]:
    """The JSON body as pieces, and its exact length (base64 of n bytes is 4*ceil(n/3))."""
    head = b'{"file_name": ' + json.dumps(name).encode() + b', "contents": "'
    tail = b'"}'

    def pieces() -> Iterator[bytes]:
        yield head
        while block := stream.read(RAW_BLOCK):
            yield base64.b64encode(block)
        yield tail

    return pieces(), len(head) + 4 * (-(-size // 3)) + len(tail)


class PrintifyConnector:
    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Problem]:
        problems = size_problems(self.manifest, submission)
        try:
            with zipfile.ZipFile(submission.path) as archive:
                image = print_image(archive)
        except (OSError, zipfile.BadZipFile):
            return [*problems, Problem("the package is not a readable zip file")]
        if image is None:
            problems.append(Problem("the package has no PNG, JPEG or SVG image for Printify"))
        elif image.file_size > MAX_IMAGE_BYTES:
            problems.append(Problem("the print image is larger than Printify accepts"))
        return problems

    def upload(
        self, submission: Submission, settings: dict[str, Any], context: UploadContext
    ) -> UploadResult:
        token = context.credential("token")
        base = settings.get("base_url", "https://api.printify.com").rstrip("/")
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        with zipfile.ZipFile(submission.path) as archive:
            image = print_image(archive)
            if image is None:
                raise Rejected("the package has no image for Printify")
            stem, suffix = os.path.splitext(os.path.basename(image.filename))
            name = f"{stem}-{submission.sha256[:12]}{suffix}"
            with network_errors():
                if context.resume_state.get("posted"):
                    found = self._find(context, base, headers, name)
                    if found is not None:
                        return found
                context.save_resume_state({"posted": True, "file_name": name})
                url = f"{base}/v1/uploads/images.json"
                if settings.get("public_url"):
                    body = json.dumps({"file_name": name, "url": settings["public_url"]})
                    response = context.session.post(url, data=body, headers=headers)
                else:
                    with archive.open(image) as stream:
                        pieces, length = base64_json(name, stream, image.file_size)
                        streamed = context.stream_body(pieces, length, image.file_size)
                        response = context.session.post(url, data=streamed, headers=headers)
        raise_for_status(response, context.redactor)
        context.report_progress(image.file_size, image.file_size)
        try:
            reply = response.json()
        except ValueError:
            reply = None
        return self._result(reply)

    def _find(
        self, context: UploadContext, base: str, headers: dict[str, str], name: str
    ) -> UploadResult | None:
        """Whether an earlier, interrupted attempt already created this upload."""
        response = context.session.get(
            f"{base}/v1/uploads.json", params={"limit": 100}, headers=headers
        )
        raise_for_status(response, context.redactor)
        try:
            items = response.json().get("data", [])
        except (ValueError, AttributeError):
            raise ServerError("Printify's upload list is not JSON") from None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("file_name") == name:
                return self._result(item)
        return None

    @staticmethod
    def _result(reply: object) -> UploadResult:
        if not isinstance(reply, dict) or not isinstance(reply.get("id"), str | int):
            raise ServerError("Printify replied without an upload id")
        return UploadResult(str(reply["id"]), str(reply.get("preview_url", "")))
