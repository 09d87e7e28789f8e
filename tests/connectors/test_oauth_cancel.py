"""The core sign-in can be cancelled while it waits for the browser, ignores stray requests to
its loopback port, and explains a refusal in plain words (real servers on 127.0.0.1)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from servers.oauth import AuthServer, Browser, auth_server

from studio.connectors import oauth, tokens
from studio.connectors.errors import AuthRequired, Cancelled
from studio.connectors.manifest import parse_manifest


@pytest.fixture
def config() -> Iterator[tuple[AuthServer, oauth.OAuthConfig]]:
    with auth_server() as server:
        yield server, tokens.config_for(parse_manifest(server.manifest()))


def _redirect_uri(url: str) -> str:
    return parse_qs(urlsplit(url).query)["redirect_uri"][0]


def test_cancel_while_waiting_closes_the_port_and_raises_cancelled(
    config: tuple[AuthServer, oauth.OAuthConfig],
) -> None:
    server, oauth_config = config
    cancel = threading.Event()
    stray: list[int] = []
    redirects: list[str] = []

    def user(url: str) -> None:  # a stray request (favicon, preconnect), then the user gives up
        redirects.append(_redirect_uri(url))
        stray.append(requests.get(redirects[0], timeout=5).status_code)
        cancel.set()

    def browser(url: str) -> None:
        threading.Thread(target=user, args=(url,), daemon=True).start()

    with pytest.raises(Cancelled, match="sign-in cancelled"):
        oauth.authorize(oauth_config, browser, 10, None, cancelled=cancel.is_set)
    assert stray == [404]  # it did not end the wait: only the cancel did
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{redirects[0]}?code=late", timeout=2)
    assert server.grants == {}


def test_the_old_positional_call_still_signs_in(
    config: tuple[AuthServer, oauth.OAuthConfig],
) -> None:
    server, oauth_config = config
    browser = Browser()
    signed = oauth.authorize(oauth_config, browser, 10, requests.Session())
    browser.join()
    assert (signed.access_token, signed.refresh_token) == tuple(server.issued)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("access_denied", "access was denied (you or the platform said no)"),
        ("invalid_scope", "the platform does not grant the access this connector asks for"),
        ("some_new_code", "some_new_code"),
    ],
)
def test_a_refusal_says_why(
    config: tuple[AuthServer, oauth.OAuthConfig], error: str, reason: str
) -> None:
    server, oauth_config = config
    server.refuse = error
    browser = Browser()
    with pytest.raises(AuthRequired) as refused:
        oauth.authorize(oauth_config, browser, timeout=10)
    browser.join()
    assert refused.value.message == f"sign-in refused: {reason}"
    assert server.issued == []
