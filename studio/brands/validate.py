"""Sense checks on a brief: what a JSON Schema cannot say.

The schema catches structure (types, patterns, required fields). A brief can be well formed and
still make no sense: a logo zone hanging off the canvas, an asset the package forgot, a palette
too small for the inks allowed. A brand wants every such problem listed at once, each with its
JSON path, before the brief goes out, so nothing here stops at the first problem.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from studio.brands.authoring import asset_names
from studio.brief.load import BRIEF_ZIP_LIMITS, MAX_BRIEF_JSON_BYTES, schema_problems
from studio.errors import InputError
from studio.i18n import _
from studio.safety.zips import check_member_name, read_zip
from studio.units import length_mm

# Connectors the app ships; a target naming another one is only a warning (a plugin may add it).
KNOWN_CONNECTORS = frozenset(
    {
        "folder",
        "webdav",
        "nextcloud",
        "tus",
        "printify",
        "printful",
        "etsy",
        "meta-ads",
        "google-ads",
        "upload-page",
        "email",
    }
)
ASPECT_TOLERANCE = 0.005


class Problem(NamedTuple):
    """One finding about a brief: where (JSON path), how bad, what."""

    path: str
    severity: str  # "error" or "warning"
    message: str


def read_brief_source(path: Path) -> tuple[bytes, dict[str, bytes] | None]:
    """The brief JSON bytes and, for a package, its other entries (``None`` for a bare
    ``.brief.json``, whose assets are files next to it). InputError when unreadable."""
    if not path.is_file():
        raise InputError(path, _("no such brief file"))
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK"):
        entries = read_zip(path, BRIEF_ZIP_LIMITS)
        if "brief.json" not in entries:
            raise InputError(path, _("the package has no brief.json at its root"))
        data = entries.pop("brief.json")
        entries.pop("META-INF/signature.json", None)
        return data, entries
    if path.stat().st_size > MAX_BRIEF_JSON_BYTES:
        raise InputError(path, _("the brief is larger than 4 MiB"))
    return path.read_bytes(), None


def validate_brief_file(path: str | Path, now: datetime | None = None) -> list[Problem]:
    """Every problem of the brief at ``path``; InputError only when it cannot be read as JSON."""
    path = Path(path)
    data, entries = read_brief_source(path)
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(path, _("not valid JSON ({error})").format(error=exc)) from None
    if not isinstance(raw, dict):
        raise InputError(path, _("a brief is a JSON object"))
    present = set(entries) if entries is not None else _sibling_names(path, raw)
    return validate_raw(raw, present, now)


def validate_raw(
    raw: dict[str, Any], present: set[str], now: datetime | None = None
) -> list[Problem]:
    """Schema problems (errors) then sense problems, for a brief whose package holds
    ``present`` asset names."""
    problems = [Problem(p, "error", m) for p, m in schema_problems(raw)]
    problems += sense_problems(raw, present, now)
    return problems


def _sibling_names(path: Path, raw: dict[str, Any]) -> set[str]:
    folder = path.resolve().parent
    out = set()
    for _where, name in asset_names(raw):
        try:
            clean = check_member_name(str(name))
        except ValueError:
            continue
        target = (folder / clean).resolve()
        if folder in target.parents and target.is_file():
            out.add(clean)
    return out


def sense_problems(
    raw: dict[str, Any], present: set[str], now: datetime | None = None
) -> list[Problem]:
    """The checks a schema cannot do. Tolerates a brief that breaks the schema (the schema
    problems are reported separately): a part it cannot read is skipped, never a crash."""
    out: list[Problem] = []
    canvas = _dict(raw.get("canvas"))
    dpi = _number(canvas.get("dpi")) or 96.0
    width, height = _mm(canvas.get("width"), dpi), _mm(canvas.get("height"), dpi)
    safe = _mm(canvas.get("safe_margin", "0mm"), dpi)
    if width and height and safe is not None and safe * 2 >= min(width, height):
        out.append(Problem("canvas.safe_margin", "error", _("the safe margin leaves no room")))
    rules = _dict(raw.get("rules"))
    out += _zones(rules, width, height, dpi)
    out += _assets(raw, present)
    out += _inks(_dict(raw.get("inks")))
    out += _deadline(raw.get("deadline"), now or datetime.now(UTC))
    low, rec = _number(rules.get("min_image_dpi")), _number(rules.get("recommended_image_dpi"))
    if low and rec and rec < low:
        out.append(
            Problem(
                "rules.recommended_image_dpi",
                "error",
                _("recommended {rec} dpi is below the minimum {low} dpi").format(
                    rec=format(rec, "g"), low=format(low, "g")
                ),
            )
        )
    out += _duplicates(rules.get("required"), "rules.required", "id", _("required element"))
    out += _duplicates(raw.get("outputs"), "outputs", "id", _("output"))
    if raw.get("kind", "tshirt") == "tshirt" and width and height:
        out += _tee_outputs(raw.get("outputs"), width, height, dpi)
    out += _targets(raw.get("targets"))
    return out


def _zones(
    rules: dict[str, Any], width: float | None, height: float | None, dpi: float
) -> list[Problem]:
    out: list[Problem] = []
    zones: list[tuple[str, Any]] = []
    for i, item in enumerate(_list(rules.get("required"))):
        if isinstance(item, dict) and "zone" in item:
            zones.append((f"rules.required[{i}].zone", item["zone"]))
    zones += [(f"rules.keep_out[{i}]", z) for i, z in enumerate(_list(rules.get("keep_out")))]
    for where, zone in zones:
        z = _dict(zone)
        x, y, w, h = (_mm(z.get(k), dpi) for k in ("x", "y", "width", "height"))
        if None in (x, y, w, h):
            continue
        assert x is not None and y is not None and w is not None and h is not None
        if w <= 0 or h <= 0:
            out.append(Problem(where, "error", _("a zone needs a positive width and height")))
        elif (
            width
            and height
            and (x < -1e-6 or y < -1e-6 or x + w > width + 1e-6 or y + h > height + 1e-6)
        ):
            out.append(
                Problem(
                    where,
                    "error",
                    _(
                        "the zone ({x}, {y}) {width} × {height} mm reaches outside the "
                        "{canvas_width} × {canvas_height} mm canvas"
                    ).format(
                        x=_fmt(x),
                        y=_fmt(y),
                        width=_fmt(w),
                        height=_fmt(h),
                        canvas_width=_fmt(width),
                        canvas_height=_fmt(height),
                    ),
                )
            )
    return out


def _assets(raw: dict[str, Any], present: set[str]) -> list[Problem]:
    out = []
    for where, name in asset_names(raw):
        if not isinstance(name, str) or not name:
            continue
        try:
            clean = check_member_name(name)
        except ValueError as exc:
            out.append(Problem(where, "error", str(exc)))
            continue
        if clean not in present:
            out.append(
                Problem(
                    where,
                    "error",
                    _("asset {name} is missing from the package").format(name=repr(clean)),
                )
            )
    return out


def _inks(inks: dict[str, Any]) -> list[Problem]:
    palette = _list(inks.get("palette"))
    max_colors = inks.get("max_colors")
    out = []
    if inks.get("palette_only") is True:
        if not palette:
            out.append(Problem("inks.palette", "error", _("palette_only is set but no palette")))
        elif isinstance(max_colors, int) and len(palette) < max_colors:
            out.append(
                Problem(
                    "inks.palette",
                    "error",
                    _(
                        "palette_only allows only the palette's {count} inks, fewer than "
                        "max_colors {max_colors}"
                    ).format(count=len(palette), max_colors=max_colors),
                )
            )
    out += _duplicates(palette, "inks.palette", "name", "ink")
    return out


def _deadline(value: Any, now: datetime) -> list[Problem]:
    if not isinstance(value, str):
        return []
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return [
            Problem(
                "deadline",
                "error",
                _("{value} is not an RFC 3339 date-time").format(value=repr(value)),
            )
        ]
    if when.tzinfo is None:
        return [Problem("deadline", "error", _("an RFC 3339 date-time needs a time zone"))]
    if when < now:
        return [
            Problem(
                "deadline",
                "warning",
                _("the deadline {value} has already passed").format(value=value),
            )
        ]
    return []


def _duplicates(items: Any, where: str, key: str, what: str) -> list[Problem]:
    seen: dict[Any, int] = {}
    out = []
    for i, item in enumerate(_list(items)):
        value = item.get(key) if isinstance(item, dict) else None
        if not isinstance(value, str):
            continue
        if value in seen:
            out.append(
                Problem(
                    f"{where}[{i}].{key}",
                    "error",
                    _("duplicate {what} {key} {value} (also {where}[{index}])").format(
                        what=what, key=key, value=repr(value), where=where, index=seen[value]
                    ),
                )
            )
        else:
            seen[value] = i
    return out


def _tee_outputs(outputs: Any, width: float, height: float, dpi: float) -> list[Problem]:
    out = []
    for i, item in enumerate(_list(outputs)):
        o = _dict(item)
        if "width" not in o and "height" not in o:
            continue
        odpi = _number(o.get("dpi")) or dpi
        w = _mm(o["width"], odpi) if "width" in o else width
        h = _mm(o["height"], odpi) if "height" in o else height
        if not w or not h:
            continue
        if abs(w / h - width / height) > ASPECT_TOLERANCE * (width / height):
            out.append(
                Problem(
                    f"outputs[{i}]",
                    "error",
                    _(
                        "a t-shirt output must keep the canvas proportions: {width} × {height} "
                        "mm is not {canvas_width} × {canvas_height} mm scaled"
                    ).format(
                        width=_fmt(w),
                        height=_fmt(h),
                        canvas_width=_fmt(width),
                        canvas_height=_fmt(height),
                    ),
                )
            )
    return out


def _targets(targets: Any) -> list[Problem]:
    out = []
    for i, item in enumerate(_list(targets)):
        name = _dict(item).get("connector")
        if isinstance(name, str) and name not in KNOWN_CONNECTORS:
            out.append(
                Problem(
                    f"targets[{i}].connector",
                    "warning",
                    _("unknown connector {name} (known: {known})").format(
                        name=repr(name), known=", ".join(sorted(KNOWN_CONNECTORS))
                    ),
                )
            )
    return out


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return float(value)


def _mm(value: Any, dpi: float) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        return length_mm(value, dpi)
    except ValueError:
        return None


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")
