"""The agreement report as the page a methods reviewer reads: the methods paragraph once,
Table 1, coverage, the figures, Table 2, the disagreements in their words and the warnings
per variable, then any further tables (the reliability rounds).

One self-contained file: every value escaped, no scripts, no external references, so it
opens the same from an e-mail, offline, years later. Pictures come in as SVG markup and are
inlined. The print style sheet shared with the other report pages (`report_html.PRINT`)
gives each section its own page with margins that suit A4 and Letter alike and drops
background colours; here the methods and Table 1 share the first page, the one a reviewer
reads. The PDF (`report_pdf`) lays out the same page by the same sheet, with the paper
tables' column widths written out (`column_widths`): a browser fits a table's columns to
their content itself, xhtml2pdf gives every column the same width.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from math import ceil
from pathlib import Path

from stancecoder.core.agreement.apa import apa_count
from stancecoder.core.agreement.coverage_text import coverage_table
from stancecoder.core.agreement.paper_table import Cell, PaperTable, table_one, table_two
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.report_sections import (
    codes_given,
    disagreement_groups,
    no_disagreements_text,
    warning_groups,
)
from stancecoder.core.version import __version__
from stancecoder.core.wording import counted
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.report_html import PRINT, figure_html, sheet_table
from stancecoder.io.report_page import ReportFigure
from stancecoder.io.sheets import Sheet, blamed_on

NUMERIC = ' class="num"'
ITALIC = {"n"}  # APA sets Latin statistical symbols in italics
VERDICTS = {"reliable", "tentative", "discard"}
NARROWEST = 3  # characters: the least a column's content is taken to need
WRAPPED = 24  # characters: a longer text wraps rather than squeeze the other columns
SHORT_WORD = 4  # characters: a shorter word of a heading is not a line of its own
BOLD = 1.15  # a heading's bold letters are as wide as this many of a cell's

STYLE = (
    """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1b1b1b; background: #fff; max-width: 1180px; margin: 0 auto; padding: 20px 32px; }
h1 { font-size: 1.55em; margin: 0 0 .15em; }
h2 { font-size: 1.15em; margin: 1.5em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 1em 0 .3em; }
p.facts { color: #555; margin: 0 0 1em; }
p.methods { max-width: 62em; }
table { border-collapse: collapse; margin: .3em 0 .2em; }
table.paper { border-top: 2px solid #222; border-bottom: 2px solid #222; }
caption { caption-side: top; text-align: left; padding-bottom: .5em; }
caption b { display: block; font-size: 1.1em; margin-top: 1.4em; }
th { font-weight: 600; text-align: left; vertical-align: bottom; padding: .3em .7em;
     border-bottom: 1px solid #222; }
td { padding: .25em .7em; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table:not(.paper) td, table:not(.paper) th { border: 1px solid #ccc; font-size: .9em; }
sup { font-size: .75em; line-height: 0; }
p.note { font-size: .88em; color: #333; max-width: 70em; margin: .35em 0; }
.reliable { color: #22663f; } .tentative { color: #8a5200; } .discard { color: #a3221b; }
ul.disagreements, ul.warnings { padding-left: 1.2em; margin: .2em 0 .8em; }
ul.disagreements li { margin: .35em 0; }
cite { font-style: normal; font-weight: 600; }
mark { background: #fdf0b3; padding: 0 .1em; }  /* not `color: inherit`: xhtml2pdf fails on it */
.codes { color: #444; white-space: nowrap; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9em; color: #333; }
"""
    + PRINT
    + """
@media print {
  #table-1 { break-before: auto; }  /* the methods and Table 1: the page a reviewer reads */
  mark { text-decoration: underline; }
}
"""
)


def render_report_page(
    report: AgreementReport,
    figures: Sequence[ReportFigure] = (),
    further: Sequence[Sheet] = (),
    listed: int | None = None,
    widths: bool = False,
) -> str:
    """The page; `figures` fill the Figures section (left out when there are none), and
    `further` tables follow the report's own sections. `listed` caps the disagreements
    shown per variable (for print), saying how many more the workbook has; `widths` gives
    the paper tables' columns widths for their content (for the PDF)."""
    title = f"Inter-coder agreement: {report.project}"
    sections = [
        _section("methods", "Methods", f'<p class="methods">{escape(report.methods)}</p>'),
        _section("table-1", "", paper_table(table_one(report), widths)),
    ]
    coverage = coverage_table(report)
    if coverage is not None:
        sections.append(_section("coverage", "Coverage", paper_table(coverage, widths)))
    if figures:
        sections.append(_section("figures", "Figures", "".join(map(figure_html, figures))))
    others = table_two(report)
    if others is not None:
        sections.append(_section("table-2", "", paper_table(others, widths)))
    sections.append(_section("disagreements", "Disagreements", _disagreements(report, listed)))
    warnings = warning_groups(report)
    if warnings:
        items = "".join(f"<li><b>{escape(v)}</b>: {escape(t)}</li>" for v, t in warnings)
        sections.append(_section("warnings", "Warnings", f'<ul class="warnings">{items}</ul>'))
    if further:
        tables = "".join(f"<h3>{escape(t.title)}</h3>{sheet_table(t)}" for t in further)
        sections.append(_section("rounds", "Reliability rounds", tables))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="facts">{escape(_facts(report))}</p></header>',
        *sections,
        "</body></html>",
    ])  # fmt: skip


def write_report_page(
    path: Path,
    report: AgreementReport,
    figures: Sequence[ReportFigure] = (),
    further: Sequence[Sheet] = (),
) -> None:
    """Replace `path` only once the whole page is written."""
    path = Path(path)
    page = render_report_page(report, figures, further)
    with atomic_output(path) as temporary, blamed_on(path):
        Path(temporary).write_text(page, encoding="utf-8")


def paper_table(table: PaperTable, widths: bool = False) -> str:
    """A table as APA sets it: number and caption above, rules only at the top, under the
    headings and at the bottom, the notes below; with `widths`, each heading carries its
    column's share of the table's width (`column_widths`)."""
    numeric = [any(isinstance(row[i].value, int | float | tuple) for row in table.rows)
               for i in range(len(table.headers))]  # fmt: skip
    shares = [f' width="{share:.1f}%"' for share in column_widths(table)] if widths else None
    heads = "".join(
        f"<th{NUMERIC if numeric[i] else ''}{shares[i] if shares else ''}>{_heading(h)}</th>"
        for i, h in enumerate(table.headers)
    )
    body = "".join(
        "<tr>" + "".join(_cell(cell, numeric[i]) for i, cell in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    notes = [f'<p class="note"><i>Note.</i> {escape(table.note)}</p>']
    if table.marks:
        marked = " ".join(f"<sup>{m}</sup>&#8202;{escape(text)}" for m, text in table.marks)
        notes.append(f'<p class="note">{marked}</p>')
    label = f"<b>{escape(table.label)}</b>" if table.label else ""
    caption = f"<caption>{label}<i>{escape(table.caption)}</i></caption>"
    return (
        f'<table class="paper">{caption}<thead><tr>{heads}</tr></thead>'
        f"<tbody>{body}</tbody></table>" + "".join(notes)
    )


def column_widths(table: PaperTable) -> list[float]:
    """Each column's share of the table's width, in percent, after the characters of its
    widest content: a cell's text whole (a number never wraps, a text only past `WRAPPED`
    characters), a heading's longest line (it wraps between words, a symbol or a number
    kept with its word: "% agreement", "Unitizing α"). So the variable and its verdict get
    room and the columns of numbers stay narrow."""
    needs = []
    for i, heading in enumerate(table.headers):
        cells = [min(len(row[i].text) + len(row[i].mark), WRAPPED) for row in table.rows]
        lines = [ceil(len(line) * BOLD) for line in _heading_lines(heading)]
        needs.append(max(NARROWEST, *lines, *cells) + 1)  # and a character for the padding
    return [100 * need / sum(needs) for need in needs]


def _heading_lines(heading: str) -> list[str]:
    """Where a heading may wrap: between words, a word of fewer than `SHORT_WORD`
    characters (a symbol, a number) kept with its neighbour."""
    lines: list[str] = []
    for word in heading.split():
        if lines and min(len(word), len(lines[-1])) < SHORT_WORD:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _cell(cell: Cell, numeric: bool) -> str:
    classes = ["num"] if numeric else []
    if cell.text in VERDICTS:
        classes.append(cell.text)
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    mark = f"<sup>{cell.mark}</sup>" if cell.mark else ""
    return f"<td{attribute}>{escape(cell.text)}{mark}</td>"


def _heading(text: str) -> str:
    return f"<i>{escape(text)}</i>" if text in ITALIC else escape(text)


def _section(key: str, heading: str, body: str) -> str:
    """A section; one whose table's caption heads it has no heading of its own."""
    title = f"<h2>{escape(heading)}</h2>" if heading else ""
    return f'<section id="{key}">{title}{body}</section>'


def _facts(report: AgreementReport) -> str:
    coders = f"{counted(len(report.coders), 'coder')} ({', '.join(report.coders) or 'none'})"
    return " · ".join([
        coders, f"{counted(report.n_articles, 'article')} coded by two or more",
        f"sample: {report.round or 'all double-coded articles'}",
        f"codebook {report.codebook_version or 'unversioned'}", report.date,
        f"StanceCoder {__version__}",
    ])  # fmt: skip


def _disagreements(report: AgreementReport, listed: int | None) -> str:
    groups = disagreement_groups(report)
    if not groups:
        return f"<p>{escape(no_disagreements_text(report))}</p>"
    out = []
    for title, found in groups:
        items = "".join(
            f"<li><cite>{escape(d['title'])}</cite>: {escape(d['before'])}"
            f"“<mark>{escape(d['quote'])}</mark>”{escape(d['after'])} "
            f'<span class="codes">— {escape(codes_given(d))}</span></li>'
            for d in found[:listed]
        )
        if listed is not None and len(found) > listed:
            left = apa_count(len(found) - listed)
            items += f"<li>… {left} more: every disagreement is in the Excel export</li>"
        out.append(f"<h3>{escape(title)} ({len(found)})</h3>"
                   f'<ul class="disagreements">{items}</ul>')  # fmt: skip
    return "".join(out)
