"""Signing in to an OAuth 2 connector from its settings dialog: the browser (a real GET that
follows the redirect to our loopback listener) signs in against a real authorization server on
127.0.0.1, the dialog says "Signed in" and the tokens are in the keyring, never in QSettings; a
refusal is explained, Cancel really stops the wait, Sign out forgets the tokens."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from servers.oauth import AuthServer, Browser, MemoryKeyring, auth_server, memory_keyring

from studio.connectors import registry, tokens
from studio.connectors.credentials import SERVICE, CredentialStore, KeyringStore, MemoryStore
from studio.connectors.manifest import Manifest, parse_manifest
from studio.connectors.oauth import Tokens
from studio.gui.connector_form import ConnectorForm, SignInPanel, state_text
from studio.gui.connectors_page import ConnectorsPage


@pytest.fixture
def server() -> Iterator[AuthServer]:
    with auth_server() as running_server:
        yield running_server


@pytest.fixture
def backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as kept:
        yield kept


@pytest.fixture
def browser() -> Iterator[Browser]:
    opened = Browser()
    yield opened
    opened.join()


def _manifest(server: AuthServer) -> Manifest:
    return parse_manifest(server.manifest(), "test manifest")


Panel = Callable[[CredentialStore, Browser], SignInPanel]


@pytest.fixture
def panel_for(qtbot: QtBot, server: AuthServer) -> Iterator[Panel]:
    """The sign-in panel of a new settings dialog of the test connector, with ``browser``."""
    forms: list[ConnectorForm] = []  # the dialogs live as long as the test

    def make(store: CredentialStore, browser: Browser) -> SignInPanel:
        form = ConnectorForm(_manifest(server), store)
        qtbot.addWidget(form)
        forms.append(form)
        assert form.sign_in is not None
        form.sign_in.open_browser = browser
        return form.sign_in

    yield make


def _click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_sign_in_shows_signed_in_and_keeps_the_tokens_in_the_keyring_only(
    qtbot: QtBot, server: AuthServer, backend: MemoryKeyring, browser: Browser, tmp_path: Path
) -> None:
    ini = tmp_path / "studio.ini"
    page = ConnectorsPage(
        KeyringStore(),
        entries=[registry.Entry("teeplatform", "test", _manifest(server))],
        qsettings=QSettings(str(ini), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(page)
    page.select("teeplatform")
    form = page.configure()
    assert form is not None and form.sign_in is not None
    panel = form.sign_in
    panel.open_browser = browser
    assert panel.state.text() == "Not signed in" and not panel.sign_out_button.isEnabled()

    _click(qtbot, panel.sign_in_button)
    assert panel.busy() and panel.cancel_button.isVisibleTo(form)
    assert not panel.sign_in_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=5000)

    assert panel.state.text().startswith("Signed in; the access is valid until ")
    assert panel.message.text() == "Signed in to Tee Platform."
    assert panel.sign_out_button.isEnabled() and not panel.cancel_button.isVisibleTo(form)
    query = parse_qs(urlsplit(browser.opened[0]).query)
    assert query["client_id"] == ["motif-desktop"] and query["scope"] == ["upload"]
    assert "code_verifier" not in query
    assert browser.pages[0].status_code == 200 and b"Signed in" in browser.pages[0].content
    access, refresh = server.issued
    assert backend.values[(SERVICE, "teeplatform/token")] == access
    assert backend.values[(SERVICE, "teeplatform/refresh_token")] == refresh
    kept = tokens.load_tokens(KeyringStore(), "teeplatform")
    assert kept is not None and kept.expires_at is not None
    assert abs(kept.expires_at - (time.time() + 3600)) < 60
    form.accept()
    for secret in server.issued:
        assert secret not in ini.read_text() and secret not in panel.state.text()


def test_a_refusal_is_shown_in_plain_words_and_nothing_is_stored(
    qtbot: QtBot, server: AuthServer, browser: Browser, panel_for: Panel
) -> None:
    server.refuse = "access_denied"
    store = MemoryStore()
    panel = panel_for(store, browser)
    _click(qtbot, panel.sign_in_button)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=5000)
    assert panel.message.text() == (
        "Sign-in refused: access was denied (you or the platform said no)"
    )
    assert panel.state.text() == "Not signed in" and store.get("teeplatform", "token") is None
    assert b"did not complete" in browser.pages[0].content


def test_a_failing_token_endpoint_is_explained_without_secrets(
    qtbot: QtBot, server: AuthServer, browser: Browser, panel_for: Panel
) -> None:
    server.token_status = 503
    panel = panel_for(MemoryStore(), browser)
    _click(qtbot, panel.sign_in_button)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=5000)
    assert panel.message.text() == "Sign-in failed: token request failed: HTTP 503"
    assert panel.sign_in_button.isEnabled() and panel.state.text() == "Not signed in"


def _redirect_uri(url: str) -> str:
    return parse_qs(urlsplit(url).query)["redirect_uri"][0]


def test_cancel_stops_waiting_for_the_browser(
    qtbot: QtBot, server: AuthServer, panel_for: Panel
) -> None:
    idle = Browser(follow=False)  # the user never finishes in the browser
    panel = panel_for(MemoryStore(), idle)
    _click(qtbot, panel.sign_in_button)
    qtbot.waitUntil(lambda: bool(idle.opened), timeout=5000)
    assert "No browser opened?" in panel.waiting.text()  # the address, to open it by hand
    redirect = _redirect_uri(idle.opened[0])
    _click(qtbot, panel.cancel_button)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=2000)
    assert panel.message.text() == "Sign-in cancelled." and panel.state.text() == "Not signed in"
    assert panel.sign_in_button.isEnabled() and not panel.cancel_button.isVisibleTo(panel)
    with pytest.raises(requests.ConnectionError):  # the loopback listener is gone
        requests.get(f"{redirect}?code=late&state=x", timeout=2)
    assert server.grants == {}


def test_closing_the_dialog_while_waiting_cancels_the_sign_in(
    qtbot: QtBot, server: AuthServer
) -> None:
    idle = Browser(follow=False)
    form = ConnectorForm(_manifest(server), MemoryStore())
    qtbot.addWidget(form)
    assert form.sign_in is not None
    form.sign_in.open_browser = idle
    form.show()
    _click(qtbot, form.sign_in.sign_in_button)
    qtbot.waitUntil(lambda: bool(idle.opened), timeout=5000)
    form.reject()
    qtbot.waitUntil(lambda: form.sign_in is not None and not form.sign_in.busy(), timeout=2000)
    assert form.sign_in.message.text() == "Sign-in cancelled."


def test_sign_out_removes_the_tokens(
    qtbot: QtBot, backend: MemoryKeyring, browser: Browser, panel_for: Panel
) -> None:
    store = KeyringStore()
    tokens.save_tokens(store, "teeplatform", Tokens("a-" + "x" * 3000, "r-1", time.time() - 10))
    panel = panel_for(store, browser)
    assert panel.state.text().startswith("Signed in; the access expired at ")
    assert panel.state.text().endswith("and is renewed at the next upload")
    _click(qtbot, panel.sign_out_button)
    assert panel.state.text() == "Not signed in" and not panel.sign_out_button.isEnabled()
    assert backend.values == {}  # the long token's parts too
    assert "removed" in panel.message.text()


def test_the_state_says_when_the_access_ends() -> None:
    now = 1_700_000_000.0
    assert state_text(None, now) == "Not signed in"
    assert state_text(Tokens("a", None, None), now) == "Signed in"
    assert state_text(Tokens("a", "r", now + 600), now).startswith("Signed in; the access is")
    assert state_text(Tokens("a", None, now - 1), now).endswith(": sign in again")


def test_connectors_without_oauth_have_no_sign_in_panel(qtbot: QtBot) -> None:
    entry = {e.id: e for e in registry.discover(entry_points=False)}["webdav"]
    assert entry.manifest is not None
    form = ConnectorForm(entry.manifest, MemoryStore())
    qtbot.addWidget(form)
    assert form.sign_in is None and form.findChild(SignInPanel) is None
