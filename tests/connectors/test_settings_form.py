"""The settings form as data: fields from each bundled schema, typed values, readable errors,
and secrets kept apart from settings. No Qt here."""

from __future__ import annotations

from typing import Any

import pytest

from studio.connectors import registry
from studio.connectors.credentials import MemoryStore, credentials_for
from studio.connectors.manifest import Manifest, parse_manifest
from studio.connectors.settings_form import fields_for, initial_text, validate


def _manifest(settings: dict[str, Any], auth: str = "none") -> Manifest:
    return parse_manifest({
        "id": "demo", "name": "Demo", "version": "1", "api": ">=1.0,<2", "python_name": "x:Y",
        "accepts": [{"format": "zip", "max_bytes": 10}], "auth": auth, "settings": settings,
    })  # fmt: skip


SCHEMA = {
    "type": "object",
    "required": ["url", "api_key"],
    "additionalProperties": False,
    "properties": {
        "url": {"type": "string", "pattern": "^https?://", "description": "the server"},
        "chunk": {"type": "integer", "minimum": 1024, "maximum": 4096, "default": 2048},
        "ratio": {"type": "number", "minimum": 0},
        "public": {"type": "boolean", "default": True},
        "region": {"enum": ["eu", "us"], "default": "eu"},
        "api_key": {"type": "string", "x-secret": True, "description": "from your account"},
        "pin": {"type": "string", "format": "password"},
    },
}


def test_bundled_schemas_become_fields(bundled: dict[str, registry.Entry]) -> None:
    webdav = bundled["webdav"].manifest
    assert webdav is not None
    fields = {f.name: f for f in fields_for(webdav)}
    assert fields["username"].secret and not fields["username"].masked
    assert fields["password"].masked and fields["password"].kind == "secret"
    assert fields["url"].kind == "url" and fields["url"].required
    assert fields["chunk_bytes"].kind == "integer" and fields["chunk_bytes"].minimum == 1024
    assert "default 10485760" in fields["chunk_bytes"].help
    printify = bundled["printify"].manifest
    assert printify is not None
    assert [f.name for f in fields_for(printify)] == ["token", "base_url", "public_url"]


def test_kinds_limits_and_choices() -> None:
    fields = {f.name: f for f in fields_for(_manifest(SCHEMA))}
    kinds = {name: f.kind for name, f in fields.items()}
    assert kinds == {"url": "url", "chunk": "integer", "ratio": "number", "public": "boolean",
                     "region": "enum", "api_key": "secret", "pin": "secret"}  # fmt: skip
    assert fields["region"].choices == ("eu", "us")
    assert fields["chunk"].help == "from 1024 to 4096; default 2048"
    assert fields["url"].label == "URL" and fields["api_key"].label == "API key"


def test_valid_values_split_settings_from_secrets() -> None:
    manifest = _manifest(SCHEMA)
    raw = {"url": " https://x.test ", "chunk": "2048", "ratio": "0.5", "public": False,
           "region": "us", "api_key": "k-123", "pin": ""}  # fmt: skip
    result = validate(manifest, fields_for(manifest), raw)
    assert result.ok, result.errors
    assert result.settings == {"url": "https://x.test", "chunk": 2048, "ratio": 0.5,
                               "public": False, "region": "us"}  # fmt: skip
    assert result.secrets == {"api_key": "k-123"}
    assert manifest.settings_problems(result.settings) == []  # what submit checks agrees


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("url", "ftp://x", "must be a web address starting with http:// or https://"),
        ("url", "", "required"),
        ("chunk", "12.5", "must be a whole number"),
        ("chunk", "10", "must be 1024 or more"),
        ("chunk", "9999", "must be at most 4096"),
        ("ratio", "lots", "must be a number"),
        ("region", "mars", "choose one of eu, us"),
        ("api_key", "", "required"),
    ],
)
def test_invalid_values_are_named_per_field(name: str, value: str, message: str) -> None:
    manifest = _manifest(SCHEMA)
    raw: dict[str, str | bool] = {"url": "https://x.test", "region": "eu", "api_key": "k"}
    raw[name] = value
    result = validate(manifest, fields_for(manifest), raw)
    assert result.errors == {name: message}
    assert "k" not in result.settings.values()


def test_a_stored_secret_may_stay_empty() -> None:
    manifest = _manifest(SCHEMA)
    raw: dict[str, str | bool] = {"url": "https://x.test", "region": "eu"}
    result = validate(manifest, fields_for(manifest), raw, frozenset({"api_key"}))
    assert result.ok and result.secrets == {}


def test_initial_text_shows_saved_settings_but_never_secrets() -> None:
    fields = {f.name: f for f in fields_for(_manifest(SCHEMA))}
    saved = {"chunk": 4096, "public": False, "api_key": "leaked?"}
    assert initial_text(fields["chunk"], saved) == "4096"
    assert initial_text(fields["public"], saved) is False
    assert initial_text(fields["public"], {}) is True
    assert initial_text(fields["region"], {}) == "eu"
    assert initial_text(fields["api_key"], saved) == ""


def test_secret_settings_reach_the_connector_through_credentials() -> None:
    manifest = _manifest(SCHEMA, auth="token")
    assert manifest.secret_settings == ("api_key", "pin")
    store = MemoryStore()
    store.set("demo", "api_key", "k-1")
    store.set("demo", "token", "t-1")
    found = credentials_for(store, "demo", manifest.auth, manifest.secret_settings)
    assert found == {"token": "t-1", "api_key": "k-1"}
