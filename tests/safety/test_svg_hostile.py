"""Hostile SVG ends in InputError with a clear line, before any renderer sees it."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from studio.errors import InputError
from studio.safety.svg import parse_svg, sanitize_svg, sanitize_svg_report

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk


def refused(data: bytes | str, match: str, **kw: object) -> InputError:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(InputError, match=match) as info:
        sanitize_svg(raw, "hostile.svg", **kw)  # type: ignore[arg-type]
    assert "\n" not in str(info.value) and str(info.value).startswith("hostile.svg: ")
    return info.value


def test_billion_laughs() -> None:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    refused(f"<!DOCTYPE svg [{ents}]>{SVG}><text>&lol9;</text></svg>", "entity bomb")


def test_internal_entities_from_illustrator_are_fine() -> None:
    doc = ('<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg">]>'
           '<svg xmlns="&ns_svg;" width="10" height="10"><rect width="5" height="5"/></svg>')
    assert b'<rect width="5" height="5"/>' in sanitize_svg(doc.encode(), "ai.svg")


def test_external_entity() -> None:
    refused(f'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>{SVG}>&x;</svg>',
            "external entity")


@pytest.mark.parametrize("href", ["file:///etc/passwd", "http://example.com/a.png",
                                  "https://example.com/a.svg#x", "/etc/hosts", "../secret.png"])
def test_outside_links_are_removed_and_reported(href: str) -> None:
    result = sanitize_svg_report(f'{SVG}><image xlink:href="{href}"/><use href="{href}"/>'
                                 f'<rect fill="url({href})"/></svg>'.encode(), "a.svg")
    assert href.encode() not in result.data
    assert len(result.removed) == 3 and all("link" in r or "url" in r for r in result.removed)


def test_css_import_and_url_removed() -> None:
    result = sanitize_svg_report(
        f'{SVG}><style>@import url("http://evil/x.css"); .a {{ fill: url(file:///x) }}'
        f' .b {{ fill: url(#ok) }}</style><rect style="fill:url(http://x/y)"/></svg>'.encode(),
        "a.svg")
    assert b"evil" not in result.data and b"file:" not in result.data
    assert b"url(#ok)" in result.data and len(result.removed) == 3


def test_huge_png_header_in_data_uri() -> None:
    uri = "data:image/png;base64," + base64.b64encode(png_header(30000, 30000)).decode()
    refused(f'{SVG}><image xlink:href="{uri}"/></svg>', "30000x30000")


def test_nested_svg_data_uri_bomb() -> None:
    doc = f'{SVG} width="10" height="10"><rect width="1" height="1"/></svg>'
    for _ in range(6):
        uri = "data:image/svg+xml;base64," + base64.b64encode(doc.encode()).decode()
        doc = f'{SVG} width="10" height="10"><image id="i" xlink:href="{uri}"/>' + \
            '<use href="#i"/>' * 10 + "</svg>"
    refused(doc, "nested more than")


def test_use_fan_out_bomb() -> None:
    body = '<g id="a0"><rect width="1" height="1"/></g>' + "".join(
        f'<g id="a{i}">' + f'<use href="#a{i - 1}"/>' * 10 + "</g>" for i in range(1, 9))
    refused(f"{SVG}>{body}</svg>", "reference bomb")


def test_gigantic_canvas() -> None:
    refused(f'{SVG} width="1000000" height="10"/>', "canvas")


def test_deep_nesting() -> None:
    refused(SVG + ">" + "<g>" * 5000 + "</g>" * 5000 + "</svg>", "nested more than 200")


@pytest.mark.parametrize("doc", [b"<svg", b"\x00\x01", SVG.encode() + b"><rect></svg>"])
def test_malformed_xml(doc: bytes) -> None:
    refused(doc, "malformed XML")


def test_not_svg() -> None:
    with pytest.raises(InputError, match="root element is <html>"):
        parse_svg(b"<html/>", "x.svg")


def test_local_images_only_when_allowed_and_inside(tmp_path: Path) -> None:
    from PIL import Image
    Image.new("RGB", (4, 3), "red").save(tmp_path / "p.png")
    doc = f'{SVG}><image xlink:href="p.png"/></svg>'.encode()
    assert b"p.png" not in sanitize_svg(doc, "a.svg", base_dir=tmp_path)
    inlined = sanitize_svg(doc, "a.svg", base_dir=tmp_path, allow_local_images=True)
    assert b"data:image/png;base64," in inlined
    outside = f'{SVG}><image xlink:href="../p.png"/></svg>'.encode()
    sub = tmp_path / "sub"
    sub.mkdir()
    assert b"data:" not in sanitize_svg(outside, "a.svg", base_dir=sub, allow_local_images=True)
