"""Signed briefs: keys at rest, signatures over every entry, any tampering detected."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from studio.brands.authoring import zip_entries
from studio.brands.keys import load_private_key, new_key, private_key_path, public_key_path
from studio.brands.signing import SIGNATURE_ENTRY, sign_package, verify_brief_package
from studio.cli.main import main
from studio.errors import InputError


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _signed(fraise_package: Path, brand_key: str) -> Path:
    assert main(["brief", "sign", str(fraise_package), "--key", brand_key]) == 0
    return fraise_package


def test_keys_are_encrypted_and_private(tmp_path: Path) -> None:
    new_key("acme", b"correct horse")
    for path in (private_key_path("acme"), public_key_path("acme")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert str(path).startswith(str(tmp_path.parent))  # the test's home, never the user's
    assert b"ENCRYPTED PRIVATE KEY" in private_key_path("acme").read_bytes()
    assert load_private_key("acme", b"correct horse")
    with pytest.raises(InputError, match="wrong passphrase"):
        load_private_key("acme", b"wrong")
    with pytest.raises(InputError, match="give its passphrase"):
        load_private_key("acme", None)


def test_a_plain_key_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError, match="passphrase is needed"):
        new_key("plain", None)
    assert main(["keys", "new", "plain", "--no-passphrase"]) == 0
    assert b"BEGIN PRIVATE KEY" in private_key_path("plain").read_bytes()
    assert main(["keys", "new", "plain", "--no-passphrase"]) == 2  # never overwritten silently
    assert "exists already" in capsys.readouterr().err


def test_export_prints_the_public_key(brand_key: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "export", brand_key]) == 0
    out = capsys.readouterr().out
    assert out.startswith("-----BEGIN PUBLIC KEY-----") and "PRIVATE" not in out


def test_sign_then_verify(
    fraise_package: Path, brand_key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _signed(fraise_package, brand_key)
    status = verify_brief_package(fraise_package)
    assert status.state == "signed" and status.signer == "Fraise Club"
    assert len(status.fingerprint) == 64
    assert len(status.display_fingerprint.split()) == 16
    document = json.loads(_entries(fraise_package)[SIGNATURE_ENTRY])
    assert document["algorithm"] == "Ed25519" and document["fingerprint"] == status.fingerprint
    assert [e["path"] for e in document["manifest"]["entries"]] == [
        "assets/logo.svg",
        "assets/tee-mockup.svg",
        "brief.json",
    ]
    capsys.readouterr()
    assert main(["brief", "verify", str(fraise_package)]) == 0
    assert status.display_fingerprint in capsys.readouterr().out


def test_a_bare_json_or_plain_package_is_unsigned(
    fraise_package: Path, fraise_brief_path: Path
) -> None:
    assert verify_brief_package(fraise_package).state == "unsigned"
    assert verify_brief_package(fraise_brief_path).state == "unsigned"
    assert main(["brief", "verify", str(fraise_package)]) == 3


def _tamper(path: Path, change: object) -> None:
    entries = _entries(path)
    change(entries)  # type: ignore[operator]
    path.write_bytes(zip_entries(entries))


def _flip(name: str) -> object:
    def change(entries: dict[str, bytes]) -> None:
        data = bytearray(entries[name])
        data[len(data) // 2] ^= 0x01
        entries[name] = bytes(data)

    return change


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_flip("brief.json"), "changed since signing: brief.json"),
        (_flip("assets/logo.svg"), "changed since signing: assets/logo.svg"),
        (_flip("assets/tee-mockup.svg"), "changed since signing: assets/tee-mockup.svg"),
        (lambda e: e.update({"assets/extra.svg": b"<svg/>"}), "added after signing"),
        (lambda e: e.pop("assets/tee-mockup.svg"), "missing: assets/tee-mockup.svg"),
        (lambda e: e.update({"META-INF/other.txt": b"x"}), "added after signing"),
        (_flip(SIGNATURE_ENTRY), ""),
    ],
)
def test_any_change_makes_the_signature_invalid(
    fraise_package: Path, brand_key: str, change: object, reason: str
) -> None:
    _signed(fraise_package, brand_key)
    _tamper(fraise_package, change)
    status = verify_brief_package(fraise_package)
    assert status.state == "invalid"
    assert reason in status.reason
    assert main(["brief", "verify", str(fraise_package)]) == 1


def test_resigning_the_manifest_with_another_key_shows_another_fingerprint(
    fraise_package: Path, brand_key: str, tmp_path: Path
) -> None:
    _signed(fraise_package, brand_key)
    original = verify_brief_package(fraise_package).fingerprint
    other = new_key("impostor", b"x")
    forged = tmp_path / "forged.brief"
    forged.write_bytes(sign_package(fraise_package, other, "Fraise Club"))
    status = verify_brief_package(forged)
    assert status.state == "signed" and status.fingerprint != original  # trust decides (TOFU)
    assert main(["brief", "verify", str(forged), "--expect-fingerprint", original]) == 1


def test_swapping_in_another_public_key_is_invalid(fraise_package: Path, brand_key: str) -> None:
    _signed(fraise_package, brand_key)
    other = new_key("other", b"x")
    import base64

    from cryptography.hazmat.primitives import serialization

    raw = other.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )

    def swap(entries: dict[str, bytes]) -> None:
        doc = json.loads(entries[SIGNATURE_ENTRY])
        doc["public_key"] = base64.b64encode(raw).decode()
        entries[SIGNATURE_ENTRY] = json.dumps(doc).encode()

    _tamper(fraise_package, swap)
    assert verify_brief_package(fraise_package).state == "invalid"


def test_signing_a_bare_json_packs_it(
    brief_folder: Path, brand_key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = brief_folder / "lafraise-tee.brief.json"
    assert main(["brief", "sign", str(source), "--key", brand_key, "--signer", "FC"]) == 0
    package = brief_folder / "lafraise-tee.brief"
    status = verify_brief_package(package)
    assert (status.state, status.signer) == ("signed", "FC")


def test_a_wrong_passphrase_signs_nothing(
    fraise_package: Path,
    brand_key: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = fraise_package.read_bytes()
    monkeypatch.setenv("MOTIF_STUDIO_KEY_PASSPHRASE", "nope")
    assert main(["brief", "sign", str(fraise_package), "--key", brand_key]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    assert fraise_package.read_bytes() == before


def test_a_brief_with_problems_is_not_signed(
    brief_folder: Path, brand_key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = brief_folder / "lafraise-tee.brief.json"
    raw = json.loads(source.read_text())
    raw["rules"]["recommended_image_dpi"] = 100
    source.write_text(json.dumps(raw))
    assert main(["brief", "sign", str(source), "--key", brand_key]) == 1
    assert "rules.recommended_image_dpi" in capsys.readouterr().err
    assert not (brief_folder / "lafraise-tee.brief").exists()
    assert main(["brief", "sign", str(source), "--key", brand_key, "--force"]) == 0
