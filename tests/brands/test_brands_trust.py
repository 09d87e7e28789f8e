"""Trust on first use: pin a brand's key, warn when it changes, refuse broken signatures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from studio.brands.keys import new_key
from studio.brands.signing import sign_package
from studio.brands.trust import BriefSignatureError, TrustStore, load_brief_checked
from studio.cli.main import main
from studio.errors import InputError


def _sign(source: Path, out: Path, key_name: str, signer: str = "Fraise Club") -> Path:
    key = new_key(key_name, b"pw")
    out.write_bytes(sign_package(source, key, signer))
    return out


def test_first_use_then_trusted(fraise_package: Path, tmp_path: Path) -> None:
    signed = _sign(fraise_package, tmp_path / "signed.brief", "fraise")
    store = TrustStore()
    brief, status, decision = load_brief_checked(signed, store)
    assert brief.id == "fraise-club.summer-tee" and status.state == "signed"
    assert decision.state == "first-use" and not decision.warning
    # The pin survives in the per-user config folder: a new store (a new session) reads it.
    pins = json.loads(store.path.read_text())["pins"]
    assert set(pins) == {"brand:fraise club", "id:fraise-club"}
    _, _, again = load_brief_checked(signed, TrustStore())
    assert again.state == "trusted" and not again.warning


def test_another_key_for_the_same_brand_warns(fraise_package: Path, tmp_path: Path) -> None:
    genuine = _sign(fraise_package, tmp_path / "genuine.brief", "fraise")
    load_brief_checked(genuine, TrustStore())
    other = _sign(fraise_package, tmp_path / "other.brief", "impostor")
    _, status, decision = load_brief_checked(other, TrustStore())
    assert status.state == "signed"  # the signature itself is fine...
    assert decision.state == "key-changed" and decision.warning  # ...but not by the known key
    assert "changed" in decision.message and decision.pinned != decision.fingerprint
    # Not re-pinned behind the creator's back: the genuine key is still the trusted one.
    assert load_brief_checked(genuine, TrustStore())[2].state == "trusted"


def test_renaming_the_brand_does_not_dodge_the_warning(
    brief_folder: Path, fraise_package: Path, tmp_path: Path
) -> None:
    load_brief_checked(_sign(fraise_package, tmp_path / "g.brief", "fraise"), TrustStore())
    source = brief_folder / "lafraise-tee.brief.json"
    raw = json.loads(source.read_text())
    raw["brand"]["name"] = "Fraise Club Official"
    source.write_text(json.dumps(raw))
    renamed = tmp_path / "renamed.brief"
    main(["brief", "pack", str(source), "-o", str(renamed)])
    forged = _sign(renamed, tmp_path / "forged.brief", "impostor", "Fraise Club Official")
    assert load_brief_checked(forged, TrustStore())[2].state == "key-changed"


def test_accepting_a_new_key_repins_it(fraise_package: Path, tmp_path: Path) -> None:
    load_brief_checked(_sign(fraise_package, tmp_path / "a.brief", "fraise"), TrustStore())
    rotated = _sign(fraise_package, tmp_path / "b.brief", "fraise-2027")
    store = TrustStore()
    _, status, decision = load_brief_checked(rotated, store)
    assert decision.state == "key-changed"
    store.pin(decision.names, status.fingerprint, status.signer)
    assert load_brief_checked(rotated, TrustStore())[2].state == "trusted"


def test_unsigned_brief_is_a_warning(fraise_package: Path, fraise_brief_path: Path) -> None:
    for path in (fraise_package, fraise_brief_path):
        _brief, status, decision = load_brief_checked(path, TrustStore())
        assert status.state == "unsigned"
        assert decision.state == "unsigned" and decision.warning
        assert "not signed" in decision.message


def test_invalid_signature_is_refused(fraise_package: Path, tmp_path: Path) -> None:
    signed = _sign(fraise_package, tmp_path / "signed.brief", "fraise")
    tampered = tmp_path / "tampered.brief"
    shutil.copy(signed, tampered)
    import zipfile

    from studio.brands.authoring import zip_entries

    with zipfile.ZipFile(signed) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    entries["brief.json"] = entries["brief.json"].replace(b"500", b"5")
    tampered.write_bytes(zip_entries(entries))
    with pytest.raises(BriefSignatureError, match=r"brief\.json") as caught:
        load_brief_checked(tampered, TrustStore())
    assert isinstance(caught.value, InputError)
    _, status, decision = load_brief_checked(tampered, TrustStore(), refuse_invalid=False)
    assert status.state == decision.state == "invalid"
    assert TrustStore().pins == {}  # nothing pinned from a broken signature


def test_a_damaged_trust_store_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    path.write_text("{oops")
    with pytest.raises(InputError, match="trust store"):
        TrustStore(path)


def test_cli_verify_with_trust(
    fraise_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    genuine = _sign(fraise_package, tmp_path / "genuine.brief", "fraise")
    other = _sign(fraise_package, tmp_path / "other.brief", "impostor")
    assert main(["brief", "verify", "--trust", str(genuine)]) == 0
    assert "first time" in capsys.readouterr().out
    assert main(["brief", "verify", "--trust", str(genuine)]) == 0
    assert main(["brief", "verify", "--trust", str(other)]) == 4
    assert "key that signed this brief changed" in capsys.readouterr().out
