"""Property-based round trips for the package format: any entries pack and read back the
same, the same entries always give the same bytes, and any one-byte change breaks a
signature."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brands.authoring import zip_entries
from studio.brands.signing import SIGNATURE_ENTRY, sign_entries, verify_entries
from studio.safety.zips import read_zip

KEY = Ed25519PrivateKey.generate()
names = st.lists(
    st.text(alphabet="abcxyz019-_.", min_size=1, max_size=8).filter(lambda s: s not in (".", "..")),
    min_size=1,
    max_size=3,
).map("/".join)
entries_strategy = st.dictionaries(names, st.binary(max_size=300), min_size=1, max_size=6)


def _read_back(data: bytes) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.brief"
        path.write_bytes(data)
        return read_zip(path)


def _plain(entries: dict[str, bytes]) -> bool:
    """No name is both a file and a folder of another (a zip can hold that, a disk cannot)."""
    return not any(other.startswith(name + "/") for name in entries for other in entries)


@settings(max_examples=40, deadline=None)
@given(entries_strategy)
def test_pack_round_trip_and_determinism(entries: dict[str, bytes]) -> None:
    data = zip_entries(entries)
    assert zip_entries(dict(reversed(list(entries.items())))) == data
    if _plain(entries):
        assert _read_back(data) == entries


@settings(max_examples=40, deadline=None)
@given(entries_strategy, st.data())
def test_any_byte_change_breaks_the_signature(
    entries: dict[str, bytes], data: st.DataObject
) -> None:
    signed = {**entries, SIGNATURE_ENTRY: sign_entries(entries, KEY, "Brand")}
    assert verify_entries(signed).state == "signed"
    name = data.draw(st.sampled_from(sorted(entries)))
    content = bytearray(entries[name])
    if content:
        index = data.draw(st.integers(0, len(content) - 1))
        content[index] ^= data.draw(st.integers(1, 255))
    else:
        content = bytearray(b"x")
    tampered = {**signed, name: bytes(content)}
    status = verify_entries(tampered)
    assert status.state == "invalid" and name in status.reason
