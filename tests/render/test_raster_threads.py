"""The renderer works from any thread: the live checks render on a worker while the canvas
renders on the GUI thread (resvg's options are bound to the thread that made them)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from studio.render.raster import render_rgba

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect x="2" y="2" width="6" height="6" fill="#d62839"/></svg>'
)


def test_a_worker_thread_renders_what_the_main_thread_renders() -> None:
    here = render_rgba(SVG, 20, 20)
    with ThreadPoolExecutor(2) as pool:
        there = list(pool.map(lambda _: render_rgba(SVG, 20, 20), range(4)))
    assert here[10, 10].tolist() == [0xD6, 0x28, 0x39, 255]
    for image in there:
        assert np.array_equal(image, here)
