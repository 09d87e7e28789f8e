"""OAuth 2 for a desktop app (RFC 8252): the system browser, a loopback redirect, PKCE S256.

The user signs in in their own browser (never an embedded web view, which platforms block and
users rightly distrust). We listen on a free 127.0.0.1 port for the one redirect, check
``state``, and exchange the code with the PKCE verifier, so an intercepted code is useless.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from studio.connectors.errors import AuthRequired, ServerError
from studio.connectors.http import ConnectorSession, network_errors, short_body
from studio.i18n import _

DONE_PAGE = b"<html><body><p>Signed in. You can close this tab and return to Motif Studio.</p>"


@dataclass(frozen=True)
class OAuthConfig:
    authorize_url: str
    token_url: str
    client_id: str
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str | None
    expires_at: float | None

    def expired(self, now: float, margin: float = 60.0) -> bool:
        return self.expires_at is not None and now >= self.expires_at - margin


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge) as RFC 7636 defines them."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class _Redirect(HTTPServer):
    query: dict[str, list[str]] | None = None


class _Handler(BaseHTTPRequestHandler):
    server: _Redirect

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.server.query = parse_qs(urlsplit(self.path).query)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(DONE_PAGE)))
        self.end_headers()
        self.wfile.write(DONE_PAGE)


def authorize(
    config: OAuthConfig,
    open_browser: Callable[[str], object] = webbrowser.open,
    timeout: float = 300.0,
    session: requests.Session | None = None,
) -> Tokens:
    """Run the whole sign-in; raises AuthRequired if the user refuses or time runs out."""
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(16)
    server = _Redirect(("127.0.0.1", 0), _Handler)
    server.timeout = 0.2
    redirect_uri = f"http://127.0.0.1:{server.server_address[1]}/"
    params = {
        "response_type": "code", "client_id": config.client_id, "redirect_uri": redirect_uri,
        "scope": " ".join(config.scopes), "state": state, "code_challenge": challenge,
        "code_challenge_method": "S256",
    }  # fmt: skip
    try:
        open_browser(f"{config.authorize_url}?{urlencode(params)}")
        deadline = time.monotonic() + timeout
        while server.query is None and time.monotonic() < deadline:
            server.handle_request()
        query = server.query
    finally:
        server.server_close()
    if query is None:
        raise AuthRequired(_("sign-in timed out: no answer from the browser"))
    if query.get("state", [""])[0] != state:
        raise AuthRequired(_("sign-in answer does not match our request (state)"))
    if "code" not in query:
        raise AuthRequired(
            _("sign-in refused: {reason}").format(reason=query.get("error", ["no code"])[0])
        )
    return _token_request(config, session, {
        "grant_type": "authorization_code", "code": query["code"][0],
        "redirect_uri": redirect_uri, "code_verifier": verifier,
    })  # fmt: skip


def refresh(
    config: OAuthConfig,
    tokens: Tokens,
    session: requests.Session | None = None,
    now: Callable[[], float] = time.time,
) -> Tokens:
    """New tokens from the refresh token; keeps the old refresh token if none is returned.

    ``now`` is the clock ``expires_at`` is computed on (the outbox passes its own, tests a fake).
    """
    if not tokens.refresh_token:
        raise AuthRequired(_("the sign-in expired; please sign in again"))
    fresh = _token_request(
        config,
        session,
        {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token},
        now,
    )
    return Tokens(fresh.access_token, fresh.refresh_token or tokens.refresh_token, fresh.expires_at)


def _token_request(
    config: OAuthConfig,
    session: requests.Session | None,
    data: dict[str, str],
    now: Callable[[], float] = time.time,
) -> Tokens:
    http = session or ConnectorSession()
    with network_errors():
        response = http.post(config.token_url, data={**data, "client_id": config.client_id})
    if response.status_code >= 500:  # the server failed, not the grant: worth a later retry
        raise ServerError(
            _("token request failed: HTTP {status}").format(status=response.status_code)
        )
    if response.status_code != 200:
        raise AuthRequired(_("token request refused: HTTP {status}: {body}").format(
                status=response.status_code, body=short_body(response)
            ))  # fmt: skip
    try:
        reply = response.json()
        access = str(reply["access_token"])
    except (ValueError, KeyError, TypeError):
        raise AuthRequired(_("the token reply has no access_token")) from None
    expires = reply.get("expires_in")
    expires_at = now() + float(expires) if isinstance(expires, int | float) else None
    refresh_token = reply.get("refresh_token")
    return Tokens(access, str(refresh_token) if refresh_token else None, expires_at)
