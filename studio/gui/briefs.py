"""Opening briefs and designs with their briefs: signatures and trust prompts, the brief a lone
design answers, newer versions of it, and the "New brief" editor.

The decisions are the core's (``studio.brands.opening``, ``locate``, ``diff``); this module asks
the creator the questions they raise and tells the window what to show.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from studio.brief.model import Brief
from studio.document.fileio import load_document
from studio.document.model import Document
from studio.errors import InputError
from studio.gui import deferred
from studio.gui.i18n import tr

if TYPE_CHECKING:  # studio.brands (jsonschema, cryptography, babel) loads on first use
    from studio.brands.diff import BriefUpdate
    from studio.brands.locate import BriefLookup, KnownBrief
    from studio.brands.opening import CheckedBrief, Level
    from studio.gui.brief_editor import BriefEditor
    from studio.gui.mainwindow import MainWindow

Icon = QMessageBox.Icon


def choose(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    choices: list[tuple[str, str]],
    default: str,
    details: str = "",
) -> str:
    """Ask with buttons ``(key, label)``; returns the key clicked (``cancel`` on Escape).
    Tests replace this one function to answer the questions."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(details)
    keys = {}
    for key, label in choices:
        role = (
            QMessageBox.ButtonRole.RejectRole
            if key in ("cancel", "ok")
            else QMessageBox.ButtonRole.AcceptRole
        )
        button = box.addButton(label, role)
        keys[id(button)] = key
        if key == default:
            box.setDefaultButton(button)
        if key in ("cancel", "ok"):
            box.setEscapeButton(button)
    box.exec()
    clicked = box.clickedButton()
    return keys.get(id(clicked), "cancel") if clicked is not None else "cancel"


def keep_copy(brief: Brief) -> None:
    """Keep a copy of ``brief`` for later diffs; a full disk only loses that later diff."""
    from studio.brands.cache import remember_brief

    with contextlib.suppress(InputError, OSError):
        remember_brief(brief)


class BriefFlow(QObject):
    """The window's brief-related flows; ``window.open_path`` hands briefs and designs here."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctrl = window.ctrl
        self.editor: BriefEditor | None = None
        self.ctrl.brief_changed.connect(self.refresh_brief_views)

    # --- briefs --------------------------------------------------------------------------
    def open_brief(self, path: str | Path) -> bool:
        """Check the brief's signature, ask about its key, then either move the open design
        to this new version or start a new design from it. False when nothing was opened."""
        from studio.brands.opening import check_brief
        from studio.brands.trust import BriefSignatureError

        path = Path(path)
        try:
            checked = check_brief(path)
        except BriefSignatureError as exc:
            choose(
                self.window,
                Icon.Critical,
                tr("Brief refused"),
                tr(
                    "This brief was changed after the brand signed it, so it cannot be trusted "
                    "and was not opened. Ask the brand for a fresh copy."
                ),
                [("ok", tr("OK"))],
                "ok",
                exc.one_line(),
            )
            return False
        except InputError as exc:
            choose(
                self.window,
                Icon.Warning,
                tr("Cannot open"),
                exc.one_line(),
                [("ok", tr("OK"))],
                "ok",
            )
            return False
        if not self.answer_trust(checked):
            return False
        self.window.store.add_recent("recent/briefs", path)
        handled = self.offer_update_of_open_design(checked.brief, checked.note())
        if handled is not None:
            return handled
        if not self.window.maybe_save():
            return False
        self.new_design(checked.brief, checked.note())
        return True

    def answer_trust(self, checked: CheckedBrief) -> bool:
        """First-use and changed keys: ask. False when the creator cancels."""
        from studio.brands.signing import group_fingerprint

        brand = checked.brief.brand_name or checked.brief.id
        key = group_fingerprint(checked.status.fingerprint)
        if checked.decision.state == "first-use":
            answer = choose(
                self.window,
                Icon.Question,
                tr("Trust this brand's key?"),
                tr(
                    "This brief is signed by {signer} with a key seen for the first time:\n\n"
                    "{key}\n\nTrust this key for the briefs of {brand}? Later briefs signed "
                    "with another key will then be flagged."
                ).format(signer=checked.signer, key=key, brand=brand),
                [
                    ("trust", tr("Trust and open")),
                    ("open", tr("Open without trusting")),
                    ("cancel", tr("Cancel")),
                ],
                "trust",
            )
        elif checked.decision.state == "key-changed":
            answer = choose(
                self.window,
                Icon.Critical,
                tr("Warning: the brand's key changed"),
                tr(
                    "{brand} signed its briefs with the key\n{old}\nbut this brief is signed "
                    "with another key:\n{key}\n\nIt may come from an impostor. Check with the "
                    "brand, by another channel, before you trust it."
                ).format(brand=brand, old=group_fingerprint(checked.decision.pinned), key=key),
                [
                    ("cancel", tr("Cancel")),
                    ("open", tr("Open without trusting")),
                    ("trust", tr("Trust the new key")),
                ],
                "cancel",
            )
        else:
            return True
        if answer == "trust":
            checked.trust()
        return answer != "cancel"

    def new_design(self, brief: Brief, note: tuple[Level, str] | None = None) -> None:
        """A new design from ``brief``; a copy of the brief is kept to diff later versions."""
        keep_copy(brief)
        if note is not None:
            self.window.brief_panel.set_signature(brief, *note)
        self.ctrl.new_from_brief(brief)

    def offer_update_of_open_design(self, brief: Brief, note: tuple[Level, str]) -> bool | None:
        """A new version of the open design's brief: offer to use it. ``None``: not that case
        (or the creator wants a new design); True/False: handled, opened or not."""
        from studio.brands.diff import brief_update_for
        from studio.gui.brief_update import NEW_DESIGN

        if not self.ctrl.has_document:
            return None
        update = brief_update_for(self.ctrl.doc, brief)
        if update is None:
            return None
        result = self.ask_update(update, offer_new_design=True)
        if result == NEW_DESIGN:
            return None
        if result == QDialog.DialogCode.Accepted:
            self.use_version(brief, note)
            return True
        return False

    def ask_update(self, update: BriefUpdate, offer_new_design: bool = False) -> int:
        from studio.gui.brief_update import BriefUpdateDialog

        dialog = BriefUpdateDialog(update, self.window, offer_new_design)
        try:
            return int(dialog.exec())
        finally:
            dialog.deleteLater()

    def use_version(self, brief: Brief, note: tuple[Level, str] | None) -> None:
        """Move the open design to ``brief`` (undoable); the checks see the new brief."""
        from studio.gui.brief_update import SetBriefLink

        if note is not None:
            self.window.brief_panel.set_signature(brief, *note)
        keep_copy(brief)
        self.ctrl.stack.push(SetBriefLink(self.ctrl, brief))

    def refresh_brief_views(self) -> None:
        """After the design's brief changed: the panel, the canvas decor and the garments."""
        w, brief = self.window, self.ctrl.brief
        w.brief_panel.show_brief(brief)
        w.scene.rebuild()
        w.garment_box.blockSignals(True)
        w.garment_box.clear()
        if brief is not None and brief.mockup:
            for color in brief.garment_colors:
                w.garment_box.addItem(color.name, color.color)
        w.garment_box.blockSignals(False)
        w.garment_action.setVisible(w.garment_box.count() > 0)

    # --- designs -------------------------------------------------------------------------
    def open_design(self, path: str | Path, brief_later: bool = False) -> None:
        """Open a design with the brief it answers, found wherever it is kept; then offer the
        newest version of that brief if one is known. Raises InputError for a bad file.

        ``brief_later`` (the design given at start): the design shows at once and its brief is
        looked for after the window's first frame. Finding it reads and validates every brief
        around and checks signatures; the first frame shows "looking for the brief" instead."""
        path = Path(path)
        doc = load_document(path)
        self.ctrl.brief = None
        if brief_later and doc.brief is not None:
            self.ctrl.set_document(doc, path, None, brief_pending=True)
            deferred.after_first_frame(lambda: self.find_brief(doc, path))
            return
        lookup = self._lookup(doc, path)
        self.ctrl.set_document(doc, path, self._best(lookup))
        self._offer_newest(doc, lookup)

    def find_brief(self, doc: Document, path: Path) -> None:
        """The deferred half of :meth:`open_design`: attach the brief ``doc`` answers (unless
        another design was opened meanwhile), then offer its newest version."""
        if not (self.ctrl.brief_pending and self.ctrl.has_document and self.ctrl.doc is doc):
            return
        lookup = self._lookup(doc, path)
        self.ctrl.attach_brief(self._best(lookup))
        # The garment's mock-up widens the scene: centred again, at the zoom it opened with.
        self.window.view.centerOn(doc.width / 2, doc.height / 2)
        self._offer_newest(doc, lookup)

    def _lookup(self, doc: Document, path: Path) -> BriefLookup | None:
        if doc.brief is None:
            return None
        from studio.brands.locate import locate_brief

        return locate_brief(doc.brief, path, self.window.store.get("recent/briefs"))

    def _best(self, lookup: BriefLookup | None) -> Brief | None:
        """The brief to show with the design, its signature line recorded for the panel."""
        best = lookup.best if lookup is not None else None
        if best is None:
            return None
        self.window.brief_panel.set_signature(best.brief, *self.note_for(best))
        return best.brief

    def _offer_newest(self, doc: Document, lookup: BriefLookup | None) -> None:
        if lookup is None or lookup.newest is None:
            return
        update = lookup.update(doc)
        if update is not None and self.ask_update(update) == QDialog.DialogCode.Accepted:
            self.use_version(lookup.newest.brief, self.note_for(lookup.newest))

    def note_for(self, known: KnownBrief) -> tuple[Level, str]:
        """The signature line of a brief found on disk (checked again, never pinned here)."""
        from studio.brands.opening import check_brief

        if known.path is None:
            return "info", tr("The copy of the brief kept when this design was made.")
        try:
            checked = check_brief(known.path)
        except InputError:
            return "danger", tr("The brief file next to this design fails its signature check.")
        return checked.note()

    # --- new brief -----------------------------------------------------------------------
    def new_brief_dialog(self) -> None:
        from studio.gui.brief_editor import BriefEditor

        if self.editor is None:
            self.editor = BriefEditor(parent=self.window)
            self.editor.setWindowFlag(Qt.WindowType.Window, True)
            self.editor.tryIt.connect(self.try_draft)
            self.editor.resize(1100, 760)
        self.editor.show()
        self.editor.raise_()
        self.editor.activateWindow()

    def try_draft(self, brief: Brief) -> None:
        """The brief editor's "Try it": a new design from the draft, as a creator would see it."""
        if not self.window.maybe_save():
            return
        note: tuple[Level, str] = (
            "info",
            tr("Draft brief from the brief editor: not signed, not published."),
        )
        self.new_design(brief, note)
        self.window.raise_()
        self.window.activateWindow()
