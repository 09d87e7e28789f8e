"""Trust on first use for brands' signing keys.

The first signed brief from a brand pins its key fingerprint, under the brand's name and under
its brief id prefix (``fraise-club`` for ``fraise-club.summer-tee``), in a JSON file in the
per-user config folder. Later briefs signed by the same key are ``trusted``; a brief naming the
same brand (or id prefix) but signed by another key is ``key-changed``: maybe a new key, maybe
an impostor, and the creator should hear about it. Pinning both names means an impostor cannot
dodge the warning by changing only one of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from studio.brands.signing import SignatureStatus, group_fingerprint, verify_brief_package
from studio.brands.userdirs import config_dir
from studio.brief.load import load_brief
from studio.brief.model import Brief
from studio.errors import InputError
from studio.i18n import _

TrustState = Literal["trusted", "first-use", "key-changed", "unsigned", "invalid"]
MAX_STORE_BYTES = 4 * 1024 * 1024


class BriefSignatureError(InputError):
    """A brief is signed but its signature does not match its content: refuse it."""


@dataclass(frozen=True)
class TrustDecision:
    """What the app tells the creator. ``warning`` is true for every state but
    ``trusted`` and ``first-use``; ``pinned`` is the fingerprint on record, if any."""

    state: TrustState
    message: str
    names: tuple[str, ...] = ()
    fingerprint: str = ""
    pinned: str = ""

    @property
    def warning(self) -> bool:
        return self.state not in ("trusted", "first-use")


def trust_names(brief: Brief) -> tuple[str, ...]:
    """The names a brand's key is pinned under: ``brand:NAME`` and ``id:PREFIX``."""
    names = []
    if brief.brand_name.strip():
        names.append("brand:" + " ".join(brief.brand_name.split()).casefold())
    names.append("id:" + brief.id.split(".")[0])
    return tuple(names)


class TrustStore:
    """Pinned fingerprints by name, in ``trust.json`` (config folder by default)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "trust.json"
        self.pins: dict[str, dict[str, str]] = self._read()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            if self.path.stat().st_size > MAX_STORE_BYTES:
                raise InputError(self.path, _("the trust store is too large"))
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(
                self.path, _("the trust store is not valid JSON ({error})").format(error=exc)
            ) from None
        pins = data.get("pins") if isinstance(data, dict) else None
        if not isinstance(pins, dict):
            return {}
        return {
            k: {"fingerprint": str(v["fingerprint"]), "signer": str(v.get("signer", ""))}
            for k, v in pins.items()
            if isinstance(v, dict) and isinstance(v.get("fingerprint"), str)
        }

    def save(self) -> None:
        from studio.fsutil import atomic_write

        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": 1, "pins": self.pins}, indent=2, sort_keys=True)
        atomic_write(self.path, text.encode("utf-8") + b"\n")

    def pinned(self, name: str) -> str:
        return self.pins.get(name, {}).get("fingerprint", "")

    def pin(self, names: tuple[str, ...], fingerprint: str, signer: str) -> None:
        """Record (or replace, when the creator accepts a new key) the key for ``names``."""
        for name in names:
            self.pins[name] = {"fingerprint": fingerprint, "signer": signer}
        self.save()

    def decide(
        self, brief: Brief, status: SignatureStatus, *, pin_new: bool = True
    ) -> TrustDecision:
        """The trust decision for ``brief`` with signature ``status``; pins on first use."""
        names = trust_names(brief)
        who = brief.brand_name or brief.id
        if status.state == "invalid":
            return TrustDecision(
                "invalid",
                _("The signature of this brief is invalid: {reason}.").format(reason=status.reason),
                names,
            )
        if status.state == "unsigned":
            return TrustDecision(
                "unsigned",
                _("This brief is not signed: nothing proves it comes from {brand}.").format(
                    brand=who
                ),
                names,
            )
        fp = status.fingerprint
        others = {self.pinned(n) for n in names} - {"", fp}
        if others:
            old = sorted(others)[0]
            return TrustDecision(
                "key-changed",
                _(
                    "The key that signed this brief changed: {brand} used key {old}, this brief "
                    "is signed by {new}. Check with the brand before trusting it."
                ).format(brand=who, old=group_fingerprint(old), new=group_fingerprint(fp)),
                names,
                fp,
                old,
            )
        if any(self.pinned(n) == fp for n in names):
            if pin_new and not all(self.pinned(n) == fp for n in names):
                self.pin(names, fp, status.signer)
            return TrustDecision(
                "trusted",
                _("Signed by {signer}, a key seen before.").format(signer=status.signer or who),
                names,
                fp,
                fp,
            )
        if pin_new:
            self.pin(names, fp, status.signer)
        return TrustDecision(
            "first-use",
            _(
                "Signed by {signer} with key {key}, seen for the first time: it is remembered "
                "from now on."
            ).format(signer=status.signer or who, key=group_fingerprint(fp)),
            names,
            fp,
        )


def load_brief_checked(
    path: str | Path, trust_store: TrustStore, *, refuse_invalid: bool = True
) -> tuple[Brief, SignatureStatus, TrustDecision]:
    """Load a brief and decide whether to trust it. A brief whose signature is invalid raises
    BriefSignatureError unless ``refuse_invalid`` is false (then the decision says so)."""
    brief = load_brief(path)
    status = verify_brief_package(path)
    if status.state == "invalid" and refuse_invalid:
        raise BriefSignatureError(
            path, _("the brief's signature is invalid: {reason}").format(reason=status.reason)
        )
    return brief, status, trust_store.decide(brief, status)
