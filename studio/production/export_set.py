"""Exporting every output of a brief to a folder, with the creator's separation options, and the
small previews the export dialog shows before anything is written.

The package uses the brief's defaults for separations; exporting by hand lets the creator pick
the garment, the underbase and the halftone (``SeparationOptions``) and plates as one PDF or a
folder of PNGs. Everything is made in memory first and written only once all of it is ready, so
cancelling (``Cancelled``) never leaves a partial set of files behind, and each file is written
atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image

from studio.brief.model import Brief, OutputSpec
from studio.design import design_from_document
from studio.document.model import Document
from studio.fsutil import atomic_write
from studio.production.adset import design_for_output
from studio.production.checking import Finding
from studio.production.deliver import deliverables
from studio.production.longwork import CancelFn, ProgressFn, Work
from studio.production.output import separations_pdf, separations_pngs
from studio.production.separations import SeparationOptions, Separations, separate
from studio.render.raster import render_image

PREVIEW_PX = 480
"""Trim height, in pixels, of the separation preview: enough for a thumbnail per plate."""


@dataclass(frozen=True)
class ExportChoice:
    """What the creator chose for the outputs that have options."""

    separations: SeparationOptions = field(default_factory=SeparationOptions)
    plates_as_png: bool = False


def output_file_name(output: OutputSpec, choice: ExportChoice) -> str:
    """The file (or, for PNG plates, the folder) an output is written to."""
    if output.format == "separations":
        return output.id if choice.plates_as_png else f"{output.id}.pdf"
    return f"{output.id}.{output.format}"


def export_outputs(
    doc: Document,
    brief: Brief,
    choice: ExportChoice = ExportChoice(),
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> tuple[dict[str, bytes], list[Finding]]:
    """``{relative file name: bytes}`` for every output, and the outputs too heavy to make."""
    work = Work(progress, cancel)
    design = design_from_document(doc)
    seps = [o for o in brief.outputs if o.format == "separations"]
    plain = replace(brief, outputs=tuple(o for o in brief.outputs if o.format != "separations"))
    share = len(plain.outputs) / max(1, len(brief.outputs))
    files: dict[str, bytes] = {}
    findings: list[Finding] = []
    if plain.outputs:
        made, findings = deliverables(design, plain, work.sub(0.0, share))
        files.update({name.removeprefix("deliverables/"): data for name, data in made.items()})
    for i, output in enumerate(seps):
        step = (1.0 - share) / len(seps)
        part = work.sub(share + i * step, share + (i + 1) * step)
        options = replace(choice.separations, dpi=choice.separations.dpi or output.dpi)
        result = separate(design, brief, options, part.step, cancel)
        name = output_file_name(output, choice)
        if choice.plates_as_png:
            files.update({f"{name}/{k}": v for k, v in separations_pngs(result).items()})
        else:
            files[name] = separations_pdf(result)
    work.step(1.0, "outputs ready")
    return files, findings


def write_outputs(
    files: dict[str, bytes], folder: str | Path, cancel: CancelFn | None = None
) -> list[Path]:
    """Write ``files`` under ``folder`` (each atomically); the last chance to cancel is before
    the first file, so a set is written whole or not at all."""
    Work(None, cancel).check()
    root = Path(folder)
    written = []
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
        written.append(target)
    return written


def output_previews(
    doc: Document, brief: Brief, max_px: int = 160, cancel: CancelFn | None = None
) -> list[tuple[OutputSpec, Image.Image]]:
    """A thumbnail of each output but separations: ads through their variant for that size."""
    work = Work(None, cancel)
    out = []
    for output in brief.outputs:
        if output.format == "separations":
            continue
        work.check()
        design = design_for_output(doc, brief, output) if brief.kind == "ad" else None
        design = design or design_from_document(doc)
        scale = max_px / max(design.width, design.height)
        w, h = max(1, round(design.width * scale)), max(1, round(design.height * scale))
        out.append((output, render_image(design.svg, w, h)))
    return out


def separation_preview(
    doc: Document,
    brief: Brief,
    options: SeparationOptions | None = None,
    cancel: CancelFn | None = None,
) -> Separations:
    """The plates and proof at a low resolution (about ``PREVIEW_PX`` high), for thumbnails."""
    dpi = PREVIEW_PX * 25.4 / brief.height
    return separate(
        design_from_document(doc),
        brief,
        replace(options or SeparationOptions(), dpi=dpi),
        cancel=cancel,
    )
