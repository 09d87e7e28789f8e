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

from studio.connectors.errors import AuthRequired, Cancelled, ServerError
from studio.connectors.http import ConnectorSession, network_errors, short_body
from studio.i18n import N_, _, translations

DONE_PAGE = b"<html><body><p>Signed in. You can close this tab and return to Motif Studio.</p>"
NOT_DONE_PAGE = (
    b"<html><body><p>The sign-in did not complete. Return to Motif Studio to see why.</p>"
)
POLL = 0.1
"""Seconds between two looks at the deadline and the ``cancelled`` hook while waiting."""

REFUSALS = {
    "access_denied": N_("access was denied (you or the platform said no)"),
    "invalid_scope": N_("the platform does not grant the access this connector asks for"),
    "unauthorized_client": N_("the platform does not let this app sign in this way"),
    "invalid_request": N_("the platform found the sign-in request malformed"),
    "server_error": N_("the platform failed while signing in; try again later"),
    "temporarily_unavailable": N_("the platform is busy; try again later"),
}
"""RFC 6749 section 4.1.2.1 error codes, said in plain words (others are shown as they come)."""


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
    timeout = 5.0  # a browser's idle preconnect must not hold the loop (and the cancel) up

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        if not query:  # a favicon or a stray request: keep waiting for the redirect itself
            self.send_error(404)
            return
        self.server.query = query
        page = DONE_PAGE if "code" in query else NOT_DONE_PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)


def authorize(
    config: OAuthConfig,
    open_browser: Callable[[str], object] = webbrowser.open,
    timeout: float = 300.0,
    session: requests.Session | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Tokens:
    """Run the whole sign-in; raises AuthRequired if the user refuses or time runs out.

    ``open_browser`` gets the authorize URL and must return at once (as ``webbrowser.open``
    does). ``cancelled`` is asked every ``POLL`` seconds while we wait for the browser, and once
    more before the code is exchanged; when it says True the loopback port is closed and
    :class:`Cancelled` is raised (the GUI passes its task's ``cancel.is_set``).
    """
    stop = cancelled or (lambda: False)
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(16)
    server = _Redirect(("127.0.0.1", 0), _Handler)
    server.timeout = POLL
    redirect_uri = f"http://127.0.0.1:{server.server_address[1]}/"
    params = {
        "response_type": "code", "client_id": config.client_id, "redirect_uri": redirect_uri,
        "scope": " ".join(config.scopes), "state": state, "code_challenge": challenge,
        "code_challenge_method": "S256",
    }  # fmt: skip
    try:
        open_browser(f"{config.authorize_url}?{urlencode(params)}")
        deadline = time.monotonic() + timeout
        while server.query is None and time.monotonic() < deadline and not stop():
            server.handle_request()
        query = server.query
    finally:
        server.server_close()
    if stop():
        raise Cancelled(_("sign-in cancelled"))
    if query is None:
        raise AuthRequired(_("sign-in timed out: no answer from the browser"))
    if query.get("state", [""])[0] != state:
        raise AuthRequired(_("sign-in answer does not match our request (state)"))
    if "code" not in query:
        raise AuthRequired(_("sign-in refused: {reason}").format(reason=refusal_reason(query)))
    return _token_request(config, session, {
        "grant_type": "authorization_code", "code": query["code"][0],
        "redirect_uri": redirect_uri, "code_verifier": verifier,
    })  # fmt: skip


def refusal_reason(query: dict[str, list[str]]) -> str:
    """The platform's ``error`` in plain words, with its ``error_description`` if it sent one."""
    code = query.get("error", [""])[0]
    known = REFUSALS.get(code)
    reason = translations().gettext(known) if known else code or _("the answer has no code")
    description = " ".join(query.get("error_description", [""])[0].split())[:200]
    return f"{reason} ({description})" if description else reason


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
