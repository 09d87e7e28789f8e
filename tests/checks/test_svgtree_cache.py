"""A walk that reuses the last build's subtrees gives what a fresh walk gives."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.checks.svgtree import SvgTree, TreeCache, build_tree
from studio.document.model import Document
from studio.document.svgwrite import WriteOptions, document_to_svg
from studio.safety.svg import parse_svg
from tests.checks.helpers import svg
from tests.document.test_roundtrip import documents
from tests.document.test_svgwrite_cache import edit


def summary(tree: SvgTree) -> object:
    """Everything a rule reads from the tree; nodes by their markup, and each must be in the
    tree (a crop render leaves out a leaf's node by finding it there)."""
    every = list(tree.root.iter())
    nodes = set(every)
    assert len(nodes) == len(every), "a node is in the tree twice"
    assert all(leaf.node in nodes for leaf in tree.leaves)
    leaves = [
        (
            ET.tostring(leaf.node),
            {k: v for k, v in vars(leaf).items() if k not in ("node", "image")},
            leaf.image.sha256 if leaf.image else None,
        )
        for leaf in tree.leaves
    ]
    required = {
        key: (g.id, g.element, ET.tostring(g.node), g.matrix, g.frame, g.box, len(g.leaves))
        for key, g in tree.required.items()
    }
    return leaves, required, sorted(tree.gradients)


def walk(doc: Document, cache: TreeCache | None) -> SvgTree:
    root = parse_svg(document_to_svg(doc, WriteOptions(for_render=True)), "design")
    return build_tree(root, doc.width, doc.height, {}, cache)


@settings(max_examples=40, deadline=None)
@given(doc=documents, data=st.data())
def test_reusing_subtrees_after_edits_gives_the_leaves_of_a_fresh_walk(
    doc: Document, data: st.DataObject
) -> None:
    cache = TreeCache()
    assert summary(walk(doc, cache)) == summary(walk(doc, None))
    for _ in range(4):
        edit(doc, data)
        assert summary(walk(doc, cache)) == summary(walk(doc, None))


def layer(name: str, body: str) -> str:
    return f'<g id="{name}" motif:kind="layer">{body}</g>'


def test_only_the_edited_element_is_walked_again() -> None:
    rects = "".join(f'<rect id="r{i}" x="{i}" width="5" height="5" fill="red"/>' for i in range(9))
    body = layer("art", rects)
    cache = TreeCache()
    build_tree(parse_svg(svg(body).encode(), "t.svg"), 100, 100, None, cache)
    build_tree(parse_svg(svg(body).encode(), "t.svg"), 100, 100, None, cache)
    assert cache.reused == 1  # nothing changed: the layer as a whole
    edited = body.replace('id="r4" x="4"', 'id="r4" x="40"')
    tree = build_tree(parse_svg(svg(edited).encode(), "t.svg"), 100, 100, None, cache)
    assert cache.reused == 8
    assert [leaf.box.x for leaf in tree.leaves if leaf.element == "r4"] == [40.0]


def test_an_element_pasted_twice_gets_a_node_of_its_own_each_time() -> None:
    rect = '<rect id="twin" width="5" height="5"/>'
    cache = TreeCache()
    for body in (layer("a", "") + layer("b", rect), layer("a", rect) + layer("b", rect)):
        root = parse_svg(svg(body).encode(), "t.svg")
        tree = build_tree(root, 100, 100, None, cache)
        fresh = build_tree(parse_svg(svg(body).encode(), "t.svg"), 100, 100)
        assert summary(tree) == summary(fresh)


def test_a_style_sheet_or_a_use_turns_reuse_off() -> None:
    for extra in ("<style>rect { fill: blue }</style>", '<use href="#r0" x="50"/>'):
        body = '<rect id="r0" width="5" height="5"/><rect id="r1" width="6" height="6"/>' + extra
        cache = TreeCache()
        for _ in range(2):
            build_tree(parse_svg(svg(body).encode(), "t.svg"), 100, 100, None, cache)
        assert cache.reused == 0
