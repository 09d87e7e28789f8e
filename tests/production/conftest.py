"""A small t-shirt brief (40×30 mm at 254 DPI: 10 pixels per millimetre) and flat designs, so
plates can be compared with the geometry pixel by pixel and the tests stay fast."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from production_helpers import BLACK, CREAM, GREEN, RED, YELLOW, flat_doc, rect

from studio.brief import Brief, load_brief
from studio.design import Design, design_from_document


def brief_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "motif-brief/1",
        "id": "test.tee",
        "version": 1,
        "title": "Test tee",
        "kind": "tshirt",
        "licence": {"grant": "exclusive", "terms": "All rights to the brand."},
        "canvas": {"width": "40mm", "height": "30mm", "dpi": 254},
        "garment": {
            "colors": [{"name": "Black", "color": "#1b1b1d"}, {"name": "White", "color": "#ffffff"}]
        },
        "inks": {
            "max_colors": 4,
            "palette": [
                {"name": "Red", "color": RED, "pantone": "PMS 1788 C"},
                {"name": "Green", "color": GREEN},
                {"name": "Cream", "color": CREAM},
                {"name": "Black", "color": BLACK},
                {"name": "Yellow", "color": YELLOW},
            ],
        },
        "rules": {"gradients": "forbid"},
        "outputs": [{"id": "print", "format": "png"}, {"id": "films", "format": "separations"}],
    }
    data.update(changes)
    return data


@pytest.fixture
def make_brief(tmp_path: Path) -> Callable[..., Brief]:
    def make(**changes: Any) -> Brief:
        path = tmp_path / f"b{len(list(tmp_path.glob('*.brief.json')))}.brief.json"
        path.write_text(json.dumps(brief_json(**changes)))
        return load_brief(path)

    return make


@pytest.fixture
def three_inks(make_brief: Callable[..., Brief]) -> tuple[Brief, Design]:
    """Red and green touching at x = 20.05 mm, cream below, black dots: edges off the grid."""
    brief = make_brief()
    doc = flat_doc(
        brief,
        [
            rect(5.05, 4.03, 15.0, 10.0, RED),
            rect(20.05, 4.03, 10.0, 10.0, GREEN),
            rect(5.05, 18.07, 25.0, 6.0, CREAM),
            rect(33.0, 20.0, 4.0, 4.0, BLACK),
        ],
    )
    return brief, design_from_document(doc)
