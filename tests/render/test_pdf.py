"""PDF page size to 0.01 mm, bleed boxes, and no fonts (text is outlines)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from studio.render.features import used_features
from studio.render.pdf import render_pdf
from studio.safety.svg import parse_svg

TEXT = (b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
        b'<rect width="200" height="100" fill="#fd0"/>'
        b'<text x="100" y="60" font-family="sans-serif" font-size="30" text-anchor="middle">'
        b'Hello <tspan font-weight="bold">print</tspan></text></svg>')
MM = 72 / 25.4


def boxes(pdf: bytes) -> dict[str, list[float]]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return {k: [float(v) / MM for v in page[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox")}


def test_page_is_trim_size() -> None:
    b = boxes(render_pdf(TEXT, width_mm=381.0, height_mm=457.2))
    assert b["/MediaBox"] == pytest.approx([0, 0, 381.0, 457.2], abs=0.01)
    assert b["/TrimBox"] == pytest.approx([0, 0, 381.0, 457.2], abs=0.01)


def test_bleed_boxes() -> None:
    b = boxes(render_pdf(TEXT, width_mm=210.0, height_mm=297.0, bleed_mm=3.0))
    assert b["/MediaBox"] == pytest.approx([0, 0, 216.0, 303.0], abs=0.01)
    assert b["/BleedBox"] == pytest.approx([0, 0, 216.0, 303.0], abs=0.01)
    assert b["/TrimBox"] == pytest.approx([3.0, 3.0, 213.0, 300.0], abs=0.01)


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs poppler-utils")
def test_no_fonts_in_pdf(tmp_path: object) -> None:
    pdf = render_pdf(TEXT, width_mm=100, height_mm=50)
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=False)
    if out.returncode != 0:  # older poppler cannot read stdin
        path = f"{tmp_path}/t.pdf"
        with open(path, "wb") as handle:
            handle.write(pdf)
        out = subprocess.run(["pdffonts", path], capture_output=True, check=True)
    lines = out.stdout.decode().strip().splitlines()
    assert len(lines) == 2, lines  # the header only
    assert b"/Font" not in pdf


def test_css_filter_functions_are_drawn_by_the_raster_fallback() -> None:
    root = parse_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" '
                     b'filter="hue-rotate(45deg)"/></svg>', None)
    assert "filter" in used_features(root)  # CairoSVG ignores filter functions
