"""Opening a brief the way the app does: check its signature, and pin a new key only when the
creator says yes.

``load_brief_checked`` pins a first-seen key at once, which suits the command line. In the app
the creator is asked "Trust this brand's key?" first, so the store handed to it here only
records what it would pin; :meth:`CheckedBrief.trust` writes it when the creator accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from studio.brands.signing import SignatureStatus, group_fingerprint
from studio.brands.trust import TrustDecision, TrustStore, load_brief_checked
from studio.brief.model import Brief
from studio.i18n import _

Level = Literal["ok", "info", "warning", "danger"]


class _AskFirstStore(TrustStore):
    """A trust store that remembers what it was asked to pin instead of saving it."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path)
        self.pending: list[tuple[tuple[str, ...], str, str]] = []

    def pin(self, names: tuple[str, ...], fingerprint: str, signer: str) -> None:
        self.pending.append((names, fingerprint, signer))


@dataclass
class CheckedBrief:
    """A loaded brief, its signature and the trust decision, before the creator answers."""

    brief: Brief
    status: SignatureStatus
    decision: TrustDecision
    store_path: Path
    trusted_now: bool = False

    @property
    def signer(self) -> str:
        return self.status.signer or self.brief.brand_name or self.brief.id

    @property
    def needs_answer(self) -> bool:
        """First use and changed keys are the creator's call."""
        return self.decision.state in ("first-use", "key-changed")

    def trust(self) -> None:
        """Pin the key that signed this brief (replacing an older one for a changed key)."""
        if self.status.state != "signed":
            return
        TrustStore(self.store_path).pin(
            self.decision.names, self.status.fingerprint, self.status.signer
        )
        self.trusted_now = True

    def note(self) -> tuple[Level, str]:
        """One line for the brief panel: who signed it and whether that key is trusted."""
        return signature_note(self.brief, self.status, self.decision, self.trusted_now)


def check_brief(path: str | Path, store_path: Path | None = None) -> CheckedBrief:
    """Load ``path`` and decide on its signature; raises BriefSignatureError when tampered.
    A brief signed by a key already trusted completes its pins (brand and id) silently."""
    store = _AskFirstStore(store_path)
    brief, status, decision = load_brief_checked(path, store)
    checked = CheckedBrief(brief, status, decision, store.path)
    if decision.state == "trusted" and store.pending:
        checked.trust()
    return checked


def signature_note(
    brief: Brief, status: SignatureStatus, decision: TrustDecision, trusted_now: bool = False
) -> tuple[Level, str]:
    who = status.signer or brief.brand_name or brief.id
    key = group_fingerprint(status.fingerprint)
    if decision.state == "unsigned":
        return "warning", _(
            "Unsigned brief: nothing proves it comes from {brand}. Check where you got it."
        ).format(brand=brief.brand_name or brief.id)
    if decision.state == "key-changed" and not trusted_now:
        return "danger", _(
            "Signed by {signer} with key {key}, but this brand used another key before "
            "({old}). It may be an impostor: check with the brand."
        ).format(signer=who, key=key, old=group_fingerprint(decision.pinned))
    if decision.state == "first-use" and not trusted_now:
        return "info", _(
            "Signed by {signer} (key {key}). You have not trusted this key yet."
        ).format(signer=who, key=key)
    if decision.state == "invalid":
        return "danger", decision.message
    return "ok", _("Signed by {signer} (key {key})").format(signer=who, key=key)
