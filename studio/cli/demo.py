"""``motif-studio demo [-o DIR]``: check the bundled sample design against its brief and export
every deliverable the brief asks for (separations and ad sizes included), headless, with the
same code as the app's export dialog; what the README's first command runs without a display."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help=_("check and export the bundled sample design (headless)"))
    p.add_argument("-o", "--output-dir", default="out", metavar="DIR")
    p.add_argument(
        "--sample", default="lafraise-tee", help=_("lafraise-tee, dtg-tee or display-ad")
    )
    p.set_defaults(func=lambda args: run_demo(args.output_dir, args.sample))


def run_demo(output_dir: str | Path, sample: str = "lafraise-tee") -> int:
    from studio.brief import load_brief
    from studio.checks import run_checks
    from studio.design import design_from_document
    from studio.document.fileio import load_document
    from studio.l10n import format_file_size
    from studio.production.adset import resized_outputs
    from studio.production.export_set import export_outputs, write_outputs
    from studio.samples import sample_brief_path, sample_design_path

    brief = load_brief(sample_brief_path(sample))
    doc = load_document(sample_design_path(sample))
    print(_("Brief: {title} ({id} v{version})").format(
        title=brief.title, id=brief.id, version=brief.version))  # fmt: skip
    print(_("Design: {path}").format(path=sample_design_path(sample)))
    report = run_checks(design_from_document(doc), brief)
    verdict = _("passed") if report.passed else _("failed")
    print(_("Check: {verdict} ({errors} errors, {warnings} warnings)").format(
        verdict=verdict, errors=len(report.errors), warnings=len(report.warnings)))  # fmt: skip
    for finding in report.findings:
        print(f"  {finding.severity}: {finding.rule}: {finding.message}")
    files, per_output = export_outputs(doc, brief)
    sized = resized_outputs(doc, brief) if brief.kind == "ad" else []
    for output in sized:
        mine = [f for f in per_output if f.output == output.id]
        failed = any(f.severity == "error" for f in mine)
        print(_("Check {output} ({w}×{h}): {verdict}").format(
            output=output.id, w=output.width_px, h=output.height_px,
            verdict=_("failed") if failed else _("passed")))  # fmt: skip
        for finding in mine:
            print(f"  {finding.severity}: {finding.rule}: {finding.message}")
    for finding in per_output:
        if finding.output not in {o.id for o in sized}:
            print(f"  {finding.severity}: {finding.rule}: {finding.message}")
    for written in write_outputs(files, output_dir):
        size = format_file_size(written.stat().st_size)
        print("  " + _("wrote {path} ({size})").format(path=written, size=size))
    errors = [f for f in per_output if f.severity == "error"]
    return 0 if report.passed and not errors else 1
