"""Building briefs and designs for the check tests: small, readable, written to tmp files."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from studio.brief import Brief, load_brief
from studio.checks import Report, run_checks
from studio.design import open_design

SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:motif="urn:motif-studio:design:1" width="{w}" height="{h}" viewBox="{vb}">'
)


def brief_dict(**over: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "format": "motif-brief/1",
        "id": "test.brief",
        "version": 1,
        "title": "Test brief",
        "kind": "tshirt",
        "canvas": {"width": "100mm", "height": "100mm", "dpi": 100},
        "rules": {},
        "outputs": [],
    }
    rules = over.pop("rules", {})
    raw["rules"].update(rules)
    raw.update(over)
    return raw


def write_brief(tmp: Path, assets: dict[str, bytes] | None = None, **over: Any) -> Path:
    path = tmp / "test.brief.json"
    path.write_text(json.dumps(brief_dict(**over)), encoding="utf-8")
    for name, data in (assets or {}).items():
        target = tmp / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return path


def brief(tmp: Path, assets: dict[str, bytes] | None = None, **over: Any) -> Brief:
    return load_brief(write_brief(tmp, assets, **over))


def svg(body: str, w: str = "100mm", h: str = "100mm", vb: str = "0 0 100 100") -> str:
    return SVG_HEAD.format(w=w, h=h, vb=vb) + body + "</svg>"


def write_svg(tmp: Path, body: str, name: str = "design.svg", **size: str) -> Path:
    path = tmp / name
    path.write_text(svg(body, **size), encoding="utf-8")
    return path


def check(tmp: Path, body: str, the_brief: Brief, **size: str) -> Report:
    return run_checks(open_design(write_svg(tmp, body, **size), the_brief.dpi), the_brief)


def rules_of(report: Report) -> list[str]:
    return [f.rule for f in report.findings]


def png_bytes(pixels: np.ndarray, dpi: float | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.fromarray(pixels)
    image.save(out, "PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def noise_photo(w: int, h: int) -> bytes:
    rng = np.random.default_rng(1)
    return png_bytes(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))
