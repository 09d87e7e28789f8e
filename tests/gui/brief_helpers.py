"""Signed brief packages and scripted answers for the brief GUI tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.brands.authoring import pack_brief
from studio.brands.keys import new_key
from studio.brands.signing import sign_package


def signed_package(source: Path, out: Path, key_name: str, signer: str = "Fraise Club") -> Path:
    """``source`` (.brief.json) packed and signed with a new unencrypted key ``key_name``."""
    pack_brief(source, out)
    key = new_key(key_name, None, unencrypted=True)  # as ``keys new --no-passphrase``
    out.write_bytes(sign_package(out, key, signer))
    return out


def new_version(source: Path, out: Path, **changes: object) -> Path:
    raw = json.loads(source.read_text())
    raw.update(changes)
    out.write_text(json.dumps(raw))
    return out


class Answers:
    """Replaces ``studio.gui.briefs.choose``: records each question, gives scripted answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[dict[str, object]] = []
        monkeypatch.setattr("studio.gui.briefs.choose", self)

    def __call__(self, parent, icon, title, text, choices, default, details=""):
        self.asked.append(
            {
                "title": title,
                "text": text,
                "details": details,
                "icon": icon,
                "choices": [k for k, _ in choices],
                "default": default,
            }
        )
        return self.answers.pop(0) if self.answers else default
