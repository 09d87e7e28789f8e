"""A connector's settings form, as data: what fields to show and whether the values are valid.

The GUI renders these descriptors and hands back raw text, so everything a user can get wrong
(a non-number in a number field, a URL that is not http(s), a missing required value) is decided
here, headless and tested, and the same schema the outbox validates at submit time decides it.

Secrets come from two places: the sign-in kind (``token``; ``basic`` is a user name and a
password) and settings properties marked ``"x-secret": true`` or ``"format": "password"``. Their
values are returned apart from the settings, for the credential store only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import jsonschema

from studio.connectors.manifest import Manifest, is_secret, public_schema
from studio.i18n import N_, _, translations

Kind = Literal["string", "url", "integer", "number", "boolean", "enum", "secret"]
Raw = str | bool
"""What a widget hands back: the text typed, the check box state, or the chosen option."""

AUTH_FIELDS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "token": (("token", N_("Access token"), True),),
    "basic": (("username", N_("User name"), False), ("password", N_("Password"), True)),
}
"""Sign-in fields per auth kind: (credential name, label, masked)."""


@dataclass(frozen=True)
class Field:
    """One input of the form. ``secret`` values go to the credential store, never settings."""

    name: str
    kind: Kind
    label: str
    help: str = ""
    required: bool = False
    default: Any = None
    choices: tuple[Any, ...] = ()
    secret: bool = False
    masked: bool = False
    minimum: float | None = None
    maximum: float | None = None
    pattern: str = ""


ACRONYMS = {"url": "URL", "dav": "DAV", "api": "API", "id": "ID", "uri": "URI", "http": "HTTP"}


def _label(name: str, prop: dict[str, Any]) -> str:
    """``title``, else the property name as words: ``nextcloud_dav_root`` -> Nextcloud DAV root."""
    title = prop.get("title")
    if title:
        return str(title)
    words = [ACRONYMS.get(w.lower(), w) for w in name.split("_") if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _kind(name: str, prop: dict[str, Any]) -> Kind:
    if is_secret(prop):
        return "secret"
    if "enum" in prop:
        return "enum"
    kind = prop.get("type")
    if kind in ("integer", "number", "boolean"):
        return kind  # type: ignore[no-any-return]
    pattern = str(prop.get("pattern", ""))
    if prop.get("format") in ("uri", "url") or pattern.startswith("^http") or name.endswith("url"):
        return "url"
    return "string"


def _help(prop: dict[str, Any]) -> str:
    """The description, plus the limits a user cannot guess."""
    parts = [str(prop["description"])] if prop.get("description") else []
    low, high = prop.get("minimum"), prop.get("maximum")
    if low is not None and high is not None:
        parts.append(_("from {low} to {high}").format(low=low, high=high))
    elif low is not None:
        parts.append(_("{low} or more").format(low=low))
    elif high is not None:
        parts.append(_("at most {high}").format(high=high))
    if prop.get("default") is not None and prop.get("type") != "boolean":
        parts.append(_("default {default}").format(default=prop["default"]))
    return "; ".join(parts)


def fields_for(manifest: Manifest, keyring: bool = True) -> list[Field]:
    """The sign-in fields, then one field per settings property, in schema order.

    ``keyring`` says whether secrets will outlive the session, so the help text does not lie.
    """
    kept = _("kept in the system keyring") if keyring else _("kept in memory for this session only")
    fields = [
        Field(name, "secret" if masked else "string", translations().gettext(label),
              required=False, secret=True,
              masked=masked, help=_("{kept}, never in settings").format(kept=kept))
        for name, label, masked in AUTH_FIELDS.get(manifest.auth, ())
    ]  # fmt: skip
    schema = manifest.settings_schema
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        kind = _kind(name, prop)
        fields.append(Field(
            name=name, kind=kind, label=_label(name, prop), help=_help(prop),
            required=name in required, default=prop.get("default"),
            choices=tuple(prop.get("enum", ())), secret=kind == "secret", masked=kind == "secret",
            minimum=prop.get("minimum"), maximum=prop.get("maximum"),
            pattern=str(prop.get("pattern", "")),
        ))  # fmt: skip
    return fields


@dataclass(frozen=True)
class Result:
    """The form's values split in two, and what is wrong with them, per field name."""

    settings: dict[str, Any]
    secrets: dict[str, str]
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.errors


def _convert(field: Field, raw: Raw) -> Any:
    """The typed value of one raw input; None means "not given". Raises ValueError."""
    if field.kind == "boolean":
        return bool(raw)
    text = str(raw).strip()
    if field.kind == "enum":
        match = [c for c in field.choices if str(c) == text]
        if not match:
            raise ValueError(
                _("choose one of {choices}").format(choices=", ".join(map(str, field.choices)))
            )
        return match[0]
    if not text:
        return None
    if field.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ValueError(_("must be a whole number"))
        return int(text)
    if field.kind == "number":
        try:
            return float(text)
        except ValueError:
            raise ValueError(_("must be a number")) from None
    return text


def _message(error: jsonschema.ValidationError, field: Field | None) -> str:
    """jsonschema's wording made readable for a person looking at that one field."""
    if error.validator == "pattern" and field is not None and field.kind == "url":
        return _("must be a web address starting with http:// or https://")
    if error.validator == "minimum":
        return _("must be {minimum} or more").format(minimum=error.validator_value)
    if error.validator == "maximum":
        return _("must be at most {maximum}").format(maximum=error.validator_value)
    if error.validator == "minLength" and error.validator_value == 1:
        return _("cannot be empty")
    return str(error.message)


def validate(
    manifest: Manifest,
    fields: list[Field],
    raw: dict[str, Raw],
    stored_secrets: frozenset[str] = frozenset(),
) -> Result:
    """Convert and check every field. An empty secret keeps the stored one; a required secret
    that is neither typed nor in ``stored_secrets`` is an error."""
    by_name = {f.name: f for f in fields}
    settings: dict[str, Any] = {}
    secrets: dict[str, str] = {}
    errors: dict[str, str] = {}
    for field in fields:
        value = raw.get(field.name, False if field.kind == "boolean" else "")
        if field.secret:
            text = str(value)
            if text:
                secrets[field.name] = text
            elif field.required and field.name not in stored_secrets:
                errors[field.name] = "required"
            continue
        try:
            converted = _convert(field, value)
        except ValueError as exc:
            errors[field.name] = str(exc)
            continue
        if converted is not None:
            settings[field.name] = converted
    validator = jsonschema.Draft202012Validator(public_schema(manifest.settings_schema))
    for error in validator.iter_errors(settings):
        if error.validator == "required":
            missing = re.findall(r"'([^']+)' is a required property", error.message)
            for name in missing:
                errors.setdefault(name, "required")
            continue
        name = str(error.path[0]) if error.path else ""
        errors.setdefault(name or "settings", _message(error, by_name.get(name)))
    return Result(settings, secrets, errors)


def initial_text(field: Field, settings: dict[str, Any]) -> Raw:
    """What a field shows when the form opens with saved ``settings`` (secrets start empty)."""
    if field.secret:
        return ""
    value = settings.get(field.name)
    if field.kind == "boolean":
        return bool(field.default if value is None else value)
    if field.kind == "enum":
        chosen = value if value is not None else field.default
        return str(chosen if chosen is not None else field.choices[0])
    return "" if value is None else str(value)
