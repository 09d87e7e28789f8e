"""The bulk re-check report: a self-contained HTML page and a CSV file.

Everything shown comes from packages made by strangers (creator names, file names, finding
messages), so every value is HTML-escaped, the page forbids scripts and remote content with a
Content-Security-Policy, thumbnails are PNGs this app rendered itself (never the package's own
bytes), and CSV cells that a spreadsheet would run as formulas are defused.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from studio.brands.results import RowResult
from studio.brief.model import Brief
from studio.i18n import _, current_language

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}
.summary{margin:0 0 16px;color:#555}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}
td.thumb img{width:80px;height:auto;border:1px solid #ccc;background:#eee}
.pass{color:#176b2c;font-weight:600}.fail{color:#b3261e;font-weight:600}
.broken{color:#fff;background:#b3261e;padding:1px 6px;border-radius:3px}
ul{margin:0;padding-left:18px}.warning{color:#8a5a00}.error{color:#b3261e}
code{font-size:11px;word-break:break-all;color:#555}
"""


def summary(rows: Sequence[RowResult]) -> dict[str, int]:
    counts = {"pass": 0, "fail": 0, "broken": 0}
    for row in rows:
        counts[row.status] += 1
    return counts


def html_report(rows: Sequence[RowResult], brief: Brief, generated: datetime | None = None) -> str:
    """The report page, one row per package."""
    counts = summary(rows)
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    title = _("Submissions for {title} ({id} v{version})").format(
        title=brief.title, id=brief.id, version=brief.version
    )
    summary_line = _(
        "{count} packages: {passed} passed, {failed} failed, {broken} unreadable. "
        "Checked {when} against brief file {sha256}."
    ).format(
        count=len(rows),
        passed=counts["pass"],
        failed=counts["fail"],
        broken=counts["broken"],
        when=escape(when),
        sha256=f"<code>{escape(brief.sha256)}</code>",
    )
    heads = (_("Design"), _("Package"), _("Creator"), _("Result"), _("Findings"), "SHA-256")
    parts = [
        f"<!DOCTYPE html><html lang='{current_language()}'><head><meta charset='utf-8'>",
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='summary'>{summary_line}</p>",
        "<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads),
        "</tr></thead><tbody>",
    ]
    parts += [_row_html(row) for row in rows]
    parts.append("</tbody></table></body></html>\n")
    return "".join(parts)


def _row_html(row: RowResult) -> str:
    thumb = ""
    if row.thumbnail_png and row.thumbnail_png.startswith(b"\x89PNG"):
        data = base64.b64encode(row.thumbnail_png).decode("ascii")
        thumb = f"<img alt='' src='data:image/png;base64,{data}'>"
    result = {
        "pass": f"<span class='pass'>{escape(_('pass'))}</span>",
        "fail": f"<span class='fail'>{escape(_('fail'))}</span>",
        "broken": f"<span class='broken'>{escape(_('unreadable'))}</span>",
    }[row.status]
    if row.claimed_passed is not None and row.claimed_passed != (row.status == "pass"):
        claimed = _("pass") if row.claimed_passed else _("fail")
        said = _("the package's own report said {result}").format(result=claimed)
        result += f"<br><small>{escape(said)}</small>"
    findings = "".join(
        f"<li class='{'error' if f.severity == 'error' else 'warning'}'>"
        f"<b>{escape(f.rule)}</b> {escape(f.message)}</li>"
        for f in row.findings
    )
    files = "".join(f"<br>{escape(p)}: {escape(h[:16])}…" for p, h in row.files)
    creator = escape(row.creator) + (
        f"<br><small>{escape(row.contact)}</small>" if row.contact else ""
    )
    return (
        f"<tr><td class='thumb'>{thumb}</td><td>{escape(row.package)}</td><td>{creator}</td>"
        f"<td>{result}</td><td><ul>{findings}</ul></td>"
        f"<td><code>{escape(row.package_sha256)}{files}</code></td></tr>"
    )


CSV_FIELDS = (
    "package",
    "creator",
    "contact",
    "status",
    "errors",
    "warnings",
    "preflight",
    "findings",
    "package_sha256",
)


def csv_report(rows: Sequence[RowResult]) -> str:
    """One line per package; findings joined with `` | ``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in rows:
        findings = " | ".join(f"{f.severity} {f.rule}: {f.message}" for f in row.findings)
        values = [
            row.package,
            row.creator,
            row.contact,
            row.status,
            row.errors,
            row.warnings,
            row.preflight,
            findings,
            row.package_sha256,
        ]
        writer.writerow([_cell(v) for v in values])
    return out.getvalue()


def _cell(value: object) -> str:
    """Defuse spreadsheet formula injection: a text cell may not start with = + - @ or a tab."""
    text = str(value)
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
