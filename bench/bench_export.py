"""Excel export of every passage, against a bare openpyxl write-only loop as the peer.

The product path is `services.export.export` to a new .xlsx file (all five sheets). The
peer writes the same rows of the same five sheets, read beforehand and not timed, with
dates and times as text, in openpyxl's write-only mode with nothing else: no styles, no
widths, no checks. Its time is what writing the cells costs; the rest of the export's
time is what the product adds.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from functools import partial
from pathlib import Path

from measure import Figure, measured
from openpyxl import Workbook

from stancecoder.services.export import about_sheet, codebook_sheet, export
from stancecoder.services.export_rows import CodingRows, ExportFilter, article_sheet
from stancecoder.services.export_summary import summary_sheet
from stancecoder.services.project import Project

Table = tuple[str, list[list[object]]]


def export_figures(project: Project, passages: int, runs: int) -> list[Figure]:
    tables = _plain_tables(project)
    with tempfile.TemporaryDirectory() as scratch:
        ours = Path(scratch) / "export.xlsx"
        theirs = Path(scratch) / "peer.xlsx"
        peer = measured(
            Figure("bare openpyxl write-only loop, same rows", "s"),
            partial(_write_plain, tables, theirs),
            runs,
        )
        figure = Figure(f"Excel export of {passages:,} passages", "s", limit=20, ratio_limit=1.3)
        figure.peer = peer
        measured(figure, partial(export, project, ours), runs)
    return [figure, peer]


def _plain_tables(project: Project) -> list[Table]:
    """Every sheet of the export as header + rows of text and numbers."""
    filters = ExportFilter()
    with project.transaction() as session:
        coding = CodingRows(session, filters)
        sheets = [
            ("Codings", (coding.columns(), list(coding.rows()))),
            ("Articles", article_sheet(session, filters)),
            ("Codebook", codebook_sheet(session)),
            ("Summary", summary_sheet(coding)),
            ("About", about_sheet(project, session, filters, coding)),
        ]
        return [
            (title, [[c.header for c in columns], *([_plain(v) for v in row] for row in rows)])
            for title, (columns, rows) in sheets
        ]


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _write_plain(tables: list[Table], path: Path) -> None:
    workbook = Workbook(write_only=True)
    for title, rows in tables:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
