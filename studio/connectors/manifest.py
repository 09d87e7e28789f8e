"""The declarative connector manifest (``motif-connector.json``), read without importing code.

Like napari's npe2 manifests, the manifest says everything the host needs to list, configure and
check a connector: its id, the API range it was written for, what it accepts, how it signs in,
its settings as a JSON Schema and the hosts it contacts. The code is imported lazily through
``python_name`` only when an upload actually runs, so a broken plugin can still be listed with
its reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import jsonschema
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from studio.errors import InputError

API_VERSION = "1.0"
MANIFEST_NAME = "motif-connector.json"

AuthKind = Literal["none", "token", "basic", "oauth2"]

MANIFEST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["id", "name", "version", "api", "python_name", "accepts", "auth", "settings"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9-]{1,40}$"},
        "name": {"type": "string", "minLength": 1, "maxLength": 80},
        "version": {"type": "string", "minLength": 1},
        "api": {"type": "string", "minLength": 1},
        "python_name": {"type": "string", "pattern": r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$"},
        "description": {"type": "string"},
        "accepts": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["format", "max_bytes"],
                "additionalProperties": False,
                "properties": {
                    "format": {"type": "string", "minLength": 1},
                    "max_bytes": {"type": "integer", "minimum": 1},
                },
            },
        },
        "auth": {"enum": ["none", "token", "basic", "oauth2"]},
        "oauth2": {
            "type": "object",
            "required": ["authorize_url", "token_url", "client_id"],
            "properties": {
                "authorize_url": {"type": "string"},
                "token_url": {"type": "string"},
                "client_id": {"type": "string"},
                "scopes": {"type": "array", "items": {"type": "string"}},
            },
        },
        "settings": {"type": "object"},
        "hosts": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "description": "host names, or 'setting:NAME' for a URL given in the settings",
        },
    },
    # The host signs in and refreshes tokens itself, so it needs the endpoints up front.
    "if": {"properties": {"auth": {"const": "oauth2"}}, "required": ["auth"]},
    "then": {"required": ["oauth2"]},
}


@dataclass(frozen=True)
class Accepts:
    format: str
    max_bytes: int


@dataclass(frozen=True)
class Manifest:
    """A validated manifest; ``source`` is the file it came from, for messages."""

    id: str
    name: str
    version: str
    api: str
    python_name: str
    accepts: tuple[Accepts, ...]
    auth: AuthKind
    settings_schema: dict[str, Any]
    hosts: tuple[str, ...] = ()
    description: str = ""
    oauth2: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    def supports_api(self, version: str = API_VERSION) -> bool:
        """Whether this host's API version falls inside the manifest's range."""
        return Version(version) in SpecifierSet(self.api)

    def max_bytes(self, fmt: str) -> int | None:
        """The largest package of format ``fmt`` the platform accepts, or None if not accepted."""
        return next((a.max_bytes for a in self.accepts if a.format == fmt), None)

    @property
    def secret_settings(self) -> tuple[str, ...]:
        """Settings the schema marks secret: kept in the keyring, never in ``settings``."""
        return secret_names(self.settings_schema)

    def settings_problems(self, settings: dict[str, Any]) -> list[str]:
        """Every way ``settings`` break the settings schema, as ``path: message`` lines.

        Secret properties are checked out of the schema first: they never travel in settings.
        """
        validator = jsonschema.Draft202012Validator(public_schema(self.settings_schema))
        problems = []
        for error in sorted(validator.iter_errors(settings), key=lambda e: list(e.path)):
            where = "/".join(str(p) for p in error.path) or "settings"
            problems.append(f"{where}: {error.message}")
        return problems


def is_secret(prop: object) -> bool:
    """A settings property is secret with ``"x-secret": true`` or ``"format": "password"``."""
    return isinstance(prop, dict) and (
        prop.get("x-secret") is True or prop.get("format") == "password"
    )


def secret_names(schema: dict[str, Any]) -> tuple[str, ...]:
    """The top-level properties of a settings schema that are secret, in schema order."""
    props = schema.get("properties", {})
    return tuple(name for name, prop in props.items() if is_secret(prop))


def public_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The settings schema without its secret properties (what ``settings`` must satisfy)."""
    secrets = set(secret_names(schema))
    if not secrets:
        return schema
    public = dict(schema)
    public["properties"] = {k: v for k, v in schema["properties"].items() if k not in secrets}
    if "required" in schema:
        public["required"] = [name for name in schema["required"] if name not in secrets]
    return public


def parse_manifest(data: object, source: str = "") -> Manifest:
    """Validate ``data`` (decoded JSON) and build a Manifest, or raise InputError."""
    validator = jsonschema.Draft202012Validator(MANIFEST_SCHEMA)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.path) or "manifest"
        raise InputError(source, f"{where}: {error.message}")
    raw = cast(dict[str, Any], data)
    try:
        SpecifierSet(raw["api"])
    except InvalidSpecifier:
        raise InputError(source, f"api: {raw['api']!r} is not a version range") from None
    try:
        jsonschema.Draft202012Validator.check_schema(raw["settings"])
    except jsonschema.SchemaError as exc:
        raise InputError(source, f"settings: not a JSON Schema: {exc.message}") from None
    return Manifest(
        id=raw["id"],
        name=raw["name"],
        version=raw["version"],
        api=raw["api"],
        python_name=raw["python_name"],
        accepts=tuple(Accepts(a["format"], a["max_bytes"]) for a in raw["accepts"]),
        auth=raw["auth"],
        settings_schema=raw["settings"],
        hosts=tuple(raw.get("hosts", ())),
        description=raw.get("description", ""),
        oauth2=raw.get("oauth2", {}),
        source=source,
    )


def read_manifest(path: Path) -> Manifest:
    """Read and validate a ``motif-connector.json`` file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not valid JSON: {exc}") from None
    return parse_manifest(data, str(path))
