"""Writing briefs: a starter ``.brief.json`` to edit, and the ``.brief`` package a brand sends.

Packages are deterministic (sorted entries, fixed timestamps and permissions) so the same brief
and assets always give the same bytes: the brief's sha256, which designs record, then names the
content and not the moment it was packed.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from studio.brief.load import BRIEF_ZIP_LIMITS, FORMAT
from studio.errors import InputError
from studio.i18n import _
from studio.safety.zips import check_member_name
from studio.units import LengthError, length_mm

KINDS = ("tshirt", "ad")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_SIZE = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|px)?\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|px)\s*$"
)
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def parse_size(text: str) -> tuple[str, str]:
    """``"12inx16in"``, ``"12 x 16in"`` or ``"1080x1080px"`` -> ``("12in", "16in")``."""
    match = _SIZE.match(text)
    if not match:
        raise InputError(
            None,
            _("--size {text}: expected WIDTHxHEIGHT with a unit, e.g. 12x16in").format(
                text=repr(text)
            ),
        )
    w, wu, h, hu = match.groups()
    return f"{w}{wu or hu}", f"{h}{hu}"


def starter_brief(
    kind: str,
    brief_id: str,
    title: str,
    size: str | None = None,
    dpi: float | None = None,
    brand: str = "",
) -> dict[str, Any]:
    """A brief that validates as is, with the usual rules of its kind, for the brand to edit."""
    if kind not in KINDS:
        raise InputError(
            None,
            _("kind {kind}: expected one of {kinds}").format(
                kind=repr(kind), kinds=", ".join(KINDS)
            ),
        )
    if not _ID.match(brief_id):
        raise InputError(
            None,
            _("id {id}: use lower-case letters, digits, '.', '_', '-'").format(id=repr(brief_id)),
        )
    tee = kind == "tshirt"
    width, height = (
        parse_size(size) if size else (("12in", "16in") if tee else ("1080px", "1080px"))
    )
    dpi = dpi if dpi is not None else (300 if tee else 72)
    try:
        short = min(length_mm(width, dpi), length_mm(height, dpi))
    except LengthError as exc:
        raise InputError(None, _("--size: {error}").format(error=exc)) from None
    raw: dict[str, Any] = {
        "format": FORMAT,
        "id": brief_id,
        "version": 1,
        "title": title,
        "description": _("Describe what you want, in Markdown."),
        "brand": {"name": brand or brief_id.split(".")[0]},
        "kind": kind,
        "licence": {"grant": "non-exclusive", "terms": _("Write the licence terms here.")},
        "canvas": {"width": width, "height": height, "dpi": dpi},
    }
    if tee:
        raw["canvas"]["safe_margin"] = f"{round(short * 0.04, 1)}mm"
        raw["garment"] = {
            "colors": [{"name": "Black", "color": "#1b1b1d"}, {"name": "White", "color": "#ffffff"}]
        }
        raw["inks"] = {"max_colors": 4}
        raw["rules"] = {
            "min_image_dpi": dpi,
            "min_stroke_width": "0.5mm",
            "transparency": "forbid",
            "gradients": "forbid",
        }
        raw["outputs"] = [
            {"id": "print", "format": "png", "dpi": dpi},
            {"id": "films", "format": "separations", "dpi": dpi},
        ]
    else:
        raw["rules"] = {"min_image_dpi": 72, "max_text_coverage": 0.2, "min_text_contrast": 4.5}
        raw["outputs"] = [{"id": "main", "format": "png", "max_bytes": 5_000_000}]
    return raw


def dump_brief(raw: dict[str, Any]) -> bytes:
    """The brief as the UTF-8 JSON a brand edits: indented, keys in the order written."""
    return (json.dumps(raw, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def asset_names(raw: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every asset the brief names, as ``(json path, name)``: mock-up, required art, template."""
    names: list[tuple[str, Any]] = []
    garment = raw.get("garment")
    if isinstance(garment, dict) and "mockup" in garment:
        names.append(("garment.mockup", garment["mockup"]))
    rules = raw.get("rules")
    required = rules.get("required") if isinstance(rules, dict) else None
    if isinstance(required, list):
        for i, item in enumerate(required):
            if isinstance(item, dict) and "asset" in item:
                names.append((f"rules.required[{i}].asset", item["asset"]))
    if "template" in raw:
        names.append(("template", raw["template"]))
    return names


def zip_entries(entries: dict[str, bytes]) -> bytes:
    """A zip of ``entries`` whose bytes depend only on the names and contents."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(check_member_name(name), date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()


def collect_package(brief_json: Path) -> dict[str, bytes]:
    """``brief.json`` and the assets it names, read from next to it; InputError on any asset
    that is missing, absolute, or reaches outside the brief's folder."""
    data = _read(brief_json, 4 * 1024 * 1024)
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(brief_json, _("not valid JSON ({error})").format(error=exc)) from None
    if not isinstance(raw, dict):
        raise InputError(brief_json, _("a brief is a JSON object"))
    folder = brief_json.resolve().parent
    entries = {"brief.json": data}
    for where, name in asset_names(raw):
        try:
            clean = check_member_name(str(name))
        except ValueError as exc:
            raise InputError(
                brief_json, _("{where}: {error}").format(where=where, error=exc)
            ) from None
        target = (folder / clean).resolve()
        if folder not in target.parents:
            raise InputError(
                brief_json,
                _("{where}: {name} leads outside the brief's folder").format(
                    where=where, name=repr(clean)
                ),
            )
        if clean == "brief.json" or clean.startswith("META-INF/"):
            raise InputError(
                brief_json,
                _("{where}: {name} is a reserved package name").format(
                    where=where, name=repr(clean)
                ),
            )
        entries[clean] = _read(target, BRIEF_ZIP_LIMITS.max_entry_bytes, f"{where}: ")
    return entries


def pack_brief(brief_json: str | Path, out: str | Path) -> bytes:
    """Write the ``.brief`` package of ``brief_json`` to ``out``; returns its bytes."""
    from studio.fsutil import atomic_write

    data = zip_entries(collect_package(Path(brief_json)))
    atomic_write(out, data)
    return data


def _read(path: Path, limit: int, where: str = "") -> bytes:
    try:
        if not path.is_file():
            raise InputError(path, _("{where}no such file").format(where=where))
        if path.stat().st_size > limit:
            raise InputError(
                path, _("{where}larger than {limit} bytes").format(where=where, limit=limit)
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            path, _("{where}cannot be read ({error})").format(where=where, error=exc.strerror)
        ) from None
