"""``motif-studio connectors sign-in ID`` / ``sign-out ID`` against a real authorization server
on 127.0.0.1: the address is printed (a user on another screen can paste it), the browser's
GET really reaches our loopback listener, the tokens land in the keyring, and the exit codes
follow the other connectors commands (0 done, 1 sign-in failed, 2 bad input)."""

from __future__ import annotations

import io
import json
import sys
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers.oauth import AuthServer, Browser, MemoryKeyring, auth_server, memory_keyring

from studio.cli.main import main
from studio.connectors import tokens
from studio.connectors.credentials import SERVICE, KeyringStore
from studio.connectors.oauth import Tokens


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AuthServer]:
    """The authorization server, and a plugin folder with a connector that signs in there."""
    with auth_server() as running_server:
        package = tmp_path / "plugins" / "proj-teeplatform" / "teeplatform"
        package.mkdir(parents=True)
        manifest = running_server.manifest()
        (package / "motif-connector.json").write_text(json.dumps(manifest))
        monkeypatch.setenv("MOTIF_STUDIO_PLUGINS", str(tmp_path / "plugins"))
        yield running_server


@pytest.fixture
def backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as kept:
        yield kept


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    """The system browser: ``webbrowser.open`` loads the page as a browser would."""
    opened = Browser()
    monkeypatch.setattr(webbrowser, "open", opened)
    yield opened
    opened.join()


def test_sign_in_prints_the_address_and_keeps_the_tokens(
    server: AuthServer,
    backend: MemoryKeyring,
    browser: Browser,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["connectors", "sign-in", "teeplatform", "--timeout", "10"]) == 0
    out = capsys.readouterr().out
    assert browser.opened and browser.opened[0] in out.splitlines()
    assert out.strip().endswith("Signed in to Tee Platform.")
    access, refresh = server.issued
    assert backend.values[(SERVICE, "teeplatform/token")] == access
    assert backend.values[(SERVICE, "teeplatform/refresh_token")] == refresh
    assert access not in out and refresh not in out


class PastingUser(io.StringIO):
    """A terminal whose user opens the printed address in a browser on the same computer."""

    def __init__(self, browser: Browser) -> None:
        super().__init__()
        self.browser = browser

    def write(self, text: str) -> int:
        written = super().write(text)
        for line in self.getvalue().splitlines():
            if line.startswith("http://127.0.0.1:") and line not in self.browser.opened:
                self.browser(line)
        return written


def test_no_browser_only_prints_the_address_to_paste(
    server: AuthServer, backend: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_browser(url: str) -> bool:
        raise AssertionError("--no-browser opened a browser")

    monkeypatch.setattr(webbrowser, "open", no_browser)
    user = Browser()
    terminal = PastingUser(user)
    monkeypatch.setattr(sys, "stdout", terminal)
    code = main(["connectors", "sign-in", "teeplatform", "--no-browser", "--timeout", "10"])
    user.join()
    assert code == 0, terminal.getvalue()
    assert user.pages[0].status_code == 200
    assert tokens.load_tokens(KeyringStore(), "teeplatform") is not None


def test_a_refused_sign_in_exits_1_with_the_reason(
    server: AuthServer,
    backend: MemoryKeyring,
    browser: Browser,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.refuse, server.refuse_description = "access_denied", "The user said no."
    assert main(["connectors", "sign-in", "teeplatform", "--timeout", "10"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        "Sign-in refused: access was denied (you or the platform said no) (The user said no.)"
    )
    assert backend.values == {}


def test_sign_out_removes_the_tokens(
    server: AuthServer, backend: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    tokens.save_tokens(KeyringStore(), "teeplatform", Tokens("a-1", "r-1", 1e10))
    assert main(["connectors", "sign-out", "teeplatform"]) == 0
    assert backend.values == {}
    assert "Signed out of Tee Platform" in capsys.readouterr().out
    assert main(["connectors", "sign-out", "teeplatform"]) == 0
    assert "not signed in, nothing to remove" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("connector_id", "message"),
    [("nope", "no connector with id 'nope'"), ("folder", "does not sign in with the browser")],
)
def test_unknown_or_non_oauth_connectors_are_bad_input(
    server: AuthServer,
    backend: MemoryKeyring,
    browser: Browser,
    capsys: pytest.CaptureFixture[str],
    connector_id: str,
    message: str,
) -> None:
    for command in ("sign-in", "sign-out"):
        assert main(["connectors", command, connector_id]) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1
    assert browser.opened == []


def test_without_a_keyring_sign_in_refuses_before_opening_the_browser(
    server: AuthServer, browser: Browser, capsys: pytest.CaptureFixture[str]
) -> None:  # the suite's keyring is the "fail" backend: tokens would die with the process
    assert main(["connectors", "sign-in", "teeplatform"]) == 1
    assert "No system keyring" in capsys.readouterr().err
    assert browser.opened == [] and server.authorize_queries == []
