"""The settings dialog renders each bundled schema, blocks invalid input with a message, and
keeps secrets out of the settings and out of QSettings; the Connectors page lists broken
plugins with their reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from studio.connectors import registry
from studio.connectors.credentials import NO_KEYRING, CredentialStore, MemoryStore, open_store
from studio.connectors.settings_form import fields_for
from studio.gui.connector_form import ConnectorForm
from studio.gui.connectors_page import ConnectorsPage, saved_settings

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
SECRET = "hunter2-very-secret"


def _form(
    qtbot: QtBot, connector_id: str, notice: str = "", store: CredentialStore | None = None
) -> ConnectorForm:
    entry = {e.id: e for e in registry.discover(entry_points=False)}[connector_id]
    assert entry.manifest is not None
    form = ConnectorForm(entry.manifest, store or MemoryStore(), keyring_notice=notice)
    qtbot.addWidget(form)
    return form


def _ok(form: ConnectorForm) -> bool:
    return form.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _line(form: ConnectorForm, name: str) -> QLineEdit:
    widget = form.findChild(QLineEdit, f"field_{name}")
    assert widget is not None, name
    return widget


@pytest.mark.parametrize("connector_id", ["folder", "webdav", "printify", "brief-portal"])
def test_every_bundled_schema_renders_its_fields(qtbot: QtBot, connector_id: str) -> None:
    form = _form(qtbot, connector_id)
    entry = {e.id: e for e in registry.discover(entry_points=False)}[connector_id]
    assert entry.manifest is not None
    for field in fields_for(entry.manifest):
        widget = form.findChild(QWidget, f"field_{field.name}")
        assert widget is not None, field.name
        assert widget.toolTip() == field.help
        if field.masked:
            assert isinstance(widget, QLineEdit)
            assert widget.echoMode() == QLineEdit.EchoMode.Password


def test_invalid_input_disables_ok_and_says_why(qtbot: QtBot) -> None:
    form = _form(qtbot, "webdav")
    assert not _ok(form) and form.error_text("url") == "required"
    _line(form, "url").setText("ftp://nas.local/Briefs")
    assert not _ok(form)
    assert form.error_text("url") == "must be a web address starting with http:// or https://"
    _line(form, "url").setText("https://nas.local/Briefs")
    _line(form, "chunk_bytes").setText("12")
    assert not _ok(form) and form.error_text("chunk_bytes") == "must be 1024 or more"
    _line(form, "chunk_bytes").setText("2048")
    assert _ok(form) and form.error_text("url") == form.error_text("chunk_bytes") == ""


def test_secrets_go_to_the_store_never_to_settings_or_qsettings(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = MemoryStore()
    qsettings = QSettings(str(tmp_path / "studio.ini"), QSettings.Format.IniFormat)
    entries = registry.discover(entry_points=False)
    page = ConnectorsPage(store, entries=entries, qsettings=qsettings)
    qtbot.addWidget(page)
    page.select("webdav")
    form = page.configure()
    assert form is not None
    _line(form, "url").setText("https://nas.local/Briefs")
    _line(form, "username").setText("alice")
    _line(form, "password").setText(SECRET)
    assert _ok(form)
    form.accept()
    assert form.settings() == {"url": "https://nas.local/Briefs"}
    assert store.get("webdav", "password") == SECRET and store.get("webdav", "username") == "alice"
    assert saved_settings(qsettings, "webdav") == {"url": "https://nas.local/Briefs"}
    assert SECRET not in (tmp_path / "studio.ini").read_text()
    again = page.configure()  # reopened: the URL is back, the password is not shown
    assert again is not None
    assert _line(again, "url").text() == "https://nas.local/Briefs"
    assert _line(again, "password").text() == ""
    assert "stored" in _line(again, "password").placeholderText()
    again.reject()


def test_without_a_keyring_the_form_says_so_and_asks_for_session_only(qtbot: QtBot) -> None:
    store, notice = open_store()  # the tests run with keyring's fail backend
    assert notice == NO_KEYRING and not store.persistent
    form = _form(qtbot, "printify", notice=notice, store=store)
    shown = form.findChild(QLabel, "keyringNotice")
    assert shown is not None and "No system keyring" in shown.text()
    assert _ok(form)  # nothing secret typed: nothing to decide
    _line(form, "token").setText(SECRET)
    assert not _ok(form) and "this session only" in form.general_error.text()
    assert form.session_only is not None
    form.session_only.setChecked(True)
    assert _ok(form)
    form.accept()
    assert store.get("printify", "token") == SECRET and SECRET not in json.dumps(form.settings())


def _broken_plugin(root: Path) -> None:
    target = root / "proj-broken"
    shutil.copytree(PLUGINS / "motif-connector-template", target)
    manifest = target / "motif_connector_template" / "motif-connector.json"
    data = json.loads(manifest.read_text())
    data.update(id="from-the-future", name="From the future", api=">=7.0")
    manifest.write_text(json.dumps(data))


def test_connectors_page_lists_an_unusable_plugin_with_its_reason(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _broken_plugin(tmp_path)
    shutil.copytree(PLUGINS / "motif-connector-folder", tmp_path / "motif-connector-folder")
    monkeypatch.setenv("MOTIF_STUDIO_PLUGINS", str(tmp_path))
    page = ConnectorsPage(MemoryStore(), entries=registry.discover(entry_points=False))
    qtbot.addWidget(page)
    rows = {row.id: row for row in page.rows()}
    assert rows["folder"].usable and rows["folder"].hosts == "none (works offline)"
    broken = rows["from-the-future"]
    assert not broken.usable and broken.status.startswith("UNUSABLE: wants connector API >=7.0")
    texts = [page.table.item(i, 2).text() for i in range(page.table.rowCount())]
    assert broken.status in texts
    page.select("from-the-future")
    assert not page.configure_button.isEnabled() and "UNUSABLE" in page.details.text()
    page.select("folder")
    assert page.configure_button.isEnabled()
