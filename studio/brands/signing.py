"""Signed brief packages: a brand's Ed25519 signature over brief.json and every asset.

The signature covers a canonical manifest (the SHA-256 of each entry, sorted by name), stored
with the public key in ``META-INF/signature.json``. Verification recomputes the manifest from
the package as found, so a changed byte in any entry, an added entry or a removed one all make
the signature invalid. The public key travels with the package; whether to *trust* it is the
trust store's job (``studio.brands.trust``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from studio.brands.authoring import zip_entries
from studio.brief.load import BRIEF_ZIP_LIMITS
from studio.errors import InputError
from studio.i18n import _
from studio.safety.zips import read_zip

SIGNATURE_ENTRY = "META-INF/signature.json"
MANIFEST_FORMAT = "motif-brief-manifest/1"
ALGORITHM = "Ed25519"
MAX_SIGNATURE_BYTES = 256 * 1024


@dataclass(frozen=True)
class SignatureStatus:
    """``signed``: the signature matches the content; ``unsigned``: there is none;
    ``invalid``: there is one and the content or the signature does not match it."""

    state: Literal["signed", "unsigned", "invalid"]
    signer: str = ""
    fingerprint: str = ""
    reason: str = ""

    @property
    def display_fingerprint(self) -> str:
        return group_fingerprint(self.fingerprint)


def fingerprint(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, lower-case hex."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def group_fingerprint(hex_digest: str) -> str:
    """``ab12cd34…`` -> ``AB12 CD34 …``: easy to read aloud over the phone."""
    text = hex_digest.upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def manifest_for(entries: dict[str, bytes], signer: str) -> dict[str, Any]:
    """What is signed: every entry but the signature itself, with its SHA-256, sorted."""
    return {
        "format": MANIFEST_FORMAT,
        "signer": signer,
        "entries": [
            {"path": name, "sha256": hashlib.sha256(entries[name]).hexdigest()}
            for name in sorted(entries)
            if name != SIGNATURE_ENTRY
        ],
    }


def canonical(value: Any) -> bytes:
    """One byte string per JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_entries(entries: dict[str, bytes], key: Ed25519PrivateKey, signer: str) -> bytes:
    """The ``signature.json`` for ``entries``."""
    manifest = manifest_for(entries, signer)
    public = key.public_key()
    raw_public = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    document = {
        "algorithm": ALGORITHM,
        "signer": signer,
        "public_key": base64.b64encode(raw_public).decode("ascii"),
        "fingerprint": fingerprint(public),
        "manifest": manifest,
        "signature": base64.b64encode(key.sign(canonical(manifest))).decode("ascii"),
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def sign_package(source: str | Path, key: Ed25519PrivateKey, signer: str) -> bytes:
    """The signed package bytes for the ``.brief`` at ``source`` (an old signature replaced)."""
    entries = read_zip(Path(source), BRIEF_ZIP_LIMITS)
    if "brief.json" not in entries:
        raise InputError(source, _("the package has no brief.json at its root"))
    entries.pop(SIGNATURE_ENTRY, None)
    entries[SIGNATURE_ENTRY] = sign_entries(entries, key, signer)
    return zip_entries(entries)


def verify_brief_package(path: str | Path) -> SignatureStatus:
    """The signature state of the brief at ``path``. A bare ``.brief.json`` is unsigned; an
    unreadable package raises InputError (it is not a brief at all)."""
    path = Path(path)
    with path.open("rb") as handle:
        if not handle.read(4).startswith(b"PK"):
            return SignatureStatus("unsigned", reason=_("a bare .brief.json carries no signature"))
    return verify_entries(read_zip(path, BRIEF_ZIP_LIMITS))


def verify_entries(entries: dict[str, bytes]) -> SignatureStatus:
    """Check the signature of a package's entries (as read by ``read_zip``)."""
    blob = entries.get(SIGNATURE_ENTRY)
    if blob is None:
        if any(name.startswith("META-INF/") for name in entries):
            return SignatureStatus("invalid", reason=_("META-INF/ holds files but no signature"))
        return SignatureStatus("unsigned", reason=_("the package carries no signature"))
    try:
        document = _parse_signature(blob)
    except ValueError as exc:
        return SignatureStatus(
            "invalid", reason=_("unreadable signature: {error}").format(error=exc)
        )
    signer, print_, public = document["signer"], document["fingerprint"], document["public_key"]
    if fingerprint(public) != print_:
        return SignatureStatus("invalid", signer, print_, _("the fingerprint is not the key's"))
    manifest = document["manifest"]
    try:
        public.verify(document["signature"], canonical(manifest))
    except InvalidSignature:
        return SignatureStatus("invalid", signer, print_, _("the signature does not match"))
    if manifest.get("signer") != signer:
        return SignatureStatus("invalid", signer, print_, _("the signer name was changed"))
    expected = manifest_for(entries, signer)["entries"]
    if manifest.get("entries") != expected:
        return SignatureStatus("invalid", signer, print_, _what_changed(manifest, expected))
    return SignatureStatus("signed", signer, print_)


def _parse_signature(blob: bytes) -> dict[str, Any]:
    if len(blob) > MAX_SIGNATURE_BYTES:
        raise ValueError(_("too large"))
    try:
        doc = json.loads(blob)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(_("not JSON ({error})").format(error=exc)) from None
    if not isinstance(doc, dict) or doc.get("algorithm") != ALGORITHM:
        raise ValueError(
            _("only {algorithm} signatures are understood").format(algorithm=ALGORITHM)
        )
    fields = ("signer", "public_key", "fingerprint", "signature")
    if not all(isinstance(doc.get(f), str) for f in fields) or not isinstance(
        doc.get("manifest"), dict
    ):
        raise ValueError(_("it needs {fields} and manifest").format(fields=", ".join(fields)))
    try:
        raw_key = base64.b64decode(doc["public_key"], validate=True)
        signature = base64.b64decode(doc["signature"], validate=True)
        public = Ed25519PublicKey.from_public_bytes(raw_key)
    except (binascii.Error, ValueError):
        raise ValueError(_("the key or signature is not valid base64 Ed25519")) from None
    return {**doc, "public_key": public, "signature": signature}


def _what_changed(manifest: dict[str, Any], expected: list[dict[str, str]]) -> str:
    signed_entries = manifest.get("entries")
    signed = {
        e.get("path"): e.get("sha256")
        for e in (signed_entries if isinstance(signed_entries, list) else [])
        if isinstance(e, dict)
    }
    found = {e["path"]: e["sha256"] for e in expected}
    added = sorted(set(found) - set(signed))
    removed = sorted(str(p) for p in set(signed) - set(found))
    changed = sorted(p for p in found if p in signed and signed[p] != found[p])
    parts = []
    if changed:
        parts.append(_("changed since signing: ") + ", ".join(changed))
    if added:
        parts.append(_("added after signing: ") + ", ".join(added))
    if removed:
        parts.append(_("missing: ") + ", ".join(removed))
    return "; ".join(parts) or _("the manifest does not match the package")
