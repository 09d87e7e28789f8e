"""Writing a document again after edits gives the very bytes of a fresh write.

``document_to_svg`` reuses the nodes of elements it wrote last time (per thread); a fresh
thread has no such nodes, so what it writes is the reference."""

from __future__ import annotations

import copy
import threading
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.document.geometry import translate
from studio.document.model import Document, Group, Rect, Style
from studio.document.svgwrite import WriteOptions, document_to_svg
from tests.document.test_roundtrip import documents, element

OPTIONS = [WriteOptions(), WriteOptions(for_render=True), WriteOptions(bleed=True)]


def fresh_write(doc: Document, options: WriteOptions) -> bytes:
    out: list[bytes] = []
    worker = threading.Thread(target=lambda: out.append(document_to_svg(doc, options)))
    worker.start()
    worker.join()
    return out[0]


def edit(doc: Document, data: st.DataObject) -> None:
    """One edit as the editor makes them: in place, or by replacing elements."""
    layers = [layer for layer in doc.layers if layer.elements]
    if not layers:
        doc.layer("New").elements.append(data.draw(element))
        return
    layer = data.draw(st.sampled_from(layers))
    index = data.draw(st.integers(0, len(layer.elements) - 1))
    target = layer.elements[index]
    kind = data.draw(st.sampled_from(["fill", "move", "hide", "swap", "remove", "twin", "new"]))
    if kind == "fill":
        target.style.fill = data.draw(st.sampled_from(["#123456", None, "#000000"]))
    elif kind == "move":
        target.transform = translate(data.draw(st.floats(-50, 50)), 1.0)
    elif kind == "hide":
        target.visible = not target.visible
    elif kind == "swap" and len(layer.elements) > 1:
        layer.elements.insert(0, layer.elements.pop(index))
    elif kind == "remove":
        del layer.elements[index]
    elif kind == "twin":  # the same content again (a paste before ids are renewed)
        layer.elements.append(copy.deepcopy(target))
    elif isinstance(target, Group) and target.children:
        target.children[0].name = "renamed"
    else:
        layer.elements.insert(index, data.draw(element))


@settings(max_examples=40, deadline=None)
@given(doc=documents, data=st.data())
def test_rewrites_after_edits_are_byte_identical_to_fresh_writes(
    doc: Document, data: st.DataObject
) -> None:
    for options in OPTIONS:
        document_to_svg(doc, options)
    for _ in range(4):
        edit(doc, data)
        options = data.draw(st.sampled_from(OPTIONS))
        assert document_to_svg(doc, options) == fresh_write(doc, options)


def test_a_copied_document_reuses_nodes_and_an_edit_shows() -> None:
    rect = Rect(x=1, y=2, width=3, height=4, style=Style(fill="#ff0000"))
    doc = Document(width=50, height=50)
    doc.layer("Art").elements += [rect, replace(rect, id="other", x=10)]
    first = document_to_svg(doc)
    snapshot = copy.deepcopy(doc)  # what the live checks are given after each edit
    assert document_to_svg(snapshot) == first
    snapshot.layers[0].elements[0].style.fill = "#00ff00"
    again = document_to_svg(snapshot)
    assert b'fill="#00ff00"' in again and again == fresh_write(snapshot, WriteOptions())
    assert document_to_svg(doc) == first
