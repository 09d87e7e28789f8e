"""Load bundled connectors straight from plugins/, as a plain checkout would."""

from __future__ import annotations

import pytest

from studio.connectors import registry
from studio.connectors.api import Connector
from studio.connectors.manifest import Manifest


@pytest.fixture(scope="session")
def bundled() -> dict[str, registry.Entry]:
    return {entry.id: entry for entry in registry.discover(entry_points=False)}


@pytest.fixture
def load(bundled: dict[str, registry.Entry]):  # type: ignore[no-untyped-def]
    def get(connector_id: str) -> tuple[Connector, Manifest]:
        entry = bundled[connector_id]
        assert entry.manifest is not None
        return registry.load(entry), entry.manifest

    return get
