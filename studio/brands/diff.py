"""What changed between two versions of a brief, in words a creator understands.

The raw JSON is compared structurally (so fields this app does not know are still reported),
lists of named things are matched by name (a reordered palette is no change), and each path
gets a friendly label: ``inks.max_colors`` is "Maximum inks".
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from studio.brief.model import Brief
from studio.document.model import Document

if TYPE_CHECKING:
    from studio.brands.cache import BriefCache

Kind = Literal["added", "removed", "changed"]

LABELS = {
    "format": "Format",
    "version": "Version",
    "title": "Title",
    "description": "Description",
    "kind": "Kind",
    "deadline": "Deadline",
    "template": "Template",
    "brand": "Brand",
    "brand.name": "Brand name",
    "brand.url": "Brand web site",
    "brand.contact": "Brand contact",
    "licence": "Licence",
    "licence.grant": "Licence grant",
    "licence.terms": "Licence terms",
    "licence.url": "Licence page",
    "licence.reward": "Reward",
    "canvas.width": "Canvas width",
    "canvas.height": "Canvas height",
    "canvas.dpi": "Canvas resolution (dpi)",
    "canvas.bleed": "Bleed",
    "canvas.safe_margin": "Safe margin",
    "garment.mockup": "Garment mock-up",
    "inks": "Ink rules",
    "inks.max_colors": "Maximum inks",
    "inks.palette_only": "Palette inks only",
    "inks.delta_e": "Colour tolerance (ΔE)",
    "rules.min_image_dpi": "Minimum image resolution (dpi)",
    "rules.recommended_image_dpi": "Recommended image resolution (dpi)",
    "rules.min_text_size": "Minimum text size",
    "rules.min_stroke_width": "Minimum stroke width",
    "rules.transparency": "Transparency",
    "rules.gradients": "Gradients",
    "rules.raster_images": "Raster images",
    "rules.max_text_coverage": "Maximum text coverage",
    "rules.min_text_contrast": "Minimum text contrast",
    "rules.fonts": "Allowed fonts",
}
# Lists of named things: matched by this key, shown as "<noun> 'name'".
KEYED_LISTS = {
    "inks.palette": ("name", "Palette ink"),
    "garment.colors": ("name", "Garment colour"),
    "rules.required": ("id", "Required element"),
    "outputs": ("id", "Output"),
    "targets": ("connector", "Target"),
    "rules.keep_out": ("", "Keep-out zone"),
}
ITEM_FIELDS = {
    "min_width": "minimum width",
    "clear_space": "clear space",
    "zone": "zone",
    "asset": "artwork",
    "color": "colour",
    "pantone": "Pantone reference",
    "max_bytes": "maximum file size",
    "dpi": "resolution (dpi)",
}
_LENGTH = re.compile(r"^\s*([+-]?[\d.]+(?:[eE][+-]?\d+)?)\s*(mm|cm|in|pt|pc|px)\s*$")


@dataclass(frozen=True)
class Change:
    """One difference: ``path`` in the JSON, ``text`` for people."""

    path: str
    kind: Kind
    old: Any
    new: Any
    text: str


def diff_briefs(old: Brief, new: Brief) -> list[Change]:
    """Every difference from ``old`` to ``new``: fields, then the assets' contents."""
    out: list[Change] = []
    _walk(old.raw, new.raw, "", out)
    out += _asset_changes(old.assets, new.assets)
    return out


def _walk(old: Any, new: Any, path: str, out: list[Change]) -> None:
    if old == new:
        return
    generic = re.sub(r"\[[^\]]*\]", "[]", path)
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            sub = f"{path}.{key}" if path else key
            if key not in new:
                out.append(_removed(sub, old[key]))
            elif key not in old:
                out.append(_added(sub, new[key]))
            else:
                _walk(old[key], new[key], sub, out)
        return
    if isinstance(old, list) and isinstance(new, list):
        if generic in KEYED_LISTS:
            _walk_keyed(old, new, path, generic, out)
            return
        if all(_scalar(v) for v in old + new):
            label = _label(path)
            found = [
                Change(path, "added", None, v, f"{label}: {_fmt(v)} added")
                for v in new
                if v not in old
            ]
            found += [
                Change(path, "removed", v, None, f"{label}: {_fmt(v)} removed")
                for v in old
                if v not in new
            ]
            out += found or [Change(path, "changed", old, new, f"{label}: order changed")]
            return
    out.append(_changed(path, old, new))


def _walk_keyed(old: list[Any], new: list[Any], path: str, generic: str, out: list[Change]) -> None:
    key, _noun = KEYED_LISTS[generic]

    def name(i: int, item: Any) -> str:
        if key and isinstance(item, dict) and isinstance(item.get(key), str):
            return str(item[key])
        return str(i + 1)

    before = {name(i, v): v for i, v in enumerate(old)}
    after = {name(i, v): v for i, v in enumerate(new)}
    for n, item in before.items():
        sub = f"{path}[{n}]"
        if n not in after:
            out.append(_removed(sub, item))
        else:
            _walk(item, after[n], sub, out)
    out += [_added(f"{path}[{n}]", item) for n, item in after.items() if n not in before]


def _label(path: str) -> str:
    """``rules.required[logo].min_width`` -> ``Required element 'logo' minimum width``."""
    generic = re.sub(r"\[[^\]]*\]", "[]", path)
    if generic in LABELS:
        return LABELS[generic]
    match = re.match(r"^(.*?)\[([^\]]*)\](?:\.(.*))?$", path)
    if match:
        head, name, rest = match.groups()
        generic_head = re.sub(r"\[[^\]]*\]", "[]", head)
        noun = KEYED_LISTS.get(generic_head, ("", _label(head)))[1]
        item = f"{noun} '{name}'" if KEYED_LISTS.get(generic_head, ("x",))[0] else f"{noun} {name}"
        if not rest:
            return item
        field = rest.split(".")[0]
        if rest == "color" and noun.endswith("colour"):  # "Garment colour 'Black'", not "… colour"
            return item
        return f"{item} {ITEM_FIELDS.get(field, field.replace('_', ' '))}" + (
            "" if "." not in rest else " " + rest.split(".", 1)[1].replace("_", " ")
        )
    last = path.rsplit(".", 1)[-1]
    parent = path.rsplit(".", 1)[0] if "." in path else ""
    words = last.replace("_", " ")
    if parent == "rules":
        return f"Rule {words}"
    return f"{LABELS.get(parent, parent.capitalize())} {words}" if parent else words.capitalize()


def _changed(path: str, old: Any, new: Any) -> Change:
    label = _label(path)
    if path == "deadline":
        text = f"Deadline moved: {_date(old)} → {_date(new)}"
        return Change(path, "changed", old, new, text)
    if path.endswith("].min_width") and path.startswith("rules.required["):
        item = label.removesuffix(" minimum width")
        text = f"{item} now needs {_fmt(new)} minimum width (was {_fmt(old)})"
        return Change(path, "changed", old, new, text)
    if _long(old) or _long(new):
        return Change(path, "changed", old, new, f"{label} changed")
    return Change(path, "changed", old, new, f"{label}: {_fmt(old)} → {_fmt(new)}")


def _added(path: str, value: Any) -> Change:
    label = _label(path)
    if _is_rule(path):
        return Change(path, "added", None, value, f"New rule: {label}: {_fmt(value)}")
    detail = "" if _long(value) else f": {_fmt(value)}"
    if re.search(r"\]$", path):
        return Change(path, "added", None, value, f"{label} added{_item_detail(value)}")
    return Change(path, "added", None, value, f"{label} added{detail}")


def _removed(path: str, value: Any) -> Change:
    label = _label(path)
    if _is_rule(path):
        return Change(path, "removed", value, None, f"Rule dropped: {label} (was {_fmt(value)})")
    if re.search(r"\]$", path):
        return Change(path, "removed", value, None, f"{label} removed{_item_detail(value)}")
    detail = "" if _long(value) else f" (was {_fmt(value)})"
    return Change(path, "removed", value, None, f"{label} removed{detail}")


def _item_detail(value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("color"), str):
        return f" ({value['color']})"
    if isinstance(value, dict) and isinstance(value.get("format"), str):
        return f" ({value['format']})"
    return ""


def _asset_changes(old: dict[str, bytes], new: dict[str, bytes]) -> list[Change]:
    def digests(assets: dict[str, bytes]) -> dict[str, str]:
        return {
            k: hashlib.sha256(v).hexdigest() for k, v in assets.items() if not k.startswith("META-")
        }

    a, b = digests(old), digests(new)
    out = []
    for name in sorted(set(a) | set(b)):
        if name not in b:
            out.append(
                Change(f"assets[{name}]", "removed", a[name], None, f"File '{name}' removed")
            )
        elif name not in a:
            out.append(Change(f"assets[{name}]", "added", None, b[name], f"File '{name}' added"))
        elif a[name] != b[name]:
            out.append(
                Change(f"assets[{name}]", "changed", a[name], b[name], f"File '{name}' changed")
            )
    return out


def _is_rule(path: str) -> bool:
    return path.startswith("rules.") and path.count(".") == 1 and "[" not in path


def _date(value: Any) -> str:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).strftime(
            "%d %b %Y %H:%M %z"
        )
    except ValueError:
        return _fmt(value)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > 60 or "\n" in value)


def _fmt(value: Any) -> str:
    """A value as a person reads it: ``"12in"`` -> ``12 in``, zones in words."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        match = _LENGTH.match(value)
        return f"{match.group(1)} {match.group(2)}" if match else value
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, dict) and {"x", "y", "width", "height"} <= set(value):
        x, y, w, h = (_fmt(value[k]) for k in ("x", "y", "width", "height"))
        return f"{w} × {h} at ({x}, {y})"
    if isinstance(value, list) and all(_scalar(v) for v in value):
        return ", ".join(_fmt(v) for v in value) or "none"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class BriefUpdate:
    """A newer (or different) version of the brief a design answers, for the GUI to show.
    ``changes`` is empty when the design's version is not in the cache (``previous_known``)."""

    brief_id: str
    old_version: int
    new_version: int
    old_sha256: str
    new_sha256: str
    changes: tuple[Change, ...]
    previous_known: bool

    @property
    def headline(self) -> str:
        if self.old_version == self.new_version:
            return f"Brief {self.brief_id} version {self.new_version} was modified"
        return f"Brief {self.brief_id} changed: version {self.old_version} → {self.new_version}"


def brief_update_for(
    doc: Document, new_brief: Brief, cache: BriefCache | None = None
) -> BriefUpdate | None:
    """What changed since the brief ``doc`` was made from; ``None`` when ``doc`` answers no
    brief, another brief, or exactly this version and file."""
    from studio.brands.cache import BriefCache

    link = doc.brief
    if link is None or link.id != new_brief.id:
        return None
    if link.version == new_brief.version and (not link.sha256 or link.sha256 == new_brief.sha256):
        return None
    previous = (cache or BriefCache()).get(link.sha256) if link.sha256 else None
    changes = tuple(diff_briefs(previous, new_brief)) if previous else ()
    return BriefUpdate(
        new_brief.id,
        link.version,
        new_brief.version,
        link.sha256,
        new_brief.sha256,
        changes,
        previous is not None,
    )
