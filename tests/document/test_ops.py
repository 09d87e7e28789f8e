"""Editing operations on the model, headless: what the editor's commands call."""

from __future__ import annotations

from studio.document import ops
from studio.document.geometry import Box, apply
from studio.document.model import Document, Group, Layer, Rect
from studio.document.snap import snap_box, targets


def _doc() -> tuple[Document, list[Rect]]:
    doc = Document(width=100, height=100)
    rects = [Rect(x=10 * i, y=5 * i, width=5, height=5, name=f"r{i}") for i in range(3)]
    doc.layers.append(Layer("Artwork", elements=list(rects)))
    return doc, rects


def _apply(doc: Document, changes: dict) -> None:
    for element_id, matrix in changes.items():
        element = doc.find(element_id)
        assert element is not None
        element.transform = matrix


def test_align_left_puts_every_box_on_the_leftmost_edge() -> None:
    doc, rects = _doc()
    _apply(doc, ops.aligned(doc, [r.id for r in rects], "left"))
    assert [ops.element_box(doc, r.id).x for r in rects] == [0, 0, 0]  # type: ignore[union-attr]


def test_align_a_single_element_uses_the_artboard() -> None:
    doc, rects = _doc()
    _apply(doc, ops.aligned(doc, [rects[1].id], "hcenter"))
    assert ops.element_box(doc, rects[1].id).center[0] == 50  # type: ignore[union-attr]


def test_distribute_makes_equal_gaps() -> None:
    doc, rects = _doc()
    rects[1].x = 12
    _apply(doc, ops.distributed(doc, [r.id for r in rects], "x"))
    boxes = [ops.element_box(doc, r.id) for r in rects]
    gaps = [boxes[i + 1].x - boxes[i].right for i in range(2)]  # type: ignore[union-attr]
    assert abs(gaps[0] - gaps[1]) < 1e-9


def test_locked_elements_do_not_move() -> None:
    doc, rects = _doc()
    rects[0].locked = True
    assert rects[0].id not in ops.moved(doc, [r.id for r in rects], 1, 1)
    doc.layers[0].locked = True
    assert ops.moved(doc, [rects[1].id], 1, 1) == {}


def test_group_then_ungroup_keeps_positions_and_order() -> None:
    doc, rects = _doc()
    gid = ops.group(doc, [rects[2].id, rects[0].id])
    assert gid is not None
    layer = doc.layers[0].elements
    assert [e.id for e in layer] == [rects[1].id, gid]
    group = doc.find(gid)
    assert isinstance(group, Group) and [c.id for c in group.children] == [rects[0].id, rects[2].id]
    group.transform = (1, 0, 0, 1, 7, 0)
    ops.ungroup(doc, gid)
    assert [e.id for e in doc.layers[0].elements] == [rects[1].id, rects[0].id, rects[2].id]
    assert apply(rects[0].transform, 0, 0) == (7, 0)


def test_restack_and_duplicate_and_remove() -> None:
    doc, rects = _doc()
    ops.restack(doc, [rects[0].id], "top")
    assert doc.layers[0].elements[-1] is rects[0]
    new = ops.duplicate(doc, [rects[1].id])
    assert len(doc.layers[0].elements) == 4 and new[0] != rects[1].id
    assert ops.element_box(doc, new[0]).x == rects[1].x + 5  # type: ignore[union-attr]
    assert ops.remove(doc, new) == new and len(doc.layers[0].elements) == 3


def test_snapshot_restore_round_trip() -> None:
    doc, rects = _doc()
    snap = ops.snapshot(doc)
    ops.remove(doc, [rects[0].id])
    ops.restore(doc, snap)
    assert [e.id for e in doc.layers[0].elements] == [r.id for r in rects]


def test_snap_box_to_nearest_line() -> None:
    doc = Document(width=100, height=100)
    found = targets(doc, [Box(40, 40, 10, 10)])
    dx, dy, line_x, _ = snap_box(Box(51.5, 70, 8, 5), found, 2.0)
    assert (dx, dy, line_x) == (-1.5, 0.0, 50.0)
    assert snap_box(Box(20, 20, 5, 5), found, 1.0)[:2] == (0.0, 0.0)
