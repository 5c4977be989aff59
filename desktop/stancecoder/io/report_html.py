"""A report as one standalone HTML page: every value escaped, no scripts, no external files.

It takes the same `Sheet`s the Excel writer takes, so both exports show the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.report_page import PageFigure
from stancecoder.io.sheets import Sheet, blamed_on

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
p.methods { background: #f7f7f7; padding: 0.8em; border-left: 4px solid #888; }
figure { margin: 0.5em 0 2em; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #444; margin-top: 0.3em; }
@media print { figure { break-inside: avoid; } h2 ~ h2 { break-before: page; } }
"""


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
    figures: Sequence[PageFigure] = (),
) -> str:
    """`figures` follow the first table, the one a reader looks at first."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    out += [f'<p class="methods">{escape(text)}</p>' for text in paragraphs]
    for index, table in enumerate(tables):
        if index == 1:
            out += [figure_html(f) for f in figures]
        out.append(f"<h2>{escape(table.title)}</h2><table><thead><tr>")
        out += [f"<th>{escape(column.header)}</th>" for column in table.columns]
        out.append("</tr></thead><tbody>")
        for row in table.rows:
            cells = []
            for column, value in zip(table.columns, row, strict=False):
                numeric = ' class="num"' if column.kind in ("int", "float") else ""
                cells.append(f"<td{numeric}>{escape(cell_text(value))}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
    if len(tables) < 2:
        out += [figure_html(f) for f in figures]
    out.append("</body></html>")
    return "\n".join(out)


def figure_html(figure: PageFigure) -> str:
    return f"<figure>{figure.svg}<figcaption>{escape(figure.title)}</figcaption></figure>"


def write_html(
    path: Path,
    title: str,
    paragraphs: Sequence[str],
    tables: Sequence[Sheet],
    figures: Sequence[PageFigure] = (),
) -> None:
    """Replace `path` only once the whole page is written."""
    path = Path(path)
    page = render_html(title, paragraphs, tables, figures)
    with atomic_output(path) as temporary, blamed_on(path):
        Path(temporary).write_text(page, encoding="utf-8")
