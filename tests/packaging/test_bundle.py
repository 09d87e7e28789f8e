"""The built one-folder app runs on its own: no source tree, no venv, no PYTHONPATH.

Building takes a minute or two and 300 MB, so the default suite does not build: these tests run
when a bundle exists at dist/motif-studio (from ``bash packaging/build-linux.sh``), or when
``MOTIF_BUILD_BUNDLE=1`` is set, in which case they build it first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "motif-studio"
BUILD = os.environ.get("MOTIF_BUILD_BUNDLE") == "1"

pytestmark = [
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the bundle test drives the Linux build"
    ),
    pytest.mark.skipif(
        not BUILD and not (BUNDLE / "motif-studio").is_file(),
        reason="no bundle at dist/motif-studio: run bash packaging/build-linux.sh, "
        "or set MOTIF_BUILD_BUNDLE=1 to build it here",
    ),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the built app in a temporary folder, far from the source tree."""
    if BUILD:
        subprocess.run(["bash", str(ROOT / "packaging" / "build-linux.sh")], check=True)
    where = tmp_path_factory.mktemp("installed") / "motif-studio"
    shutil.copytree(BUNDLE, where, symlinks=True)
    yield where
    shutil.rmtree(where, ignore_errors=True)


def _run(bundle: Path, cwd: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """Run the frozen app as a user would: clean environment, no Python paths of ours."""
    home = cwd / "home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "MOTIF_STUDIO_LANG": lang,
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [str(bundle / "motif-studio"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bundle_carries_qt_platforms_and_resources(bundle: Path) -> None:
    internal = bundle / "_internal"
    platforms = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    for plugin in ("libqoffscreen.so", "libqxcb.so", "libqwayland.so"):
        assert (platforms / plugin).is_file(), plugin
    resources = internal / "resources"
    assert (resources / "schema" / "brief.schema.json").is_file()
    assert (resources / "icons" / "io.motifstudio.MotifStudio.svg").is_file()
    assert (resources / "locale" / "fr" / "LC_MESSAGES" / "motif-studio.mo").is_file()
    assert list((resources / "briefs").glob("*/*.brief.json"))
    assert (internal / "docs" / "guide" / "fr" / "creators.md").is_file()


def test_bundle_takes_a_screenshot_headless(
    bundle: Path, tmp_path: Path, fraise_design_path: Path
) -> None:
    design = tmp_path / "my design.motif.svg"
    shutil.copy(fraise_design_path, design)
    shot = tmp_path / "shot.png"
    result = _run(bundle, tmp_path, "--screenshot", str(shot), str(design))
    assert result.returncode == 0, result.stderr
    with Image.open(shot) as image:
        assert image.format == "PNG"
        assert image.width >= 640 and image.height >= 480
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
        # The design is on screen: far more than a blank window's handful of colours.
        assert colours is None or len(colours) > 50


def test_bundle_runs_the_headless_demo(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "demo", "-o", "out")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written and all((tmp_path / "out" / name).stat().st_size > 0 for name in written)


def test_bundle_speaks_french(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "export", "--help", lang="fr")
    assert result.returncode == 0, result.stderr
    assert "affiche cette aide et quitte" in result.stdout
    bad = _run(bundle, tmp_path, "export", "missing.motif.svg", "-o", "x.bmp", lang="fr")
    assert bad.returncode == 2
    assert "format impossible à deviner" in bad.stderr


def test_user_install_registers_the_app(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(home / "share")}
    script = ROOT / "packaging" / "linux" / "install-user.sh"
    subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True, timeout=300)
    desktop = home / "share" / "applications" / "io.motifstudio.MotifStudio.desktop"
    exec_line = next(x for x in desktop.read_text().splitlines() if x.startswith("Exec="))
    program = Path(exec_line.split("=", 1)[1].split()[0])
    assert program.is_file() and home in program.parents
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.startswith("motif-studio ")
    cache = (home / "share" / "applications" / "mimeinfo.cache").read_text()
    assert "application/x-motif-design=io.motifstudio.MotifStudio.desktop;" in cache
    subprocess.run(["bash", str(script), "--remove"], env=env, check=True, capture_output=True)
    assert not desktop.exists() and not program.exists()
