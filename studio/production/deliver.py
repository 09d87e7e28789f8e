"""Every deliverable a brief's ``outputs`` ask for, as ``{file name: bytes}``.

PNG/JPEG/PDF/SVG come from ``studio.export.deliverables`` (ads through their variants, under
their weight), separations from ``separations``. A deliverable that cannot meet its
``max_bytes`` becomes an ``output.max_bytes`` finding rather than a file; each ad size of
another shape is also checked on its own canvas (``adset.check_output``), its findings tagged
with the output's id.
"""

from __future__ import annotations

from studio.brief.model import Brief
from studio.design import Design
from studio.export.deliverables import export_bytes, target_for
from studio.i18n import _
from studio.production.adset import check_output, render_output
from studio.production.checking import Finding
from studio.production.longwork import Work
from studio.production.output import separations_pdf
from studio.production.separations import separate
from studio.production.weight import encode_within
from studio.render.raster import render_image


def deliverables(
    design: Design, brief: Brief, work: Work
) -> tuple[dict[str, bytes], list[Finding]]:
    files: dict[str, bytes] = {}
    findings: list[Finding] = []
    outputs = brief.outputs
    for i, output in enumerate(outputs):
        part = work.sub(i / len(outputs), (i + 1) / len(outputs))
        part.step(0.0, _("deliverable {output}").format(output=output.id))
        name = (
            f"deliverables/{output.id}.{output.format if output.format != 'separations' else 'pdf'}"
        )
        if output.format == "separations":
            files[name] = separations_pdf(separate(design, brief, cancel=part.cancelled))
            continue
        if brief.kind == "ad" and design.document is not None:
            findings += check_output(design.document, brief, output)
            encoded = render_output(design.document, brief, output).encoded
        elif output.format in ("png", "jpg"):
            target = target_for(design, output.format, None, brief, output)
            image = render_image(design.svg, target.width_px, target.height_px)
            encoded = encode_within(image, output.format, target.dpi, output.max_bytes)
        else:
            data = export_bytes(design, target_for(design, output.format, None, brief, output))
            if output.max_bytes is not None and len(data) > output.max_bytes:
                findings.append(
                    _heavy(output.id, _("{size} bytes").format(size=len(data)), output.max_bytes)
                )
                continue
            files[name] = data
            continue
        if encoded.data is None:
            findings.append(_heavy(output.id, encoded.message, output.max_bytes))
        else:
            files[name] = encoded.data
    work.step(1.0, _("deliverables ready"))
    return files, findings


def _heavy(output_id: str, detail: str, limit: int | None) -> Finding:
    return Finding(
        "output.max_bytes",
        "error",
        _("{output}: {detail} (max_bytes {limit})").format(
            output=output_id, detail=detail, limit=limit
        ),
        output_id,
        output=output_id,
    )
