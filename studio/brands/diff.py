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
from studio.i18n import N_, _, translations
from studio.l10n import format_number

if TYPE_CHECKING:
    from studio.brands.cache import BriefCache

Kind = Literal["added", "removed", "changed"]


def _t(message: str) -> str:
    """The translation of a label marked with ``N_()`` in the tables below."""
    return translations().gettext(message)


LABELS = {
    "format": N_("Format"),
    "version": N_("Version"),
    "title": N_("Title"),
    "description": N_("Description"),
    "kind": N_("Kind"),
    "deadline": N_("Deadline"),
    "template": N_("Template"),
    "brand": N_("Brand"),
    "brand.name": N_("Brand name"),
    "brand.url": N_("Brand web site"),
    "brand.contact": N_("Brand contact"),
    "licence": N_("Licence"),
    "licence.grant": N_("Licence grant"),
    "licence.terms": N_("Licence terms"),
    "licence.url": N_("Licence page"),
    "licence.reward": N_("Reward"),
    "canvas.width": N_("Canvas width"),
    "canvas.height": N_("Canvas height"),
    "canvas.dpi": N_("Canvas resolution (dpi)"),
    "canvas.bleed": N_("Bleed"),
    "canvas.safe_margin": N_("Safe margin"),
    "garment.mockup": N_("Garment mock-up"),
    "inks": N_("Ink rules"),
    "inks.max_colors": N_("Maximum inks"),
    "inks.palette_only": N_("Palette inks only"),
    "inks.delta_e": N_("Colour tolerance (ΔE)"),
    "rules.min_image_dpi": N_("Minimum image resolution (dpi)"),
    "rules.recommended_image_dpi": N_("Recommended image resolution (dpi)"),
    "rules.min_text_size": N_("Minimum text size"),
    "rules.min_stroke_width": N_("Minimum stroke width"),
    "rules.transparency": N_("Transparency"),
    "rules.gradients": N_("Gradients"),
    "rules.raster_images": N_("Raster images"),
    "rules.max_text_coverage": N_("Maximum text coverage"),
    "rules.min_text_contrast": N_("Minimum text contrast"),
    "rules.fonts": N_("Allowed fonts"),
}
# Lists of named things: matched by this key, shown as "<noun> 'name'".
KEYED_LISTS = {
    "inks.palette": ("name", N_("Palette ink")),
    "garment.colors": ("name", N_("Garment colour")),
    "rules.required": ("id", N_("Required element")),
    "outputs": ("id", N_("Output")),
    "targets": ("connector", N_("Target")),
    "rules.keep_out": ("", N_("Keep-out zone")),
}
ITEM_FIELDS = {
    "min_width": N_("minimum width"),
    "clear_space": N_("clear space"),
    "zone": N_("zone"),
    "asset": N_("artwork"),
    "color": N_("colour"),
    "pantone": N_("Pantone reference"),
    "max_bytes": N_("maximum file size"),
    "dpi": N_("resolution (dpi)"),
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
                Change(
                    path,
                    "added",
                    None,
                    v,
                    _("{label}: {value} added").format(label=label, value=_fmt(v)),
                )
                for v in new
                if v not in old
            ]
            found += [
                Change(
                    path,
                    "removed",
                    v,
                    None,
                    _("{label}: {value} removed").format(label=label, value=_fmt(v)),
                )
                for v in old
                if v not in new
            ]
            out += found or [
                Change(path, "changed", old, new, _("{label}: order changed").format(label=label))
            ]
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
        return _t(LABELS[generic])
    match = re.match(r"^(.*?)\[([^\]]*)\](?:\.(.*))?$", path)
    if match:
        head, name, rest = match.groups()
        generic_head = re.sub(r"\[[^\]]*\]", "[]", head)
        keyed = generic_head in KEYED_LISTS
        noun = _t(KEYED_LISTS[generic_head][1]) if keyed else _label(head)
        item = (
            _("{noun} '{name}'").format(noun=noun, name=name)
            if KEYED_LISTS.get(generic_head, ("x",))[0]
            else _("{noun} {number}").format(noun=noun, number=name)
        )
        if not rest:
            return item
        field = rest.split(".")[0]
        if rest == "color" and generic_head == "garment.colors":  # not "Garment colour … colour"
            return item
        words = _t(ITEM_FIELDS[field]) if field in ITEM_FIELDS else field.replace("_", " ")
        return f"{item} {words}" + (
            "" if "." not in rest else " " + rest.split(".", 1)[1].replace("_", " ")
        )
    last = path.rsplit(".", 1)[-1]
    parent = path.rsplit(".", 1)[0] if "." in path else ""
    words = last.replace("_", " ")
    if parent == "rules":
        return _("Rule {name}").format(name=words)
    if not parent:
        return words.capitalize()
    return f"{_t(LABELS[parent]) if parent in LABELS else parent.capitalize()} {words}"


def _changed(path: str, old: Any, new: Any) -> Change:
    label = _label(path)
    if path == "deadline":
        text = _("Deadline moved: {old} → {new}").format(old=_date(old), new=_date(new))
        return Change(path, "changed", old, new, text)
    if path.endswith("].min_width") and path.startswith("rules.required["):
        item = label.removesuffix(" " + _t(ITEM_FIELDS["min_width"]))
        text = _("{item} now needs {new} minimum width (was {old})").format(
            item=item, new=_fmt(new), old=_fmt(old)
        )
        return Change(path, "changed", old, new, text)
    if _long(old) or _long(new):
        return Change(path, "changed", old, new, _("{label} changed").format(label=label))
    return Change(
        path,
        "changed",
        old,
        new,
        _("{label}: {old} → {new}").format(label=label, old=_fmt(old), new=_fmt(new)),
    )


def _added(path: str, value: Any) -> Change:
    label = _label(path)
    if _is_rule(path):
        return Change(
            path,
            "added",
            None,
            value,
            _("New rule: {label}: {value}").format(label=label, value=_fmt(value)),
        )
    detail = "" if _long(value) else _(": {value}").format(value=_fmt(value))
    if re.search(r"\]$", path):
        return Change(
            path,
            "added",
            None,
            value,
            _("{label} added{detail}").format(label=label, detail=_item_detail(value)),
        )
    return Change(
        path, "added", None, value, _("{label} added{detail}").format(label=label, detail=detail)
    )


def _removed(path: str, value: Any) -> Change:
    label = _label(path)
    if _is_rule(path):
        return Change(
            path,
            "removed",
            value,
            None,
            _("Rule dropped: {label} (was {value})").format(label=label, value=_fmt(value)),
        )
    if re.search(r"\]$", path):
        return Change(
            path,
            "removed",
            value,
            None,
            _("{label} removed{detail}").format(label=label, detail=_item_detail(value)),
        )
    detail = "" if _long(value) else _(" (was {value})").format(value=_fmt(value))
    return Change(
        path,
        "removed",
        value,
        None,
        _("{label} removed{detail}").format(label=label, detail=detail),
    )


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
                Change(
                    f"assets[{name}]",
                    "removed",
                    a[name],
                    None,
                    _("File '{name}' removed").format(name=name),
                )
            )
        elif name not in a:
            out.append(
                Change(
                    f"assets[{name}]",
                    "added",
                    None,
                    b[name],
                    _("File '{name}' added").format(name=name),
                )
            )
        elif a[name] != b[name]:
            out.append(
                Change(
                    f"assets[{name}]",
                    "changed",
                    a[name],
                    b[name],
                    _("File '{name}' changed").format(name=name),
                )
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
        return _("yes") if value else _("no")
    if isinstance(value, str):
        match = _LENGTH.match(value)
        return f"{_decimal(float(match.group(1)))} {match.group(2)}" if match else value
    if isinstance(value, int | float):
        return _decimal(value)
    if isinstance(value, dict) and {"x", "y", "width", "height"} <= set(value):
        x, y, w, h = (_fmt(value[k]) for k in ("x", "y", "width", "height"))
        return _("{width} × {height} at ({x}, {y})").format(width=w, height=h, x=x, y=y)
    if isinstance(value, list) and all(_scalar(v) for v in value):
        return ", ".join(_fmt(v) for v in value) or _("none")
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _decimal(value: float) -> str:
    """Whole numbers as written (``500000``), fractions in the reader's locale (``12,5``)."""
    return f"{value:g}" if float(value).is_integer() else format_number(value, 4)


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
            return _("Brief {id} version {version} was modified").format(
                id=self.brief_id, version=self.new_version
            )
        return _("Brief {id} changed: version {old} → {new}").format(
            id=self.brief_id, old=self.old_version, new=self.new_version
        )


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
