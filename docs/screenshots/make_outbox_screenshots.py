"""Regenerate outbox-panel.png and connector-form.png offscreen (no server, no network).

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make_outbox_screenshots.py [OUT_DIR]

Jobs are put in the states to show directly through the store, as a worker would leave them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from studio.connectors import registry
from studio.connectors.credentials import NO_KEYRING, MemoryStore
from studio.gui.connector_form import ConnectorForm
from studio.gui.outbox_panel import OutboxPanel
from studio.outbox.jobs import State
from studio.outbox.store import Store


def outbox(out: Path, tmp: Path) -> None:
    store = Store(tmp / "outbox.sqlite3")
    now = time.time()
    jobs = [("strawberry-fields.zip", "brief-portal"), ("night-market-tee.zip", "webdav"),
            ("hello-spring-ad.zip", "printify"), ("tiger-lines.zip", "webdav"),
            ("retro-wave.zip", "folder")]  # fmt: skip
    ids = [store.add(f"/home/ana/Motif/{name}", connector, {}, name, now)[0].id
           for name, connector in jobs]  # fmt: skip
    store.claim(ids[1])
    store.claim(ids[2])
    store.finish(ids[2], "4815", "https://cloud.example.org/s/Kq8hT2/hello-spring-ad.zip")
    store.claim(ids[3])
    full = "Rejected: HTTP 507 Insufficient Storage: the folder Briefs is over its quota"
    store.fail(ids[3], State.FAILED_PERMANENT, full)
    store.claim(ids[4])
    store.fail(ids[4], State.FAILED_RETRYABLE, "ServerError: HTTP 503 Service Unavailable",
               now + 42)  # fmt: skip
    panel = OutboxPanel(store)
    panel.online = True
    panel.resize(1100, 260)
    panel.show()
    panel.show_progress(ids[1], 37_000_000, 58_000_000)
    panel.refresh()
    panel.select_job(ids[2])
    QApplication.processEvents()
    panel.grab().save(str(out / "outbox-panel.png"))
    panel.timer.stop()


def form(out: Path) -> None:
    entries = {e.id: e for e in registry.discover(entry_points=False)}
    for connector_id, file_name in (("webdav", "connector-form.png"),
                                    ("printify", "connector-form-printify.png")):  # fmt: skip
        manifest = entries[connector_id].manifest
        assert manifest is not None
        dialog = ConnectorForm(manifest, MemoryStore(), {}, NO_KEYRING)
        if connector_id == "webdav":
            dialog.findChild(object, "field_url").setText("ftp://nas.local/Briefs")  # type: ignore[union-attr]
            dialog.findChild(object, "field_username").setText("ana")  # type: ignore[union-attr]
            dialog.findChild(object, "field_password").setText("correct horse")  # type: ignore[union-attr]
        dialog.show()
        dialog.adjustSize()
        QApplication.processEvents()
        dialog.grab().save(str(out / file_name))


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        outbox(out, Path(tmp))
        form(out)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
