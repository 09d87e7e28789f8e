"""A file we cannot draw in bounded time ends with exit 2 and one line, never a hang."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio.errors import InputError
from studio.render.raster import render_image
from studio.safety.svg import sanitize_svg

ROOT = Path(__file__).resolve().parents[2]


def morphology(radius: float, operator: str = "erode") -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">'
            f'<filter id="f"><feMorphology operator="{operator}" radius="{radius}"/></filter>'
            f'<rect x="20" y="20" width="160" height="160" fill="green" filter="url(#f)"/>'
            f"</svg>").encode()


def export(svg: Path, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-m", "studio", "export", str(svg), "--format", "png", "--dpi", "240",
           "-o", str(tmp_path / "out.png")]
    return subprocess.run(cmd, capture_output=True, timeout=60, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env})


def test_slow_filter_is_stopped_at_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTIF_STUDIO_RENDER_TIMEOUT", "0.5")
    start = time.monotonic()
    with pytest.raises(InputError, match=r"took more than 0 s, so it was stopped"):
        render_image(morphology(50), 500, 500)  # about 35 s if left to run
    assert time.monotonic() - start < 10
    assert render_image(morphology(1), 50, 50).size == (50, 50)  # cheap filters still draw


def test_cli_stops_slow_render_with_exit_2_and_one_line(tmp_path: Path) -> None:
    svg = tmp_path / "slow.svg"
    svg.write_bytes(morphology(50))
    proc = export(svg, tmp_path, MOTIF_STUDIO_RENDER_TIMEOUT="1")
    lines = proc.stderr.decode().strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert "took more than 1 s" in lines[0] and not (tmp_path / "out.png").exists()


def test_cli_refuses_canvas_sized_dilation_at_once(tmp_path: Path) -> None:
    # (An erosion that wide leaves nothing and is drawn as such: see tests/render/test_compat.)
    svg = tmp_path / "huge.svg"
    svg.write_bytes(morphology(9999, "dilate"))
    proc = export(svg, tmp_path)
    lines = proc.stderr.decode().strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert "feMorphology radius 9999 is as large as the whole canvas" in lines[0]


def test_turbulence_octaves_are_clamped() -> None:
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><filter id="f">'
           b'<feTurbulence baseFrequency="0.05" numOctaves="100000"/></filter>'
           b'<rect width="20" height="20" filter="url(#f)"/></svg>')
    clean = sanitize_svg(svg, "noise.svg")
    assert b'numOctaves="10"' in clean
    assert render_image(clean, 40, 40).size == (40, 40)
