"""``brief.deadline``: a warning once the brief's deadline has passed."""

from __future__ import annotations

from datetime import UTC, datetime

from studio.checks.context import CheckContext
from studio.checks.model import Finding
from studio.i18n import _


def check(ctx: CheckContext) -> list[Finding]:
    deadline = ctx.brief.deadline
    if deadline is None:
        return []
    now = ctx.now or datetime.now(UTC)
    if deadline.tzinfo is None:
        deadline = deadline.replace(tzinfo=UTC)
    if now <= deadline:
        return []
    return [
        Finding(
            "brief.deadline",
            "warning",
            _(
                "The brief's deadline passed on {date}: the brand may no longer accept submissions."
            ).format(date=f"{deadline:%Y-%m-%d %H:%M %Z}"),
        )
    ]
