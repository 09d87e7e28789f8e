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
    nodes = set(tree.root.iter())
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


def test_only_the_edited_element_is_walked_again() -> None:
    body = "".join(f'<rect id="r{i}" x="{i}" width="5" height="5" fill="red"/>' for i in range(9))
    cache = TreeCache()
    build_tree(parse_svg(svg(body).encode(), "t.svg"), 100, 100, None, cache)
    edited = body.replace('id="r4" x="4"', 'id="r4" x="40"')
    tree = build_tree(parse_svg(svg(edited).encode(), "t.svg"), 100, 100, None, cache)
    assert cache.reused == 8
    assert [leaf.box.x for leaf in tree.leaves if leaf.element == "r4"] == [40.0]


def test_a_style_sheet_or_a_use_turns_reuse_off() -> None:
    for extra in ("<style>rect { fill: blue }</style>", '<use href="#r0" x="50"/>'):
        body = '<rect id="r0" width="5" height="5"/><rect id="r1" width="6" height="6"/>' + extra
        cache = TreeCache()
        for _ in range(2):
            build_tree(parse_svg(svg(body).encode(), "t.svg"), 100, 100, None, cache)
        assert cache.reused == 0
