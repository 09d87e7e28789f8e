"""Writing separations: one multi-page PDF (a film per page, the proof last) or PNG files.

Pillow writes the PDF: 1-bit films go in as CCITT Group 4 (a flat plate of 4500×5400 pixels is a
few tens of kilobytes), the proof as JPEG. The page is the film at the output DPI, so it measures
the trim size plus the film margin to within half a pixel.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from studio.fsutil import atomic_write
from studio.production.separations import Separations


def separations_pdf(result: Separations) -> bytes:
    proof = result.proof
    if proof is not None and proof.mode != "RGB":
        proof = proof.convert("RGB")  # converting an RGB page would copy it, 128 MB at 300 DPI
    pages = [*result.films, *([proof] if proof is not None else [])]
    if not pages:
        raise ValueError("no plates: the design prints no ink")
    out = io.BytesIO()
    dpi = result.layout.dpi
    pages[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=dpi,
        title=f"Separations for {result.brief_id}",
    )
    return out.getvalue()


def plate_file_name(order: int, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "ink"
    return f"plate-{order:02d}-{slug}.png"


def separations_pngs(result: Separations) -> dict[str, bytes]:
    """``{file name: PNG bytes}``: the films (1-bit) and ``proof.png``."""
    dpi = result.layout.dpi
    files: dict[str, bytes] = {}
    for plate, film in zip(result.plates, result.films, strict=True):
        out = io.BytesIO()
        film.save(out, "PNG", dpi=(dpi, dpi), optimize=False)
        files[plate_file_name(plate.order, plate.ink.name)] = out.getvalue()
    if result.proof is not None:
        out = io.BytesIO()
        result.proof.save(out, "PNG", dpi=(dpi, dpi), compress_level=3)
        files["proof.png"] = out.getvalue()
    return files


def write_separations(result: Separations, target: str | Path) -> list[Path]:
    """``*.pdf``: the PDF; anything else: a folder of PNGs. Every file is written atomically."""
    target = Path(target)
    if target.suffix.lower() == ".pdf":
        atomic_write(target, separations_pdf(result))
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in separations_pngs(result).items():
        atomic_write(target / name, data)
        written.append(target / name)
    return written
