"""Rendering: the document's SVG to pixels (resvg) and to vector PDF.

One truth: the canvas preview, the checks and every export rasterise the same SVG through
:func:`studio.render.raster.render_rgba` / :func:`render_png`.
"""
