"""The Linux desktop integration files: valid for the desktop tools, consistent with each other,
and matching the files a user double-clicks."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.motifstudio.MotifStudio"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
SYSTEM_MIME = Path("/usr/share/mime/packages/freedesktop.org.xml")


def _run_validator(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (bash packaging/system-deps.sh --test installs it)")
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=60)


def test_desktop_entry_is_valid() -> None:
    result = _run_validator("desktop-file-validate", str(LINUX / f"{APP_ID}.desktop"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no warnings either


def test_appstream_metainfo_is_valid() -> None:
    result = _run_validator(
        "appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout


def test_the_validators_see_a_broken_desktop_entry(tmp_path: Path) -> None:
    broken = tmp_path / f"{APP_ID}.desktop"
    broken.write_text("[Desktop Entry]\nType=Application\nExec=motif-studio\n")  # no Name
    assert _run_validator("desktop-file-validate", str(broken)).returncode != 0


@pytest.mark.parametrize("size", SIZES)
def test_icon_exists_at_each_size_as_a_square_png(size: int) -> None:
    path = ICONS / f"{size}x{size}" / f"{APP_ID}.png"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        # Rounded corners: the corner pixel is transparent, the centre is opaque.
        assert image.getpixel((0, 0))[3] == 0
        assert image.getpixel((size // 2, size // 2))[3] == 255


def test_scalable_icon_is_an_svg() -> None:
    root = ET.parse(ICONS / f"{APP_ID}.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 512 512"


def _desktop_keys() -> dict[str, str]:
    lines = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def _mime_globs(path: Path) -> list[tuple[str, int, str]]:
    """``(pattern, weight, type)`` for each glob of a shared-mime-info package file."""
    out = []
    for mime in ET.parse(path).getroot().iter(f"{MIME_NS}mime-type"):
        for glob in mime.iter(f"{MIME_NS}glob"):
            out.append((glob.get("pattern", ""), int(glob.get("weight", "50")), mime.get("type")))
    return out


def _type_of(name: str, globs: list[tuple[str, int, str]]) -> str | None:
    """The glob match shared-mime-info picks: highest weight, then longest pattern."""
    hits = [g for g in globs if fnmatch.fnmatch(name.lower(), g[0].lower())]
    if not hits:
        return None
    return max(hits, key=lambda g: (g[1], len(g[0])))[2]


def _all_globs() -> list[tuple[str, int, str]]:
    ours = _mime_globs(LINUX / f"{APP_ID}.mime.xml")
    if SYSTEM_MIME.is_file():
        return ours + _mime_globs(SYSTEM_MIME)
    # Without the system database, the types ours must beat.
    return [*ours, ("*.svg", 50, "image/svg+xml"), ("*.json", 50, "application/json")]


def test_mime_globs_match_the_sample_files(samples_dir: Path, tmp_path: Path) -> None:
    globs = _all_globs()
    for folder in sorted(p for p in samples_dir.iterdir() if p.is_dir()):
        (brief,) = folder.glob("*.brief.json")
        assert _type_of(brief.name, globs) == "application/x-motif-brief+json"
        design = folder / "sample-design.motif.svg"
        assert _type_of(design.name, globs) == "application/x-motif-design"
    package = tmp_path / "Summer-Contest.BRIEF"
    with zipfile.ZipFile(package, "w") as zf:
        zf.write(samples_dir / "lafraise-tee" / "lafraise-tee.brief.json", "brief.json")
    assert _type_of(package.name, globs) == "application/x-motif-brief"
    assert _type_of("plain.svg", globs) == "image/svg+xml"
    assert _type_of("data.json", globs) == "application/json"


def test_mime_magic_recognises_a_renamed_design(fraise_design_path: Path) -> None:
    root = ET.parse(LINUX / f"{APP_ID}.mime.xml").getroot()
    (match,) = root.iter(f"{MIME_NS}match")
    start, end = (int(n) for n in match.get("offset", "0:0").split(":"))
    assert match.get("value", "").encode() in fraise_design_path.read_bytes()[start:end]


def test_desktop_entry_metainfo_and_mime_agree() -> None:
    keys = _desktop_keys()
    declared = {t for t in keys["MimeType"].split(";") if t}
    defined = {g[2] for g in _mime_globs(LINUX / f"{APP_ID}.mime.xml")}
    meta = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    provided = {m.text for m in meta.iter("mediatype")}
    assert declared == defined == provided
    assert keys["Icon"] == APP_ID
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert "%f" in keys["Exec"] or "%F" in keys["Exec"]


def test_mime_database_built_from_our_types(tmp_path: Path) -> None:
    """shared-mime-info's own compiler accepts the file and registers globs and magic."""
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database is not installed (Debian package shared-mime-info)")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(LINUX / f"{APP_ID}.mime.xml", packages / f"{APP_ID}.xml")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))  # else it notes the dir is unsearched
    result = subprocess.run(
        ["update-mime-database", str(tmp_path / "mime")], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert "60:application/x-motif-brief+json:*.brief.json" in globs
    assert "60:application/x-motif-design:*.motif.svg" in globs
    assert "50:application/x-motif-brief:*.brief" in globs
    subclasses = (tmp_path / "mime" / "subclasses").read_text(encoding="utf-8")
    assert "application/x-motif-design image/svg+xml" in subclasses
    assert b"urn:motif-studio:design:1" in (tmp_path / "mime" / "magic").read_bytes()


def test_flatpak_manifest_names_files_that_exist() -> None:
    """The manifest is not built here; at least its app id and every file it installs hold."""
    yaml = pytest.importorskip("yaml")
    manifest = yaml.safe_load((ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml").read_text())
    assert manifest["app-id"] == APP_ID
    (app,) = [m for m in manifest["modules"] if isinstance(m, dict)]
    commands = " ".join(app["build-commands"])
    named = set(re.findall(r"(?:packaging|resources)/[\w./-]+", commands))
    assert named, commands
    for path in named:
        assert (ROOT / path).exists(), path


def test_windows_and_macos_icons_carry_every_size() -> None:
    with Image.open(ICONS / "motif-studio.ico") as ico:
        assert {16, 32, 48, 256} <= {w for w, h in ico.info["sizes"] if w == h}
    with Image.open(ICONS / "motif-studio.icns") as icns:
        assert {16, 32, 128, 256, 512} <= {w for w, h, _ in icns.info["sizes"] if w == h}
