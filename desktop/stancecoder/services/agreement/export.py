"""The agreement report and the rounds comparison as Excel, HTML and PDF, all built from the
same rows (their JSON is `core.agreement.report_json`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from stancecoder.core.agreement.coverage_text import coverage_table
from stancecoder.core.agreement.names import statistic_name
from stancecoder.core.agreement.paper_table import PaperTable, table_one, table_two
from stancecoder.core.agreement.rounds_text import cell_text, rounds_paragraph
from stancecoder.core.agreement.variable_stats import Disagreement, interpret
from stancecoder.core.errors import ValidationError
from stancecoder.io.agreement_page import render_report_page, write_report_page
from stancecoder.io.report_html import render_html, write_html
from stancecoder.io.report_page import PAPERS
from stancecoder.io.sheets import Column, ColumnKind, Sheet
from stancecoder.io.xlsx_writer import write_xlsx
from stancecoder.services.agreement.figures import report_figures, rounds_figures
from stancecoder.services.output_target import check_output

if TYPE_CHECKING:
    from stancecoder.core.agreement.report import AgreementReport
    from stancecoder.core.agreement.rounds import RoundsReport
    from stancecoder.services.project import Project

FILE_SUFFIXES = (".xlsx", ".html", ".htm", ".pdf")

F: ColumnKind = "float"
N: ColumnKind = "int"


def report_sheets(report: AgreementReport) -> list[Sheet]:
    summary = [
        ["project", report.project], ["date", report.date], ["unit", report.unit],
        ["unit definition", report.unit_definition], ["codebook version", report.codebook_version],
        ["round", report.round or "all double-coded articles"],
        ["coders", ", ".join(report.coders)],
        ["articles coded by 2+ coders", str(report.n_articles)],
        *[[f"unmatched passages of {c}", str(n)] for c, n in report.unmatched.items()],
        *[[f"passages of {c} covering no sentence by half", str(n)]
          for c, n in report.left_out.items()],
        *[["warning", w] for v in report.variables for w in v.warnings],
        ["methods", report.methods],
    ]  # fmt: skip
    stats = [
        [v.name, v.scope, v.level, v.unit, statistic_name(r.name), r.value,
         *(r.ci95 or (None, None)), r.n_units, r.n_coders,
         interpret(r) if r is v.main else (r.reason or "")]
        for v in report.variables for r in v.results
    ]  # fmt: skip
    codes = [
        [v.name, r.category, statistic_name(r.name), r.value, r.n_units, interpret(r)]
        for v in report.variables for r in v.per_code
    ]  # fmt: skip
    pairs = [
        [v.name, a, b, alpha.value, p.value, alpha.n_units, interpret(alpha)]
        for v in report.variables for a, b, alpha, p in v.per_pair
    ]  # fmt: skip
    coincidences = [
        [v.name, row_label, col_label, count]
        for v in report.variables
        for row_label, row in zip(v.categories, v.coincidences, strict=False)
        for col_label, count in zip(v.categories, row, strict=True) if count
    ]  # fmt: skip
    disagreements = [
        [d["variable"], d["article"], d["title"], d["before"], d["quote"], d["after"], coder,
         _span(d, coder), label]
        for v in report.variables for d in v.disagreements
        for coder, label in d["codes"].items()
    ]  # fmt: skip
    raw = [
        [v.name, article, where, *(labels.get(c, "") for c in report.coders)]
        for v in report.variables for article, where, labels, _ in v.raw
    ]  # fmt: skip
    papers = [("Table 1", table_one(report)), ("Coverage", coverage_table(report)),
              ("Table 2", table_two(report))]  # fmt: skip
    return [
        Sheet("Summary", [Column("item"), Column("value", width=80, wrap=True)], summary),
        *[paper_sheet(title, table) for title, table in papers if table is not None],
        coverage_sheet(report),
        Sheet("Variables", _cols("variable scope level unit statistic", [F, F, F, N, N],
              ["value", "ci95 low", "ci95 high", "units", "coders"], ["interpretation"]), stats),
        Sheet("Codes", _cols("variable code statistic", [F, N], ["value", "units"],
              ["interpretation"]), codes),
        Sheet("Coder pairs", _cols("variable coder coder", [F, F, N],
              ["alpha", "percent agreement", "units"], ["interpretation"]), pairs),
        Sheet("Coincidences", _cols("variable value value", [F], ["count"], []),
              coincidences),
        Sheet("Disagreements", [Column("variable"), Column("article", "int"), Column("title"),
              Column("before", width=30), Column("passage", width=50), Column("after", width=30),
              Column("coder"), Column("span"), Column("code")], disagreements),
        Sheet("Raw data", [Column("variable"), Column("article", "int"), Column("unit"),
              *[Column(c) for c in report.coders]], raw),
    ]  # fmt: skip


def rounds_sheets(rounds: RoundsReport) -> list[Sheet]:
    """The comparison as a paper's table (α [CI] n as text), long (a row per variable and
    round, numbers for pivoting), the rounds themselves and the change per variable."""
    figures = [
        [v.name, v.scope, v.level, v.unit, f.round, v.statistic, f.value,
         *(f.ci95 or (None, None)), f.n_units, f.n_coders, f.percent_agreement,
         f.interpretation]
        for v in rounds.variables for f in v.figures
    ]  # fmt: skip
    samples = [
        [r.name, r.kind, "closed" if r.closed else "open", ", ".join(r.coders), r.sample_size,
         r.n_articles, r.created_at, r.description]
        for r in rounds.rounds
    ]  # fmt: skip
    changes = [
        [v.name, c.first, c.last, c.rounds, c.first_value, c.last_value, c.value]
        for v in rounds.variables if (c := v.change) is not None
    ]  # fmt: skip
    side_by_side = [[v.name, v.level, *(cell_text(f) for f in v.figures)] for v in rounds.variables]
    return [
        Sheet("Rounds side by side", [Column("variable"), Column("level"),
              *[Column(r.name, width=22) for r in rounds.rounds]], side_by_side),
        Sheet("Rounds", _cols("variable scope level unit round statistic", [F, F, F, N, N, F],
              ["alpha", "ci95 low", "ci95 high", "units", "coders", "percent agreement"],
              ["interpretation"]), figures),
        Sheet("Round samples", [Column("round"), Column("kind"), Column("state"),
              Column("coders", width=30), Column("articles drawn", "int"),
              Column("double-coded", "int"), Column("created", "datetime"),
              Column("how drawn", wrap=True)], samples),
        Sheet("Change over rounds", _cols("variable from to", [N, F, F, F],
              ["rounds", "alpha from", "alpha to", "change"], []), changes),
    ]  # fmt: skip


def paper_sheet(title: str, table: PaperTable) -> Sheet:
    """A paper's table for those who recompute: every figure at full precision (an interval
    as two columns), and per row the notes its printed cells point to."""
    kinds = [_kind([row[i].value for row in table.rows]) for i in range(len(table.headers))]
    columns: list[Column] = []
    for header, kind in zip(table.headers, kinds, strict=True):
        if kind == "pair":
            columns += [Column(f"{header} low", F), Column(f"{header} high", F)]
        else:
            columns.append(Column(header, kind))
    columns.append(Column("notes", width=60, wrap=True))
    marks = dict(table.marks)
    rows: list[list[object]] = []
    for row in table.rows:
        cells: list[object] = []
        for cell, kind in zip(row, kinds, strict=True):
            if kind == "pair":
                cells += list(cell.value) if isinstance(cell.value, tuple) else [None, None]
            else:
                cells.append(cell.text if kind == "text" else cell.value)
        notes = [
            f"{table.headers[i]}: {marks[c.mark].rstrip('.')}" for i, c in enumerate(row) if c.mark
        ]
        rows.append([*cells, "; ".join(notes)])
    rows.append([f"Note. {table.note}", *[None] * (len(columns) - 1)])
    return Sheet(title, columns, rows)


def _kind(values: list[object]) -> ColumnKind | Literal["pair"]:
    if any(isinstance(v, tuple) for v in values):
        return "pair"
    if any(isinstance(v, float) for v in values):
        return F
    return N if any(isinstance(v, int) for v in values) else "text"


def coverage_sheet(report: AgreementReport) -> Sheet:
    """Coverage per passage variable and coder, as numbers."""
    rows = [
        [v.name, v.unit, coder, coded, c.compared.get(coder, 0), coded - c.compared.get(coder, 0),
         v.n_units, v.main.value, c.where.value]
        for v in report.variables if (c := v.coverage) is not None
        for coder, coded in c.coded.items()
    ]  # fmt: skip
    return Sheet("Coverage by coder", _cols("variable unit coder", [N, N, N, N, F, F],
                 ["passages coded", "compared", "not compared", "units compared", "alpha",
                  "unitizing alpha (where)"], []), rows)  # fmt: skip


def write_report(
    project: Project,
    report: AgreementReport,
    path: Path,
    rounds: RoundsReport | None = None,
    *,
    paper: str = "a4",
) -> None:
    """`.xlsx` (one sheet per section), `.html` (the report's page with its figures) or
    `.pdf` (that page printed on `paper`) of `project`'s report; the rounds comparison,
    when given, follows the report's own sections and its figure joins the others."""
    path = Path(path)
    suffix = _checked(project, path, paper)
    further = rounds_sheets(rounds) if rounds is not None else []
    if suffix == ".xlsx":
        write_xlsx(path, report_sheets(report) + further)
        return
    figures = report_figures(report, rounds)  # drawn only for a page: a workbook has the numbers
    if suffix == ".pdf":
        from stancecoder.io.report_pdf import PRINTED_ROWS, printable, write_pdf  # xhtml2pdf

        page = render_report_page(report, figures, printable(further), PRINTED_ROWS, widths=True)
        write_pdf(path, page, paper)
    else:
        write_report_page(path, report, figures, further)


def write_rounds_report(
    project: Project, rounds: RoundsReport, path: Path, *, paper: str = "a4"
) -> None:
    """The rounds comparison alone, with what it is about on top."""
    path = Path(path)
    suffix = _checked(project, path, paper)
    summary = [
        ["project", rounds.project], ["date", rounds.date], ["unit", rounds.unit],
        ["unit definition", rounds.unit_definition],
        ["codebook version", rounds.codebook_version],
        ["bootstrap", f"{rounds.replicates} replicates, seed {rounds.seed}"],
        ["rounds", ", ".join(r.name for r in rounds.rounds)],
        ["about", rounds_paragraph(rounds)],
    ]  # fmt: skip
    summary_sheet = Sheet("Summary", [Column("item"), Column("value", width=80, wrap=True)],
                          summary)  # fmt: skip
    sheets = [summary_sheet, *rounds_sheets(rounds)]
    if suffix == ".xlsx":
        write_xlsx(path, sheets)
        return
    title, about = f"Agreement over rounds: {rounds.project}", [rounds_paragraph(rounds)]
    if suffix == ".pdf":
        from stancecoder.io.report_pdf import printable, write_pdf  # xhtml2pdf: when first used

        page = render_html(title, about, printable(sheets), rounds_figures(rounds))
        write_pdf(path, page, paper)
    else:
        write_html(path, title, about, sheets, rounds_figures(rounds))


def _checked(project: Project, path: Path, paper: str) -> str:
    """The suffix of a file the report may be written to; anything else is refused in one
    line before a figure is drawn."""
    suffix = path.suffix.lower()
    if suffix not in FILE_SUFFIXES:
        raise ValidationError(f"cannot write the report as {path.name}: use .xlsx, .html or .pdf")
    if paper not in PAPERS:
        raise ValidationError(f"unknown paper size {paper!r} (choose {', '.join(PAPERS)})")
    check_output(path, project)
    return suffix


def _cols(
    texts: str, kinds: list[ColumnKind], numeric: list[str], after: list[str]
) -> list[Column]:
    return (
        [Column(h) for h in texts.split()]
        + [Column(h, k) for h, k in zip(numeric, kinds, strict=True)]
        + [Column(h, wrap=True, width=60) for h in after]
    )


def _span(disagreement: Disagreement, coder: str) -> str:
    span = disagreement["spans"].get(coder)
    return f"[{span[0]}, {span[1]})" if span else ""
