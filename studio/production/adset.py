"""Ad sets: every size an ad brief asks for, from one design.

Each output other than the canvas size is a variant of the design (stored in the document,
made automatically the first time by ``layout.auto_variant``), rendered at the output's exact
pixel size and encoded under its ``max_bytes``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from studio.brief.model import Brief, OutputSpec
from studio.checks import Finding, run_checks
from studio.design import Design, design_from_document
from studio.document.model import Document
from studio.document.svgwrite import WriteOptions, document_to_svg
from studio.errors import InputError
from studio.i18n import _
from studio.production.layout import auto_variant, output_size_mm, variant_document
from studio.production.longwork import CancelFn, ProgressFn, Work
from studio.production.weight import Encoded, encode_within
from studio.render.raster import render_image

RASTER = ("jpg", "png")


def resized_outputs(doc: Document, brief: Brief) -> list[OutputSpec]:
    """The ad outputs laid out as variants: every output but separations of another size."""
    out = []
    for o in brief.outputs:
        w, h = output_size_mm(brief, o)
        if o.format != "separations" and (abs(w - doc.width) > 1e-6 or abs(h - doc.height) > 1e-6):
            out.append(o)
    return out


def check_output(doc: Document, brief: Brief, output: OutputSpec) -> list[Finding]:
    """The preflight of ``output``'s layout on its own canvas (zones and minimums carried over
    by ``studio.checks.outputsize``), each finding tagged with the output's id. The canvas
    size itself is checked by the main check."""
    w, h = output_size_mm(brief, output)
    if abs(w - doc.width) < 1e-6 and abs(h - doc.height) < 1e-6:
        return []
    report = run_checks(design_for_output(doc, brief, output), brief, canvas_override=(w, h))
    return [replace(f, output=output.id) for f in report.findings]


def check_outputs(doc: Document, brief: Brief) -> list[Finding]:
    """:func:`check_output` of every raster/vector ad output of another size."""
    return [f for o in resized_outputs(doc, brief) for f in check_output(doc, brief, o)]


@dataclass(frozen=True)
class AdOutput:
    """One size of the set: ``encoded.fits`` is False when nothing fits its weight."""

    output: OutputSpec
    encoded: Encoded
    width_px: int
    height_px: int

    @property
    def file_name(self) -> str:
        return f"{self.output.id}.{self.output.format}"


def ensure_variants(doc: Document, brief: Brief) -> Document:
    """Give ``doc`` an automatic variant for every output of another size that has none."""
    for output in brief.outputs:
        w, h = output_size_mm(brief, output)
        same = abs(w - doc.width) < 1e-6 and abs(h - doc.height) < 1e-6
        if not same and output.id not in doc.variants:
            doc.variants[output.id] = auto_variant(doc, brief, output)
    return doc


def design_for_output(doc: Document, brief: Brief, output: OutputSpec) -> Design:
    """The design as laid out for ``output`` (the main layout at the canvas size)."""
    variant = doc.variants.get(output.id)
    if variant is None:
        w, h = output_size_mm(brief, output)
        if abs(w - doc.width) < 1e-6 and abs(h - doc.height) < 1e-6:
            return design_from_document(doc)
        variant = auto_variant(doc, brief, output)
    return design_from_document(variant_document(doc, variant))


def render_output(doc: Document, brief: Brief, output: OutputSpec) -> AdOutput:
    design = design_for_output(doc, brief, output)
    wpx = output.width_px or brief.width_px
    hpx = output.height_px or brief.height_px
    dpi = output.dpi or brief.dpi
    if output.format in RASTER:
        image = render_image(design.svg, wpx, hpx)
        encoded = encode_within(image, output.format, dpi, output.max_bytes)
    elif output.format == "svg":
        data = (
            document_to_svg(design.document, WriteOptions(for_render=True))
            if (design.document)
            else design.svg
        )
        fits = output.max_bytes is None or len(data) <= output.max_bytes
        encoded = Encoded("svg", data if fits else None, output.max_bytes, _("as drawn"), len(data))
    elif output.format == "pdf":
        from studio.export.deliverables import Target, export_bytes

        data = export_bytes(design, Target("pdf", wpx, hpx, dpi))
        fits = output.max_bytes is None or len(data) <= output.max_bytes
        encoded = Encoded("pdf", data if fits else None, output.max_bytes, _("vector"), len(data))
    else:
        raise InputError(
            None,
            _("output {output}: format {format} is not for ads").format(
                output=repr(output.id), format=repr(output.format)
            ),
        )
    return AdOutput(output, encoded, wpx, hpx)


def make_ad_set(
    doc: Document,
    brief: Brief,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> list[AdOutput]:
    """Every output of the ad brief, in the brief's order."""
    work = Work(progress, cancel)
    results = []
    outputs = [o for o in brief.outputs if o.format != "separations"]
    for i, output in enumerate(outputs):
        work.step(i / max(1, len(outputs)), f"{output.id}: {output.width_px}×{output.height_px}")
        results.append(render_output(doc, brief, output))
    work.step(1.0, _("ad set ready"))
    return results
