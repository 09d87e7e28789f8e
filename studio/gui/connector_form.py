"""The settings dialog of one connector, rendered from :mod:`studio.connectors.settings_form`.

This widget only draws the field descriptors and shows the core's verdict; it never decides
what is valid. Secret fields are masked and their values go to the credential store on OK,
never into the returned settings (which the caller may keep in QSettings).

A connector whose manifest signs in with OAuth 2 gets a :class:`SignInPanel` instead of token
fields: the user signs in in the system browser (the core's :func:`studio.connectors.oauth.
authorize`, run off the GUI thread) and the tokens go straight to the credential store.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from html import escape
from typing import Any

from keyring.errors import KeyringError
from PySide6.QtCore import QDateTime, QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.connectors import oauth, tokens
from studio.connectors.credentials import CredentialStore
from studio.connectors.errors import AuthRequired, Cancelled, ConnectorError
from studio.connectors.manifest import Manifest
from studio.connectors.settings_form import Field, Raw, Result, fields_for, initial_text, validate
from studio.gui import worker
from studio.gui.i18n import tr

ERROR_STYLE = "color: #c62828;"
HELP_STYLE = "color: #555555;"
NOTICE_STYLE = "background: #fff4e0; border: 1px solid #e0b060; padding: 6px; color: #4a3000;"


class ConnectorForm(QDialog):
    """Edit one connector's settings; ``settings()`` after ``accepted`` holds the result."""

    def __init__(
        self,
        manifest: Manifest,
        credentials: CredentialStore,
        settings: dict[str, Any] | None = None,
        keyring_notice: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Configure {name}").format(name=manifest.name))
        self.setMinimumWidth(520)
        self._manifest = manifest
        self._credentials = credentials
        self._fields = fields_for(manifest, keyring=not keyring_notice)
        self._stored = frozenset(
            f.name for f in self._fields
            if f.secret and credentials.get(manifest.id, f.name) is not None
        )  # fmt: skip
        self._inputs: dict[str, QLineEdit | QCheckBox | QComboBox] = {}
        self._errors: dict[str, QLabel] = {}
        self._result: Result | None = None
        self._saved: dict[str, Any] = {}

        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{manifest.name}</b> {manifest.version}<br>{manifest.description}")
        title.setWordWrap(True)
        layout.addWidget(title)
        has_secrets = any(f.secret for f in self._fields)
        self.session_only: QCheckBox | None = None
        if keyring_notice and (has_secrets or manifest.auth == "oauth2"):
            notice = QLabel(keyring_notice)
            notice.setWordWrap(True)
            notice.setStyleSheet(NOTICE_STYLE)
            notice.setObjectName("keyringNotice")
            layout.addWidget(notice)
        if keyring_notice and has_secrets:
            self.session_only = QCheckBox(tr("Keep passwords and tokens for this session only"))
            self.session_only.toggled.connect(self._revalidate)
            layout.addWidget(self.session_only)
        self.sign_in: SignInPanel | None = None
        if manifest.auth == "oauth2":
            self.sign_in = SignInPanel(manifest, credentials, self)
            layout.addWidget(self.sign_in)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field in self._fields:
            form.addRow(self._label(field), self._row(field, settings or {}))
        layout.addLayout(form)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._revalidate()

    # -- building ---------------------------------------------------------------------------
    def _label(self, field: Field) -> QLabel:
        label = QLabel(f"{field.label}{' *' if field.required else ''}")
        label.setToolTip(field.help)
        return label

    def _row(self, field: Field, settings: dict[str, Any]) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget = self._input(field, initial_text(field, settings))
        widget.setObjectName(f"field_{field.name}")
        widget.setToolTip(field.help)
        self._inputs[field.name] = widget
        column.addWidget(widget)
        if field.help:
            help_label = QLabel(field.help)
            help_label.setWordWrap(True)
            help_label.setStyleSheet(HELP_STYLE)
            column.addWidget(help_label)
        error = QLabel()
        error.setObjectName(f"error_{field.name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self._errors[field.name] = error
        column.addWidget(error)
        return box

    def _input(self, field: Field, value: Raw) -> QLineEdit | QCheckBox | QComboBox:
        if field.kind == "boolean":
            check = QCheckBox()
            check.setChecked(bool(value))
            check.toggled.connect(self._revalidate)
            return check
        if field.kind == "enum":
            combo = QComboBox()
            combo.addItems([str(c) for c in field.choices])
            combo.setCurrentText(str(value))
            combo.currentTextChanged.connect(self._revalidate)
            return combo
        line = QLineEdit(str(value))
        if field.masked:
            line.setEchoMode(QLineEdit.EchoMode.Password)
        if field.secret and field.name in self._stored:
            line.setPlaceholderText(tr("stored; leave empty to keep"))
        elif field.default is not None:
            line.setPlaceholderText(str(field.default))
        elif field.kind == "url":
            line.setPlaceholderText("https://")
        line.textChanged.connect(self._revalidate)
        return line

    # -- state ------------------------------------------------------------------------------
    def raw_values(self) -> dict[str, Raw]:
        values: dict[str, Raw] = {}
        for name, widget in self._inputs.items():
            if isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentText()
            else:
                values[name] = widget.text()
        return values

    def _revalidate(self) -> None:
        result = validate(self._manifest, self._fields, self.raw_values(), self._stored)
        self._result = result
        for name, label in self._errors.items():
            message = result.errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
        general = [m for n, m in result.errors.items() if n not in self._errors]
        tick = self.session_only
        blocked = tick is not None and bool(result.secrets) and not tick.isChecked()
        if blocked:
            general.append("Tick “keep for this session only” to use what you typed, "
                           "or leave the secret fields empty.")  # fmt: skip
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(result.ok and not blocked)

    def accept(self) -> None:
        self._revalidate()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self._result is None or not ok.isEnabled():
            return
        for name, value in self._result.secrets.items():
            self._credentials.set(self._manifest.id, name, value)
        self._saved = dict(self._result.settings)
        super().accept()

    def done(self, result: int) -> None:
        """Closing the dialog (OK, Cancel, Escape) stops a sign-in still waiting for the browser."""
        if self.sign_in is not None:
            self.sign_in.cancel()
        super().done(result)

    def settings(self) -> dict[str, Any]:
        """The accepted settings; secrets are never among them."""
        return dict(self._saved)

    def error_text(self, name: str) -> str:
        """The message shown under field ``name`` (empty when it is fine)."""
        label = self._errors[name]
        return label.text() if label.isVisibleTo(self) else ""


def open_in_system_browser(url: str) -> bool:
    """Hand the address to the desktop's browser (in the GUI thread, as Qt wants)."""
    return QDesktopServices.openUrl(QUrl(url))


def _when(epoch: float) -> str:
    moment = QDateTime.fromSecsSinceEpoch(int(epoch))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def state_text(signed: oauth.Tokens | None, now: float) -> str:
    """What the panel says about a stored sign-in (never any part of a token)."""
    if signed is None:
        return tr("Not signed in")
    if signed.expires_at is None:
        return tr("Signed in")
    when = _when(signed.expires_at)
    if not signed.expired(now, margin=0.0):
        return tr("Signed in; the access is valid until {time}").format(time=when)
    if signed.refresh_token:
        return tr(
            "Signed in; the access expired at {time} and is renewed at the next upload"
        ).format(time=when)
    return tr("Signed in, but the access expired at {time}: sign in again").format(time=when)


def failure_text(error: BaseException) -> str:
    """A failed sign-in in plain words; our errors carry no secrets, others give their kind."""
    if isinstance(error, AuthRequired):  # "sign-in refused: ...", "...timed out": says it all
        return error.message[:1].upper() + error.message[1:]
    if isinstance(error, ConnectorError):
        reason = error.message
    elif isinstance(error, KeyringError):  # locked, or the unlock prompt was dismissed
        reason = tr("the system keyring refused to keep the tokens ({kind})").format(
            kind=type(error).__name__
        )
    elif isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
    else:
        reason = type(error).__name__
    return tr("Sign-in failed: {reason}").format(reason=reason)


class SignInPanel(QGroupBox):
    """Sign in with the browser / sign out, and what is stored now, for one OAuth 2 connector.

    ``open_browser`` is called in the GUI thread with the authorize address (tests replace it
    with a function that fetches the address as a browser would).
    """

    def __init__(
        self, manifest: Manifest, credentials: CredentialStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("Sign-in"), parent)
        self.setObjectName("signInPanel")
        self._manifest = manifest
        self._credentials = credentials
        self.open_browser: Callable[[str], object] = open_in_system_browser
        self.task: worker.Task | None = None

        self.state = QLabel()
        self.state.setObjectName("signInState")
        self.state.setWordWrap(True)
        self.sign_in_button = QPushButton(tr("Sign in with the browser…"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.clicked.connect(self.start)
        self.sign_out_button = QPushButton(tr("Sign out"))
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.setToolTip(tr("Forget the stored tokens of this connector"))
        self.sign_out_button.clicked.connect(self.sign_out)
        self.cancel_button = QPushButton(tr("Cancel sign-in"))
        self.cancel_button.setObjectName("cancelSignInButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.waiting = QLabel()
        self.waiting.setObjectName("signInWaiting")
        self.waiting.setWordWrap(True)
        self.waiting.setOpenExternalLinks(True)
        self.waiting.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.sign_out_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.state)
        column.addLayout(buttons)
        column.addWidget(self.waiting)
        column.addWidget(self.message)
        self._say("")
        self.refresh()

    # -- state ------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.task is not None and not self.task.done

    def signed_in(self) -> bool:
        return tokens.load_tokens(self._credentials, self._manifest.id) is not None

    def refresh(self) -> None:
        """Show what the credential store holds now, and the buttons that make sense."""
        stored = tokens.load_tokens(self._credentials, self._manifest.id)
        self.state.setText(state_text(stored, time.time()))
        busy = self.busy()
        self.sign_in_button.setEnabled(not busy)
        self.sign_out_button.setEnabled(stored is not None and not busy)
        self.cancel_button.setVisible(busy)
        self.waiting.setVisible(busy)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else HELP_STYLE)
        self.message.setVisible(bool(text))

    # -- actions ----------------------------------------------------------------------------
    def start(self) -> None:
        """Sign in: open the browser and wait for its answer in the thread pool."""
        if self.busy():
            return
        try:
            config = tokens.config_for(self._manifest)
        except ConnectorError as exc:
            self._say(failure_text(exc), error=True)
            return
        store, connector_id = self._credentials, self._manifest.id

        def work(progress: worker.Progress, cancel: threading.Event) -> oauth.Tokens:
            signed = oauth.authorize(
                config, open_browser=lambda url: progress(0.0, url), cancelled=cancel.is_set
            )
            tokens.save_tokens(store, connector_id, signed)
            return signed

        self._say("")
        self.waiting.setText(tr("Waiting for the browser… Finish signing in there."))
        self.cancel_button.setEnabled(True)
        self.task = worker.run_in_background(work, self._done, self._failed, self._browse)
        self.refresh()

    def _browse(self, fraction: float, url: str) -> None:
        self.waiting.setText(
            tr("Waiting for the browser… Finish signing in there.")
            + "<br><small>"
            + tr("No browser opened? Open this address:")
            + f' <a href="{escape(url)}">{escape(_ellipsis(url))}</a></small>'
        )
        self.open_browser(url)

    def _done(self, signed: oauth.Tokens) -> None:
        self._say(tr("Signed in to {name}.").format(name=self._manifest.name))
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self._say(tr("Sign-in cancelled."))
        else:
            self._say(failure_text(error), error=True)
        self.refresh()

    def cancel(self) -> None:
        """Stop waiting for the browser; the loopback port closes within a tenth of a second."""
        if self.busy():
            assert self.task is not None
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.waiting.setText(tr("Cancelling…"))

    def sign_out(self) -> None:
        """Forget this connector's tokens (the platform may keep the app authorised: revoke
        it there to cut it off completely)."""
        for name in (tokens.ACCESS, tokens.REFRESH, tokens.EXPIRES):
            self._credentials.delete(self._manifest.id, name)
        self._say(tr("Signed out: the stored tokens were removed."))
        self.refresh()


def _ellipsis(url: str, keep: int = 60) -> str:
    return url if len(url) <= keep else url[: keep - 1] + "…"
