"""Connector secrets live in the system keyring, and nowhere else.

When no keyring backend works (a headless Linux box without a D-Bus session gets keyring's
"fail" backend) we say so plainly and keep secrets in memory for this session only. We never
fall back to files: ``keyrings.alt`` stores base64, which is plaintext with extra steps, and
digiKam's "scrambled" tokens in settings are a warning, not an example.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import keyring
import keyring.errors
from keyring.backends import fail

from studio.i18n import N_, translations

SERVICE = "motif-studio"
PART_CHARS = 1000
"""Windows Credential Manager caps a secret at 2,560 bytes; long OAuth tokens are split."""

NAMES_BY_AUTH = {
    "none": (),
    "token": ("token",),
    "basic": ("username", "password"),
    "oauth2": ("token", "refresh_token"),
}


class CredentialStore(Protocol):
    persistent: bool

    def get(self, connector_id: str, name: str) -> str | None: ...
    def set(self, connector_id: str, name: str, value: str) -> None: ...
    def delete(self, connector_id: str, name: str) -> None: ...


class MemoryStore:
    """Secrets for this session only; forgotten when the app quits."""

    persistent = False

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], str] = {}

    def get(self, connector_id: str, name: str) -> str | None:
        return self._values.get((connector_id, name))

    def set(self, connector_id: str, name: str, value: str) -> None:
        self._values[(connector_id, name)] = value

    def delete(self, connector_id: str, name: str) -> None:
        self._values.pop((connector_id, name), None)


class KeyringStore:
    """The system keyring; values longer than PART_CHARS are stored as numbered parts."""

    persistent = True

    def _user(self, connector_id: str, name: str) -> str:
        return f"{connector_id}/{name}"

    def get(self, connector_id: str, name: str) -> str | None:
        user = self._user(connector_id, name)
        head = keyring.get_password(SERVICE, user)
        if head is None or not head.startswith("parts:"):
            return head
        count = int(head.removeprefix("parts:"))
        parts = [keyring.get_password(SERVICE, f"{user}#{i}") for i in range(count)]
        return None if any(p is None for p in parts) else "".join(p or "" for p in parts)

    def set(self, connector_id: str, name: str, value: str) -> None:
        user = self._user(connector_id, name)
        self.delete(connector_id, name)
        if len(value) <= PART_CHARS:
            keyring.set_password(SERVICE, user, value)
            return
        parts = [value[i : i + PART_CHARS] for i in range(0, len(value), PART_CHARS)]
        for index, part in enumerate(parts):
            keyring.set_password(SERVICE, f"{user}#{index}", part)
        keyring.set_password(SERVICE, user, f"parts:{len(parts)}")

    def delete(self, connector_id: str, name: str) -> None:
        user = self._user(connector_id, name)
        head = keyring.get_password(SERVICE, user)
        if head is None:
            return
        if head.startswith("parts:"):
            for index in range(int(head.removeprefix("parts:"))):
                keyring.delete_password(SERVICE, f"{user}#{index}")
        keyring.delete_password(SERVICE, user)


def open_store() -> tuple[CredentialStore, str]:
    """The keyring if one works, else a session-only store and a sentence saying why."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return MemoryStore(), translations().gettext(NO_KEYRING)
    try:
        keyring.get_password(SERVICE, "probe")
    except keyring.errors.KeyringError as exc:
        return MemoryStore(), f"{translations().gettext(NO_KEYRING)} ({type(exc).__name__})"
    return KeyringStore(), ""


NO_KEYRING = (  # English here; open_store() says it in the user's language
    N_(
        "No system keyring is available, so passwords and tokens are kept for "
        "this session only and you will be asked again next time. Install and "
        "unlock a keyring (GNOME Keyring, KWallet, macOS Keychain, Windows "
        "Credential Manager) to remember them."
    )
)


def credentials_for(
    store: CredentialStore, connector_id: str, auth: str, extra: Iterable[str] = ()
) -> dict[str, str]:
    """The secrets a connector with this auth kind (plus its secret settings) needs, those the
    store has."""
    found = {}
    for name in (*NAMES_BY_AUTH.get(auth, ()), *extra):
        value = store.get(connector_id, name)
        if value is not None:
            found[name] = value
    return found
