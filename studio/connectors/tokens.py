"""Keeps an OAuth 2 connector's access token fresh, so uploads never fail on a stale sign-in.

The worker calls :meth:`TokenKeeper.call` around each upload. Before it, an access token that
has expired (or will within a minute) is refreshed at the manifest's ``oauth2.token_url``; if
the platform still answers AuthRequired with a token that looked valid (revoked early, clock
skew), we refresh once and retry within the same attempt. A refresh the server refuses
(``invalid_grant``: revoked or expired refresh token) ends as AuthRequired "Sign in to X again",
which the outbox does not retry: only the user can fix it. New tokens go straight to the
credential store; they are never logged and never reach the outbox database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import requests

from studio.connectors import oauth
from studio.connectors.context import UploadContext
from studio.connectors.credentials import CredentialStore
from studio.connectors.errors import AuthRequired
from studio.connectors.manifest import Manifest
from studio.i18n import _

T = TypeVar("T")

ACCESS, REFRESH, EXPIRES = "token", "refresh_token", "expires_at"
"""Credential-store names: ``token`` is what connectors read with ``context.credential``."""
MARGIN = 60.0
"""Seconds before expiry at which a token counts as expired: an upload must not start on it."""


def config_for(manifest: Manifest) -> oauth.OAuthConfig:
    """The manifest's ``oauth2`` block as an OAuthConfig; AuthRequired if it has none."""
    block = manifest.oauth2
    if not block:
        raise AuthRequired(
            _("{name} signs in with OAuth 2 but its manifest has no oauth2 block").format(
                name=manifest.name
            )
        )
    return oauth.OAuthConfig(
        authorize_url=str(block["authorize_url"]),
        token_url=str(block["token_url"]),
        client_id=str(block["client_id"]),
        scopes=tuple(str(s) for s in block.get("scopes", ())),
    )


def load_tokens(store: CredentialStore, connector_id: str) -> oauth.Tokens | None:
    """The stored token set, or None if the user never signed in."""
    access = store.get(connector_id, ACCESS)
    if access is None:
        return None
    expires = store.get(connector_id, EXPIRES)
    try:
        expires_at = float(expires) if expires else None
    except ValueError:
        expires_at = 0.0  # unreadable: treat as expired, a refresh will fix it
    return oauth.Tokens(access, store.get(connector_id, REFRESH), expires_at)


def save_tokens(store: CredentialStore, connector_id: str, tokens: oauth.Tokens) -> None:
    """Store a token set (after sign-in or a refresh); call this from the sign-in flow too."""
    store.set(connector_id, ACCESS, tokens.access_token)
    if tokens.refresh_token:
        store.set(connector_id, REFRESH, tokens.refresh_token)
    if tokens.expires_at is None:
        store.delete(connector_id, EXPIRES)
    else:
        store.set(connector_id, EXPIRES, repr(tokens.expires_at))


@dataclass
class TokenKeeper:
    """Refreshes one connector's tokens around an upload; does nothing unless auth is oauth2."""

    manifest: Manifest
    store: CredentialStore
    now: Callable[[], float]
    session_factory: Callable[[], requests.Session]

    def call(self, context: UploadContext, upload: Callable[[], T]) -> T:
        """Run ``upload`` with a fresh access token in ``context``; refresh+retry once on 401."""
        if self.manifest.auth != "oauth2":
            return upload()
        tokens = load_tokens(self.store, self.manifest.id)
        if tokens is None:
            raise self._sign_in_again(_("not signed in"))
        if tokens.expired(self.now(), MARGIN):
            tokens = self._refresh(tokens, context)
        try:
            return upload()
        except AuthRequired:
            context.log.info("the platform refused the access token; refreshing it once")
            self._refresh(tokens, context)
        try:
            return upload()
        except AuthRequired as exc:
            raise self._sign_in_again(exc.message) from None

    def _refresh(self, tokens: oauth.Tokens, context: UploadContext) -> oauth.Tokens:
        config = config_for(self.manifest)
        try:
            fresh = oauth.refresh(config, tokens, self.session_factory(), self.now)
        except AuthRequired as exc:
            raise self._sign_in_again(exc.message) from None
        save_tokens(self.store, self.manifest.id, fresh)
        renewed = {ACCESS: fresh.access_token}
        if fresh.refresh_token:
            renewed[REFRESH] = fresh.refresh_token
        context.renew_credentials(renewed)
        return fresh

    def _sign_in_again(self, reason: str) -> AuthRequired:
        return AuthRequired(
            _("Sign in to {name} again: {reason}").format(name=self.manifest.name, reason=reason)
        )
