"""``motif-studio export``: exact pixel sizes, DPI and sRGB in the file, clear refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from studio.cli.main import main


def _profile_name(icc: bytes) -> str:
    import io

    from PIL import ImageCms

    return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))


def test_png_at_the_brief_pixel_size(
    tmp_path: Path, fraise_design_path: Path, fraise_brief_path: Path
) -> None:
    out = tmp_path / "print.png"
    assert (
        main(
            [
                "export",
                str(fraise_design_path),
                "--brief",
                str(fraise_brief_path),
                "--format",
                "png",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    with Image.open(out) as im:
        assert im.size == (3600, 4800)
        assert im.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert "sRGB" in _profile_name(im.info["icc_profile"])


def test_jpeg_at_a_chosen_dpi(tmp_path: Path, fraise_design_path: Path) -> None:
    out = tmp_path / "small.jpg"
    assert main(["export", str(fraise_design_path), "--dpi", "50", "-o", str(out)]) == 0
    with Image.open(out) as im:
        assert im.format == "JPEG" and im.size == (600, 800)
        assert im.info["dpi"] == (50, 50)
        assert "sRGB" in _profile_name(im.info["icc_profile"])


def test_plain_svg_is_a_design(tmp_path: Path) -> None:
    svg = tmp_path / "plain.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="2in" height="1in">'
        '<rect width="100%" height="100%" fill="#ff0000"/></svg>'
    )
    out = tmp_path / "plain.png"
    assert main(["export", str(svg), "--dpi", "100", "-o", str(out)]) == 0
    with Image.open(out) as im:
        assert im.size == (200, 100)
        assert im.convert("RGB").getpixel((100, 50)) == (255, 0, 0)


def test_svg_export_is_the_renderable_design(tmp_path: Path, fraise_design_path: Path) -> None:
    out = tmp_path / "x.svg"
    assert main(["export", str(fraise_design_path), "-o", str(out)]) == 0
    text = out.read_text()
    assert 'motif:required="logo"' in text and text.startswith("<?xml")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not xml at all", "malformed XML"),
        (b"<html/>", "not an SVG"),
    ],
)
def test_bad_designs_exit_2_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.svg"
    bad.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "studio", "export", str(bad), "-o", str(tmp_path / "o.png")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and message in lines[0]
    assert not (tmp_path / "o.png").exists()


def test_missing_design(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "nope.svg"), "-o", str(tmp_path / "o.png")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_demo_writes_the_deliverables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "print.png").is_file() and (tmp_path / "vector.pdf").is_file()
    assert "wrote" in capsys.readouterr().out
