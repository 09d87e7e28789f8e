"""A template connector: copy this package, rename it, and change ``upload``.

Rules that keep a connector working across Motif Studio releases:

* import only ``studio.connectors.api``;
* read secrets with ``context.credential(...)``, never from settings;
* stream bodies with ``context.file_body(...)`` so progress and cancel work mid-file;
* map replies with ``raise_for_status`` and wrap requests in ``network_errors()``;
* make a re-run harmless: send ``context.idempotency_key`` if the platform takes one, or save
  what you learned with ``context.save_resume_state`` before the step that could duplicate.
"""

from __future__ import annotations

from typing import Any

from studio.connectors.api import (
    Manifest,
    Problem,
    Submission,
    UploadContext,
    UploadResult,
    network_errors,
    raise_for_status,
    size_problems,
)


class TemplateConnector:
    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest

    def precheck(self, submission: Submission, settings: dict[str, Any]) -> list[Problem]:
        """Offline: the platform's own limits (formats, sizes), so users hear before queueing."""
        return size_problems(self.manifest, submission)

    def upload(
        self, submission: Submission, settings: dict[str, Any], context: UploadContext
    ) -> UploadResult:
        headers = {
            "Authorization": f"Bearer {context.credential('token') or ''}",
            "Idempotency-Key": context.idempotency_key,
            "Content-Type": "application/zip",
            "X-File-Name": submission.file_name,
        }
        with network_errors(), context.file_body(submission.path) as body:
            response = context.session.post(settings["endpoint"], data=body, headers=headers)
        raise_for_status(response, context.redactor)
        context.report_progress(submission.size, submission.size)
        reply = response.json() if response.content else {}
        return UploadResult(str(reply.get("id", submission.sha256)), str(reply.get("url", "")))
