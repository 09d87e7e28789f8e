"""The flattened SVG view: what is artwork, where it is, how large, after every transform."""

from __future__ import annotations

import pytest

from studio.checks.svgtree import build_tree
from studio.safety.svg import parse_svg
from tests.checks.helpers import data_uri, noise_photo, svg


def flat(body: str, **size: str):  # type: ignore[no-untyped-def]
    root = parse_svg(svg(body, **size).encode(), "t.svg")
    return build_tree(root, 100.0, 100.0)


def boxes(body: str, **size: str) -> dict[str, list[float]]:
    return {
        leaf.element or leaf.tag: [round(v, 2) for v in leaf.box.as_list()]
        for leaf in flat(body, **size).leaves
        if leaf.box is not None
    }


def test_transform_lists_compose_right_to_left() -> None:
    got = boxes(
        '<g transform="translate(10 20)"><rect id="r" transform="scale(2) rotate(90)" '
        'width="10" height="5"/></g>'
    )
    assert got["r"] == [0.0, 20.0, 10.0, 20.0]


def test_rotated_ellipse_gets_its_tight_box_not_a_rotated_box() -> None:
    got = boxes('<ellipse id="e" cx="50" cy="50" rx="10" ry="10" transform="rotate(45 50 50)"/>')
    assert got["e"] == pytest.approx([40.0, 40.0, 20.0, 20.0], abs=0.2)


def test_paths_with_relative_commands_arcs_and_smooth_curves() -> None:
    got = boxes(
        '<path id="p" d="m10 10 h20 v10 a10 10 0 0 1 -20 0 z"/>'
        '<path id="q" d="M0 50 Q 10 40 20 50 T 40 50"/>'
    )
    assert got["p"] == pytest.approx([10.0, 10.0, 20.0, 20.0], abs=0.1)
    assert got["q"][1] == pytest.approx(45.0, abs=0.1)
    assert got["q"][3] == pytest.approx(10.0, abs=0.1)


def test_hidden_elements_and_definitions_are_not_artwork() -> None:
    body = (
        '<defs><rect id="in-defs" width="5" height="5"/></defs>'
        '<rect id="none" display="none" width="5" height="5"/>'
        '<g visibility="hidden"><rect id="hidden" width="5" height="5"/>'
        '<rect id="shown-again" visibility="visible" width="5" height="5"/></g>'
        '<rect id="clear" opacity="0" width="5" height="5"/>'
        '<clipPath id="c"><rect id="clip-shape" width="5" height="5"/></clipPath>'
        '<symbol id="s"><rect id="in-symbol" width="5" height="5"/></symbol>'
    )
    assert set(boxes(body)) == {"shown-again"}


def test_use_is_followed_with_its_offset_and_symbols_map_their_viewbox() -> None:
    body = (
        '<defs><rect id="base" width="10" height="10"/>'
        '<symbol id="sym" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></symbol></defs>'
        '<use id="u" href="#base" x="30" y="40"/>'
        '<use id="v" xlink:href="#sym" x="0" y="0" width="40" height="40"/>'
    )
    got = boxes(body)
    assert got["u"] == [30.0, 40.0, 10.0, 10.0]
    assert got["v"] == pytest.approx([0.0, 0.0, 40.0, 40.0], abs=0.01)


def test_use_reference_loops_end() -> None:
    body = (
        '<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/><rect width="1" height="1"/></g>'
    )
    assert len(flat(body).leaves) < 50


def test_styles_cascade_from_css_presentation_attributes_and_style() -> None:
    body = (
        "<style>.ink { fill: #00ff00 } #special { fill: #0000ff }</style>"
        '<g fill="#ff0000"><rect id="inherits" width="1" height="1"/>'
        '<rect id="css" class="ink" fill="#123456" width="1" height="1"/>'
        '<rect id="special" class="ink" width="1" height="1"/>'
        '<rect id="inline" class="ink" style="fill: rgb(10, 20, 30)" width="1" height="1"/></g>'
    )
    fills = {leaf.element: leaf.fill.hex for leaf in flat(body).leaves}
    assert fills == {
        "inherits": "#ff0000",
        "css": "#00ff00",
        "special": "#0000ff",
        "inline": "#0a141e",
    }


def test_lengths_are_measured_after_transforms() -> None:
    body = (
        '<g transform="scale(0.5)"><text id="t" x="0" y="100" font-size="60">Hi</text>'
        '<rect id="r" width="10" height="10" stroke="black" stroke-width="2"/>'
        '<rect id="n" width="10" height="10" stroke="black" stroke-width="2" '
        'vector-effect="non-scaling-stroke"/></g>'
    )
    by_id = {leaf.element: leaf for leaf in flat(body).leaves}
    assert by_id["t"].font_size == pytest.approx(30.0)
    assert by_id["r"].stroke_width == pytest.approx(1.0)
    # A non-scaling stroke is 2 CSS px whatever the scale.
    assert by_id["n"].stroke_width == pytest.approx(2 * 25.4 / 96)


def test_root_units_map_through_the_viewbox() -> None:
    root = parse_svg(
        svg('<rect id="r" width="96" height="48"/>', w="1in", h="1in", vb="0 0 96 96").encode(), "t"
    )
    tree = build_tree(root, 25.4, 25.4)
    assert tree.leaves[0].box.as_list() == pytest.approx([0, 0, 25.4, 12.7])


def test_nested_svg_maps_its_viewbox_and_clips() -> None:
    body = (
        '<svg x="10" y="10" width="20" height="20" viewBox="0 0 10 10">'
        '<rect id="r" x="5" y="5" width="100" height="2"/></svg>'
    )
    assert boxes(body)["r"] == pytest.approx([20.0, 20.0, 10.0, 4.0])


def test_image_pixel_size_and_placed_size() -> None:
    body = (
        f'<image id="i" x="0" y="0" width="50" height="25" transform="scale(2)" '
        f'preserveAspectRatio="none" href="{data_uri(noise_photo(40, 20))}"/>'
    )
    leaf = flat(body).leaves[0]
    assert leaf.image is not None and (leaf.image.width, leaf.image.height) == (40, 20)
    assert leaf.image_size == pytest.approx((100.0, 50.0))


def test_text_box_from_size_and_characters() -> None:
    body = '<text id="t" x="50" y="50" font-size="10" text-anchor="middle">ABCD</text>'
    assert boxes(body)["t"] == pytest.approx([39.0, 42.0, 22.0, 10.0])
