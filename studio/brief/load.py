"""Loading briefs: ``.brief.json`` files and ``.brief`` zip packages.

Validation has two layers: the published JSON Schema (every structural problem, each with its
JSON path) and the conversions into typed values (lengths, dates). Both raise
:class:`~studio.errors.BriefError` naming the file and the field.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.brief.model import (
    Brief,
    GarmentColor,
    Ink,
    InkSpec,
    OutputSpec,
    RequiredElement,
    Rules,
    Zone,
    canvas_unit,
)
from studio.errors import BriefError, InputError
from studio.i18n import _, ngettext
from studio.paths import resources_dir
from studio.safety.zips import ZipLimits, read_zip
from studio.units import LengthError, length_mm, parse_length

if TYPE_CHECKING:  # jsonschema (~0.1 s to import) loads with the first brief validated
    import jsonschema

FORMAT = "motif-brief/1"
MAX_BRIEF_JSON_BYTES = 4 * 1024 * 1024
BRIEF_ZIP_LIMITS = ZipLimits(
    max_entries=256, max_entry_bytes=64 * 1024 * 1024, max_total_bytes=256 * 1024 * 1024
)


@lru_cache(maxsize=1)
def brief_schema() -> dict[str, Any]:
    """The published JSON Schema of the brief format."""
    text = (resources_dir() / "schema" / "brief.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def json_path(parts: Any) -> str:
    """``["rules", "required", 0, "id"]`` -> ``rules.required[0].id``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


@lru_cache(maxsize=1)
def brief_validator() -> jsonschema.protocols.Validator:
    """The schema's validator, made once: every brief found when a design opens is validated,
    and building the validator (its regexes, its references) costs more than one validation."""
    import jsonschema

    return jsonschema.Draft202012Validator(brief_schema())


def schema_problems(raw: Any) -> list[tuple[str, str]]:
    """Every schema violation as ``(json path, message)``, sorted by path."""
    validator = brief_validator()
    problems = []
    for err in validator.iter_errors(raw):
        problems.append((json_path(err.absolute_path), _plain_message(err)))
    return sorted(problems)


def _plain_message(err: jsonschema.ValidationError) -> str:
    """The schema problem in the user's language (jsonschema's own words are English only)."""
    kind, limit, value = err.validator, err.validator_value, repr(err.instance)
    value = value if len(value) <= 60 else value[:57] + "..."
    if kind == "pattern" and err.schema.get("description"):
        text = _("{value} is not valid: expected {expected}")
        return text.format(value=value, expected=err.schema["description"])
    if kind == "required":
        name = str(err.message).split(" is a required property")[0]
        return _("{name} is required").format(name=name)
    templates = {
        "enum": _("{value} is not one of {limit}"),
        "const": _("{value} should be {limit}"),
        "minimum": _("{value} is less than the minimum of {limit}"),
        "maximum": _("{value} is more than the maximum of {limit}"),
        "exclusiveMinimum": _("{value} should be more than {limit}"),
        "exclusiveMaximum": _("{value} should be less than {limit}"),
        "minLength": _("{value} is shorter than {limit} characters"),
        "maxLength": _("{value} is longer than {limit} characters"),
        "minItems": _("{value} has fewer than {limit} items"),
        "maxItems": _("{value} has more than {limit} items"),
        "format": _("{value} is not a valid {limit}"),
    }
    if kind == "type":
        names = limit if isinstance(limit, list) else [limit]
        wanted = _(" or ").join(_type_name(str(n)) for n in names)
        return _("{value} should be {type}").format(value=value, type=wanted)
    if kind in templates:
        shown = ", ".join(map(repr, limit)) if isinstance(limit, list) else repr(limit)
        if kind == "format":
            shown = str(limit)
        return templates[str(kind)].format(value=value, limit=shown)
    return str(err.message)


def _type_name(name: str) -> str:
    names = {
        "string": _("a text"),
        "number": _("a number"),
        "integer": _("a whole number"),
        "object": _("an object"),
        "array": _("a list"),
        "boolean": _("true or false"),
        "null": _("null"),
    }
    return names.get(name, name)


def load_brief(path: str | Path) -> Brief:
    """Load a ``.brief.json`` or a ``.brief`` package; raise BriefError / InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, _("no such brief file"))
    head = path.read_bytes()[:4] if path.stat().st_size >= 4 else b""
    assets: dict[str, bytes] = {}
    if head.startswith(b"PK"):
        entries = read_zip(path, BRIEF_ZIP_LIMITS)
        if "brief.json" not in entries:
            raise BriefError(path, _("the package has no brief.json at its root"))
        data = entries.pop("brief.json")
        assets = entries
        digest_source = data
    else:
        if path.stat().st_size > MAX_BRIEF_JSON_BYTES:
            raise BriefError(path, _("the brief is larger than 4 MiB"))
        data = path.read_bytes()
        digest_source = data
        assets = _sibling_assets(path, data)
    brief = parse_brief(data, source=path, assets=assets)
    _require_assets(brief, path)
    brief.sha256 = hashlib.sha256(
        path.read_bytes() if assets and head.startswith(b"PK") else digest_source
    ).hexdigest()
    return brief


def _require_assets(brief: Brief, path: Path) -> None:
    """Every file the brief names must be there (in the package, or next to a bare JSON)."""
    named = [("garment.mockup", brief.mockup), ("template", brief.template)]
    named += [(f"rules.required[{i}].asset", r.asset) for i, r in enumerate(brief.rules.required)]
    for field, name in named:
        if name and name not in brief.assets:
            raise BriefError(path, _("asset {name!r} is missing").format(name=name), field)


def _sibling_assets(path: Path, data: bytes) -> dict[str, bytes]:
    """A bare ``.brief.json`` names its assets relative to its own folder."""
    try:
        raw = json.loads(data)
    except ValueError:
        return {}
    names = set(_asset_names(raw)) if isinstance(raw, dict) else set()
    folder = path.resolve().parent
    out: dict[str, bytes] = {}
    for name in names:
        if not isinstance(name, str):
            continue
        candidate = (folder / name).resolve()
        if folder not in candidate.parents or not candidate.is_file():
            continue
        if candidate.stat().st_size <= BRIEF_ZIP_LIMITS.max_entry_bytes:
            out[name] = candidate.read_bytes()
    return out


def _asset_names(raw: dict[str, Any]) -> list[Any]:
    names: list[Any] = []
    garment = raw.get("garment")
    if isinstance(garment, dict) and "mockup" in garment:
        names.append(garment["mockup"])
    rules = raw.get("rules")
    if isinstance(rules, dict) and isinstance(rules.get("required"), list):
        names += [r.get("asset") for r in rules["required"] if isinstance(r, dict)]
    if "template" in raw:
        names.append(raw["template"])
    return names


def parse_brief(
    data: bytes | str, source: str | Path | None = None, assets: dict[str, bytes] | None = None
) -> Brief:
    """Parse and validate brief JSON; ``assets`` are the package files (checked for presence)."""
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BriefError(source, _("not valid JSON ({error})").format(error=exc)) from None
    if not isinstance(raw, dict):
        raise BriefError(source, _("a brief is a JSON object"))
    fmt = raw.get("format")
    if fmt != FORMAT:
        problem = _("unknown brief format {found}; this app reads {format}")
        raise BriefError(source, problem.format(found=repr(fmt), format=repr(FORMAT)), "format")
    problems = schema_problems(raw)
    if problems:
        field, message = problems[0]
        more = ""
        if len(problems) > 1:
            count = len(problems) - 1
            more = " " + ngettext(
                "(and {count} more problem)", "(and {count} more problems)", count
            ).format(count=count)
        raise BriefError(source, message + more, field)
    try:
        return _build(raw, source, assets or {})
    except _FieldError as exc:
        raise BriefError(source, exc.problem, exc.field) from None


class _FieldError(Exception):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field, self.problem = field, problem


def _length(
    raw: dict[str, Any], key: str, where: str, dpi: float, default: float | None = None
) -> float | None:
    if key not in raw:
        return default
    try:
        return length_mm(raw[key], dpi)
    except LengthError as exc:
        raise _FieldError(f"{where}.{key}", str(exc)) from None


def _zone(raw: dict[str, Any], where: str, dpi: float) -> Zone:
    values = [_length(raw, k, where, dpi) for k in ("x", "y", "width", "height")]
    x, y, w, h = (v or 0.0 for v in values)
    if w <= 0 or h <= 0:
        raise _FieldError(where, _("a zone needs a positive width and height"))
    return Zone(x, y, w, h, str(raw.get("reason", "")))


def _asset(path: Any, where: str, assets: dict[str, bytes]) -> str:
    from studio.safety.zips import check_member_name

    try:
        name = check_member_name(str(path))
    except ValueError as exc:
        raise _FieldError(where, str(exc)) from None
    if assets and name not in assets:
        raise _FieldError(
            where, _("asset {name} is missing from the brief package").format(name=repr(name))
        )
    return name


def _build(raw: dict[str, Any], source: str | Path | None, assets: dict[str, bytes]) -> Brief:
    canvas = raw.get("canvas") or {"width": "300px", "height": "300px", "dpi": 96}
    dpi = float(canvas.get("dpi", 96))
    width = _length(canvas, "width", "canvas", dpi) or 0.0
    height = _length(canvas, "height", "canvas", dpi) or 0.0
    if width <= 0 or height <= 0:
        raise _FieldError("canvas", _("the canvas needs a positive width and height"))
    bleed = _length(canvas, "bleed", "canvas", dpi, 0.0) or 0.0
    safe = _length(canvas, "safe_margin", "canvas", dpi, 0.0) or 0.0
    if safe * 2 >= min(width, height):
        raise _FieldError("canvas.safe_margin", _("the safe margin leaves no room on the canvas"))
    unit = canvas_unit(canvas)
    rules_raw = raw.get("rules", {})
    rules = Rules(
        min_image_dpi=rules_raw.get("min_image_dpi"),
        recommended_image_dpi=rules_raw.get("recommended_image_dpi"),
        min_text_size=_length(rules_raw, "min_text_size", "rules", dpi),
        min_stroke_width=_length(rules_raw, "min_stroke_width", "rules", dpi),
        transparency=rules_raw.get("transparency"),
        gradients=rules_raw.get("gradients"),
        raster_images=rules_raw.get("raster_images"),
        max_text_coverage=rules_raw.get("max_text_coverage"),
        min_text_contrast=rules_raw.get("min_text_contrast"),
        fonts=tuple(rules_raw["fonts"]) if "fonts" in rules_raw else None,
        required=tuple(
            RequiredElement(
                id=r["id"],
                asset=_asset(r["asset"], f"rules.required[{i}].asset", assets),
                min_width=_length(r, "min_width", f"rules.required[{i}]", dpi),
                zone=_zone(r["zone"], f"rules.required[{i}].zone", dpi) if "zone" in r else None,
                clear_space=_length(r, "clear_space", f"rules.required[{i}]", dpi),
            )
            for i, r in enumerate(rules_raw.get("required", []))
        ),
        keep_out=tuple(
            _zone(z, f"rules.keep_out[{i}]", dpi)
            for i, z in enumerate(rules_raw.get("keep_out", []))
        ),
    )
    inks_raw = raw.get("inks", {})
    inks = InkSpec(
        max_colors=inks_raw.get("max_colors"),
        palette=tuple(
            Ink(p["name"], p["color"].lower(), p.get("pantone", ""))
            for p in inks_raw.get("palette", [])
        ),
        palette_only=bool(inks_raw.get("palette_only", False)),
        delta_e=float(inks_raw.get("delta_e", 3.0)),
    )
    outputs = tuple(_output(o, i, dpi, width, height) for i, o in enumerate(raw.get("outputs", [])))
    garment = raw.get("garment", {})
    deadline = None
    if "deadline" in raw:
        try:
            deadline = datetime.fromisoformat(str(raw["deadline"]).replace("Z", "+00:00"))
        except ValueError:
            problem = _("{value} is not an RFC 3339 date-time")
            raise _FieldError("deadline", problem.format(value=repr(raw["deadline"]))) from None
        if deadline.tzinfo is None:
            raise _FieldError(
                "deadline", _("an RFC 3339 date-time needs a time zone (Z or +01:00)")
            )
    return Brief(
        id=raw["id"],
        version=raw["version"],
        title=raw["title"],
        description=raw.get("description", ""),
        kind=raw.get("kind", "tshirt"),
        brand_name=(raw.get("brand") or {}).get("name", ""),
        width=width,
        height=height,
        dpi=dpi,
        bleed=bleed,
        safe_margin=safe,
        unit=unit,
        px_canvas=parse_length(canvas["width"])[1] == "px" if "width" in canvas else True,
        rules=rules,
        inks=inks,
        outputs=outputs,
        garment_colors=tuple(
            GarmentColor(c["name"], c["color"].lower()) for c in garment.get("colors", [])
        ),
        mockup=_asset(garment["mockup"], "garment.mockup", assets) if "mockup" in garment else None,
        template=_asset(raw["template"], "template", assets) if "template" in raw else None,
        deadline=deadline,
        licence=dict(raw.get("licence", {})),
        targets=tuple(raw.get("targets", [])),
        raw=raw,
        assets=dict(assets),
        source=str(source or ""),
    )


def _output(o: dict[str, Any], i: int, dpi: float, width: float, height: float) -> OutputSpec:
    out_dpi = float(o.get("dpi", dpi))
    w = _length(o, "width", f"outputs[{i}]", out_dpi)
    h = _length(o, "height", f"outputs[{i}]", out_dpi)
    wpx = round((w if w is not None else width) * out_dpi / 25.4)
    hpx = round((h if h is not None else height) * out_dpi / 25.4)
    return OutputSpec(
        id=o["id"],
        format=o["format"],
        width=w,
        height=h,
        dpi=out_dpi,
        max_bytes=o.get("max_bytes"),
        width_px=wpx,
        height_px=hpx,
    )
