"""A brand's Ed25519 signing keys, kept in the per-user data folder.

Private keys are stored encrypted with a passphrase (PKCS#8, the best encryption
``cryptography`` offers) unless the brand explicitly asks for a plain key (for an unattended
server). Every key file is created ``0600`` in a ``0700`` folder, and never overwritten by
accident: a lost signing key means creators see a "key changed" warning on the next brief.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from studio.brands.userdirs import data_dir, private_dir
from studio.errors import InputError
from studio.i18n import _

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_KEY_FILE = 64 * 1024


def keys_dir() -> Path:
    return data_dir() / "keys"


def check_key_name(name: str) -> str:
    if not _NAME.match(name):
        raise InputError(
            None, _("key name {name}: use letters, digits, '.', '_', '-'").format(name=repr(name))
        )
    return name


def private_key_path(name: str) -> Path:
    return keys_dir() / f"{check_key_name(name)}.key"


def public_key_path(name: str) -> Path:
    return keys_dir() / f"{check_key_name(name)}.pub"


def new_key(
    name: str, passphrase: bytes | None, *, unencrypted: bool = False, force: bool = False
) -> Ed25519PrivateKey:
    """Create and store a key pair called ``name``. A key without passphrase needs
    ``unencrypted=True``: nobody stores a plain private key by forgetting an option."""
    if not passphrase and not unencrypted:
        raise InputError(
            None, _("a passphrase is needed (or ask for an unencrypted key explicitly)")
        )
    key = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    public = public_pem(key.public_key())
    private_dir(keys_dir())
    _write_private(private_key_path(name), private, force)
    _write_private(public_key_path(name), public, force=True)
    return key


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_private_key(name: str, passphrase: bytes | None) -> Ed25519PrivateKey:
    """The stored private key ``name``; InputError for a missing key or a wrong passphrase."""
    path = private_key_path(name)
    data = _read(path)
    try:
        key = serialization.load_pem_private_key(data, password=passphrase or None)
    except TypeError:
        raise InputError(path, _("the key is encrypted: give its passphrase")) from None
    except ValueError:
        raise InputError(path, _("wrong passphrase, or not a private key")) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(path, _("not an Ed25519 key"))
    return key


def load_public_key(name: str) -> Ed25519PublicKey:
    path = public_key_path(name)
    key = serialization.load_pem_public_key(_read(path))
    if not isinstance(key, Ed25519PublicKey):
        raise InputError(path, _("not an Ed25519 public key"))
    return key


def list_keys() -> list[str]:
    folder = keys_dir()
    return sorted(p.stem for p in folder.glob("*.key")) if folder.is_dir() else []


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise InputError(path, _("too large for a key file"))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            path, _("no key {name} (create it with 'keys new')").format(name=repr(path.stem))
        ) from None


def _write_private(path: Path, data: bytes, force: bool) -> None:
    """Create ``path`` with mode 0600 from the start (no window where it is world-readable)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise InputError(path, _("a key with this name exists already")) from None
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(data)
