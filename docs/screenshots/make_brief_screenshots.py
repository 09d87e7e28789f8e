"""Regenerate welcome.png and brief-signed.png (offscreen, in a throw-away home):

PYTHONPATH=. python docs/screenshots/make_brief_screenshots.py docs/screenshots
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="motif-shots-"))
os.environ["HOME"] = str(HOME)
for var, sub in (
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CACHE_HOME", ".cache"),
):
    os.environ[var] = str(HOME / sub)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MOTIF_STUDIO_LANG", "en")


def main(out: Path) -> None:
    from studio.brands.authoring import pack_brief
    from studio.brands.keys import new_key
    from studio.brands.signing import sign_package
    from studio.gui import briefs
    from studio.gui.app import application
    from studio.gui.mainwindow import MainWindow
    from studio.samples import sample_brief_path, sample_design_path

    app = application()
    briefs.choose = lambda *args, **kwargs: "trust"  # answer "Trust and open"
    package = HOME / "Briefs" / "fraise-club-summer.brief"
    package.parent.mkdir()
    pack_brief(sample_brief_path(), package)
    package.write_bytes(
        sign_package(package, new_key("fraise", None, unencrypted=True), "Fraise Club")
    )
    window = MainWindow()
    window.resize(1280, 800)
    for sub in ("Designs/fraise-final", "Designs/fraise-first-try"):
        folder = HOME / sub
        folder.mkdir(parents=True)
        shutil.copy(sample_design_path(), folder / "sample-design.motif.svg")
        window.store.add_recent("recent/designs", folder / "sample-design.motif.svg")
    window.store.add_recent("recent/briefs", package)
    window.show_welcome()
    window.show()
    while not window.welcome.thumbnails_ready:
        app.processEvents()
    app.processEvents()
    window.grab().save(str(out / "welcome.png"))
    window.resize(1400, 880)
    assert window.open_path(package)
    app.processEvents()
    window.view.fit()
    app.processEvents()
    window.grab().save(str(out / "brief-signed.png"))
    window.ctrl.stack.setClean()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
