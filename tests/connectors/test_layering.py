"""The core never imports Qt widgets, and connectors use only the public plugin API."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_connectors_and_outbox_do_not_import_qt() -> None:
    for path in [*(ROOT / "studio" / "connectors").rglob("*.py"),
                 *(ROOT / "studio" / "outbox").rglob("*.py")]:  # fmt: skip
        assert "PySide6" not in path.read_text(), path


def test_bundled_plugins_import_only_the_api() -> None:
    for path in (ROOT / "plugins").rglob("*.py"):
        for module in re.findall(r"^from (studio\S*) import", path.read_text(), re.M):
            assert module == "studio.connectors.api", (path, module)
