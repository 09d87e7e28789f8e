"""An OAuth 2 authorization server on 127.0.0.1 (RFC 6749 code grant with PKCE S256), and a
"browser" that really fetches the authorize address and follows its redirect to our loopback.

``GET /authorize`` approves at once (redirects to ``redirect_uri`` with a code and the state),
or refuses with ``error=<refuse>`` when ``refuse`` is set. ``POST /token`` exchanges a code only
for the verifier whose S256 hash was the challenge, for the same client and redirect_uri, once;
it also answers the refresh grant. ``token_status`` makes the token endpoint fail instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import keyring
import requests
from keyring.backend import KeyringBackend
from servers.base import Handler, Server, running

CLIENT_ID = "motif-desktop"


@dataclass
class Grant:
    challenge: str
    redirect_uri: str
    client_id: str
    used: bool = False


class AuthServer(Server):
    def __init__(self, expires_in: int | None = 3600) -> None:
        super().__init__(AuthHandler)
        self.grants: dict[str, Grant] = {}
        self.authorize_queries: list[dict[str, str]] = []
        self.issued: list[
            str
        ] = []  # every token handed out, to look for them where they must not be
        self.refreshed = 0
        self.refuse = ""  # an RFC 6749 error code: the user (or the platform) says no
        self.refuse_description = ""
        self.token_status = 0  # answer the token endpoint with this status (0: work normally)
        self.expires_in = expires_in

    def manifest(
        self, connector_id: str = "teeplatform", name: str = "Tee Platform"
    ) -> dict[str, Any]:
        """A connector manifest signing in with OAuth 2 against this server."""
        return {
            "id": connector_id, "name": name, "version": "1.0", "api": ">=1.0,<2",
            "python_name": f"{connector_id.replace('-', '_')}.connector:Connector",
            "description": "Uploads packages to a tee platform (test double).",
            "accepts": [{"format": "zip", "max_bytes": 10**9}], "auth": "oauth2",
            "settings": {"type": "object", "properties": {}},
            "oauth2": {"authorize_url": f"{self.url}/authorize", "token_url": f"{self.url}/token",
                       "client_id": CLIENT_ID, "scopes": ["upload"]},
            "hosts": ["127.0.0.1"],
        }  # fmt: skip


class AuthHandler(Handler):
    server: AuthServer

    def do_GET(self) -> None:  # the authorize endpoint
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.server.authorize_queries.append(query)
        redirect = query.get("redirect_uri", "")
        if (url.path != "/authorize" or query.get("response_type") != "code"
                or query.get("code_challenge_method") != "S256"
                or not redirect.startswith("http://127.0.0.1:")):  # fmt: skip
            self.reply(400, b"bad authorize request")
            return
        answer = {"state": query["state"]}
        if self.server.refuse:
            answer["error"] = self.server.refuse
            if self.server.refuse_description:
                answer["error_description"] = self.server.refuse_description
        else:
            code = f"code-{len(self.server.grants) + 1}"
            self.server.grants[code] = Grant(query["code_challenge"], redirect, query["client_id"])
            answer["code"] = code
        self.reply(302, b"", {"Location": f"{redirect}?{urlencode(answer)}"})

    def do_POST(self) -> None:  # the token endpoint
        form = {k: v[0] for k, v in parse_qs(self.body().decode()).items()}
        if self.server.token_status:
            self.reply(self.server.token_status, b"token service down")
            return
        if form.get("grant_type") == "refresh_token":
            self.server.refreshed += 1
            self._tokens(refresh=False)
            return
        grant = self.server.grants.get(form.get("code", ""))
        verifier = form.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if (grant is None or grant.used or grant.challenge != challenge
                or grant.redirect_uri != form.get("redirect_uri")
                or grant.client_id != form.get("client_id")):  # fmt: skip
            self.reply(400, b'{"error": "invalid_grant"}', {"Content-Type": "application/json"})
            return
        grant.used = True
        self._tokens(refresh=True)

    def _tokens(self, refresh: bool) -> None:
        n = len(self.server.issued) + 1
        reply: dict[str, Any] = {"access_token": f"access-{n}-9c2e71d0", "token_type": "Bearer"}
        if refresh:
            reply["refresh_token"] = f"refresh-{n}-4b8a03f6"
        if self.server.expires_in is not None:
            reply["expires_in"] = self.server.expires_in
        self.server.issued += [v for k, v in reply.items() if k.endswith("_token")]
        self.reply(200, json.dumps(reply).encode(), {"Content-Type": "application/json"})


@contextmanager
def auth_server(expires_in: int | None = 3600) -> Iterator[AuthServer]:
    with running(AuthServer(expires_in)) as server:
        assert isinstance(server, AuthServer)
        yield server


class Browser:
    """Like ``webbrowser.open``: returns at once, and the page loads in another thread with a
    real GET that follows the 302 to the app's loopback listener. ``follow=False`` is a user
    who never finishes signing in."""

    def __init__(self, follow: bool = True) -> None:
        self.follow = follow
        self.opened: list[str] = []
        self.pages: list[requests.Response] = []
        self.threads: list[threading.Thread] = []

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        if self.follow:
            thread = threading.Thread(target=self._load, args=(url,), daemon=True)
            self.threads.append(thread)
            thread.start()
        return True

    def _load(self, url: str) -> None:
        self.pages.append(requests.get(url, timeout=5))

    def join(self) -> None:
        for thread in self.threads:
            thread.join(5)


class MemoryKeyring(KeyringBackend):
    """A keyring backend in a dict, so the real KeyringStore (parts and all) runs in tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Make a MemoryKeyring the process's keyring for the duration (credentials.open_store then
    returns a KeyringStore on it), and put the previous backend back."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
