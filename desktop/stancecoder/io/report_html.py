"""A report as one standalone HTML page: every value escaped, no scripts, no external files.

It takes the same `Sheet`s the Excel writer takes, so both exports show the same figures.
Its print style sheet (`PRINT`, shared with the agreement report's page and followed by the
PDF) starts each section on a page of its own and never splits a figure or a table row.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.report_page import ReportFigure
from stancecoder.io.sheets import Sheet, blamed_on

PRINT = """
@media print {
  @page { margin: 18mm 16mm; }  /* fits A4 and Letter alike; the printer picks the sheet */
  * { background: none !important; }  /* not `transparent`: xhtml2pdf then splits no block */
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; color: #000; }
  section + section { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  tr, li, figure { break-inside: avoid; }
}
"""
STYLE = (
    """
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
p.methods { background: #f7f7f7; padding: 0.8em; border-left: 4px solid #888; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9em; color: #333; }
"""
    + PRINT
)


def cell_text(value: object) -> str:
    """Floats to four decimals (the precision the report promises), None as empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def render_html(
    title: str,
    paragraphs: Sequence[str],
    tables: Sequence[Sheet],
    figures: Sequence[ReportFigure] = (),
) -> str:
    """The paragraphs and figures open the page; each table follows in a section of its own."""
    opening = [f'<p class="methods">{escape(text)}</p>' for text in paragraphs]
    opening += [figure_html(f) for f in figures]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if opening:
        out.append(f"<section>{''.join(opening)}</section>")
    out += [
        f"<section><h2>{escape(table.title)}</h2>{sheet_table(table)}</section>" for table in tables
    ]
    out.append("</body></html>")
    return "\n".join(out)


def sheet_table(table: Sheet) -> str:
    """One sheet as an HTML table, numbers right-aligned."""
    out = ["<table><thead><tr>"]
    out += [f"<th>{escape(column.header)}</th>" for column in table.columns]
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=False):
            numeric = ' class="num"' if column.kind in ("int", "float") else ""
            cells.append(f"<td{numeric}>{escape(cell_text(value))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def figure_html(figure: ReportFigure) -> str:
    """The SVG inline under its caption; the alt text is the picture's label for a screen
    reader, which reads it instead of the drawing's paths."""
    return (
        f'<figure><div role="img" aria-label="{escape(figure.alt)}">{figure.svg}</div>'
        f"<figcaption>{escape(figure.title)}</figcaption></figure>"
    )


def write_html(
    path: Path,
    title: str,
    paragraphs: Sequence[str],
    tables: Sequence[Sheet],
    figures: Sequence[ReportFigure] = (),
) -> None:
    """Replace `path` only once the whole page is written."""
    path = Path(path)
    page = render_html(title, paragraphs, tables, figures)
    with atomic_output(path) as temporary, blamed_on(path):
        Path(temporary).write_text(page, encoding="utf-8")
