"""Secrets: keyring or a plainly announced session store; OAuth 2 loopback + PKCE against a
fake authorization server on 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import keyring
import pytest
import requests
from keyring.backend import KeyringBackend
from servers.base import Handler, Server, running

from studio.connectors import credentials, oauth
from studio.connectors.errors import AuthRequired


def test_headless_box_gets_a_session_store_and_a_plain_notice(monkeypatch: Any) -> None:
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    store, notice = credentials.open_store()
    assert isinstance(store, credentials.MemoryStore) and not store.persistent
    assert "session only" in notice


class DictKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        assert len(password) <= 2560  # Windows Credential Manager's cap
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def test_keyring_store_splits_long_tokens(monkeypatch: Any) -> None:
    backend = DictKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    for name in ("get_password", "set_password", "delete_password"):
        monkeypatch.setattr(keyring, name, getattr(backend, name))
    store, notice = credentials.open_store()
    assert isinstance(store, credentials.KeyringStore) and notice == ""
    long_token = "t" * 6000
    store.set("printify", "token", long_token)
    assert store.get("printify", "token") == long_token
    store.delete("printify", "token")
    assert store.get("printify", "token") is None and backend.values == {}


class AuthServer(Server):
    challenges: dict[str, str]
    refreshed = 0


class AuthHandler(Handler):
    server: AuthServer

    def do_GET(self) -> None:  # the authorize endpoint: the "user" approves at once
        query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        assert query["code_challenge_method"] == "S256"
        self.server.challenges["code-1"] = query["code_challenge"]
        target = f"{query['redirect_uri']}?{urlencode({'code': 'code-1', 'state': query['state']})}"
        assert target.startswith("http://127.0.0.1:")
        self.reply(302, b"", {"Location": target})

    def do_POST(self) -> None:  # the token endpoint
        form = {k: v[0] for k, v in parse_qs(self.body().decode()).items()}
        if form["grant_type"] == "refresh_token":
            self.server.refreshed += 1
            reply = {"access_token": "access-2", "expires_in": 3600}
        else:
            digest = hashlib.sha256(form["code_verifier"].encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if self.server.challenges.get(form["code"]) != challenge:
                self.reply(400, b'{"error": "invalid_grant"}')
                return
            reply = {"access_token": "access-1", "refresh_token": "refresh-1", "expires_in": 60}
        self.reply(200, json.dumps(reply).encode(), {"Content-Type": "application/json"})


@pytest.fixture
def auth_server() -> Iterator[AuthServer]:
    server = AuthServer(AuthHandler)
    server.challenges = {}
    with running(server) as running_server:
        yield running_server


def test_loopback_pkce_sign_in_and_refresh(auth_server: AuthServer) -> None:
    config = oauth.OAuthConfig(f"{auth_server.url}/authorize", f"{auth_server.url}/token", "motif")
    opened: list[str] = []

    def browser(url: str) -> None:  # like webbrowser.open: returns at once, the page loads later
        opened.append(url)
        threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 5}).start()

    tokens = oauth.authorize(config, open_browser=browser, timeout=10)
    assert tokens.access_token == "access-1" and tokens.refresh_token == "refresh-1"
    assert "code_challenge=" in opened[0] and "code_verifier" not in opened[0]
    fresh = oauth.refresh(config, tokens)
    assert fresh.access_token == "access-2" and fresh.refresh_token == "refresh-1"
    assert auth_server.refreshed == 1


def test_sign_in_with_a_forged_state_is_refused(auth_server: AuthServer) -> None:
    config = oauth.OAuthConfig(f"{auth_server.url}/authorize", f"{auth_server.url}/token", "motif")

    def forger(url: str) -> None:
        redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        forged = f"{redirect}?code=code-1&state=forged"
        threading.Thread(target=requests.get, args=(forged,), kwargs={"timeout": 5}).start()

    with pytest.raises(AuthRequired, match="state"):
        oauth.authorize(config, open_browser=forger, timeout=10)
