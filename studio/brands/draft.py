"""A brief being written in the editor: the form it is edited through, generated from the
published JSON Schema (plus help texts), and the draft's state, problems and preview brief.

Everything the "New brief" window does lives here so that it is tested headless; the widget
only shows fields and forwards edits.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from studio.brands.authoring import asset_names, dump_brief, starter_brief, zip_entries
from studio.brands.palette import InkPair, close_pairs
from studio.brands.validate import Problem, validate_raw
from studio.brief.load import brief_schema, parse_brief
from studio.brief.model import Brief
from studio.errors import InputError
from studio.i18n import _
from studio.paths import resources_dir
from studio.safety.zips import check_member_name


@dataclass(frozen=True)
class FieldSpec:
    """One form field: ``kind`` is text, markdown, length, color, number, integer, boolean,
    choice or datetime."""

    path: str
    title: str
    help: str
    kind: str
    group: str
    choices: tuple[str, ...] = ()
    required: bool = False


@lru_cache(maxsize=1)
def help_texts() -> dict[str, dict[str, str]]:
    """Titles and help per JSON path, beside the schema so the published schema stays as is."""
    path = resources_dir() / "schema" / "brief.help.json"
    data: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def form_fields() -> list[FieldSpec]:
    """The scalar fields of the brief schema, in schema order, grouped by their object.
    Lists (palette, required elements, outputs…) have their own editors."""
    schema = brief_schema()
    out: list[FieldSpec] = []
    _collect(schema, "", "General", set(schema.get("required", [])), schema, out)
    return out


def _collect(
    node: dict[str, Any],
    prefix: str,
    group: str,
    required: set[str],
    root: dict[str, Any],
    out: list[FieldSpec],
) -> None:
    for key, prop in node.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        texts = help_texts().get(path, {})
        title = texts.get("title") or prop.get("title") or key.replace("_", " ").capitalize()
        resolved, ref = _resolve(prop, root)
        if "const" in resolved:
            continue
        if resolved.get("type") == "object" and "properties" in resolved:
            _collect(resolved, path, title, set(resolved.get("required", [])), root, out)
            continue
        kind = _kind(path, resolved, ref)
        if kind is None:
            continue
        description = texts.get("description") or prop.get("description") or ""
        choices = tuple(str(c) for c in resolved.get("enum", ()))
        out.append(FieldSpec(path, title, description, kind, group, choices, key in required))


def _resolve(prop: dict[str, Any], root: dict[str, Any]) -> tuple[dict[str, Any], str]:
    ref = str(prop.get("$ref", ""))
    if ref.startswith("#/$defs/"):
        return {**root["$defs"][ref.rsplit("/", 1)[1]], **prop}, ref.rsplit("/", 1)[1]
    return prop, ""


def _kind(path: str, prop: dict[str, Any], ref: str) -> str | None:
    if ref in ("length", "color"):
        return ref
    if "enum" in prop:
        return "choice"
    kind = prop.get("type")
    if kind == "string":
        if prop.get("format") == "date-time":
            return "datetime"
        return "markdown" if path == "description" else "text"
    if kind in ("number", "integer", "boolean"):
        return str(kind)
    return None


class BriefDraft:
    """The brief under edit: its raw JSON, the assets it carries, and where it came from."""

    def __init__(self, raw: dict[str, Any], assets: dict[str, bytes] | None = None) -> None:
        self.raw = copy.deepcopy(raw)
        self.assets = dict(assets or {})

    @classmethod
    def new(cls, kind: str = "tshirt", brief_id: str = "my-brand.new-brief") -> BriefDraft:
        return cls(starter_brief(kind, brief_id, _("New brief")))

    @classmethod
    def from_brief(cls, brief: Brief) -> BriefDraft:
        return cls(brief.raw, brief.assets)

    # -- fields ------------------------------------------------------------------------------
    def get(self, path: str) -> Any:
        node: Any = self.raw
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def set(self, spec: FieldSpec, text: str | bool) -> None:
        """Set a field from what the form holds; an empty optional field is removed. Text that
        is not a number stays text, so the schema names the field in the problems."""
        value = _convert(spec.kind, text)
        parts = spec.path.split(".")
        node = self.raw
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        if value is None or value == "":
            node.pop(parts[-1], None)
            self._prune(parts[:-1])
        else:
            node[parts[-1]] = value

    def _prune(self, parts: list[str]) -> None:
        while parts:
            parent = self.raw
            for part in parts[:-1]:
                parent = parent[part]
            if parent.get(parts[-1]) == {}:
                del parent[parts[-1]]
            parts = parts[:-1]

    # -- palette -----------------------------------------------------------------------------
    def palette(self) -> list[dict[str, str]]:
        inks = self.raw.get("inks")
        palette = inks.get("palette") if isinstance(inks, dict) else None
        return [dict(p) for p in palette] if isinstance(palette, list) else []

    def set_palette(self, inks: list[dict[str, str]]) -> None:
        clean = [{k: v for k, v in ink.items() if v} for ink in inks]
        section = self.raw.setdefault("inks", {})
        if clean:
            section["palette"] = clean
        else:
            section.pop("palette", None)

    def close_inks(self) -> list[InkPair]:
        """Palette inks a creator's colours could match both of (within 2 × ΔE)."""
        inks = self.raw.get("inks") if isinstance(self.raw.get("inks"), dict) else {}
        delta = inks.get("delta_e", 3.0) if isinstance(inks, dict) else 3.0
        pairs = [(str(p.get("name", "")), str(p.get("color", ""))) for p in self.palette()]
        return close_pairs(pairs, float(delta) if isinstance(delta, int | float) else 3.0)

    # -- results -----------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        return validate_raw(self.raw, set(self.assets))

    def brief(self) -> Brief | None:
        """The draft as a Brief for the preview and "Try it", or ``None`` while it is invalid."""
        data = dump_brief(self.raw)
        try:
            brief = parse_brief(data, source="draft", assets=self._named_assets())
        except InputError:
            return None
        brief.sha256 = hashlib.sha256(data).hexdigest()
        return brief

    def _named_assets(self) -> dict[str, bytes]:
        names = {str(n) for _where, n in asset_names(self.raw)}
        return {k: v for k, v in self.assets.items() if k in names}

    def save_json(self, path: str | Path) -> None:
        """Write the ``.brief.json``, and the assets it names next to it."""
        from studio.fsutil import atomic_write

        path = Path(path)
        for name, data in self._named_assets().items():
            target = path.parent / check_member_name(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)
        atomic_write(path, dump_brief(self.raw))

    def pack(self, path: str | Path) -> None:
        from studio.fsutil import atomic_write

        atomic_write(
            path, zip_entries({"brief.json": dump_brief(self.raw), **self._named_assets()})
        )


def _convert(kind: str, text: str | bool) -> Any:
    if isinstance(text, bool) or kind == "boolean":
        return bool(text)
    text = text.strip() if kind != "markdown" else text
    if kind in ("integer", "number") and text:
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if kind == "integer" and number.is_integer() else number
    return text


def field_text(value: Any) -> str:
    """A raw JSON value as the form shows it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
