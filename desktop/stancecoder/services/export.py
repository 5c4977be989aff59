"""Exports for papers: one Excel workbook, or the Codings table as CSV."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder import __version__
from stancecoder.core.errors import ValidationError
from stancecoder.core.status import Status
from stancecoder.db.models import Article, Coder
from stancecoder.db.store import get_setting
from stancecoder.io.csv_writer import write_csv
from stancecoder.io.sheets import Column, Sheet, WriteReport
from stancecoder.io.xlsx_writer import write_xlsx
from stancecoder.services.code_lookup import CodeLookup
from stancecoder.services.export_rows import (
    CodingRows,
    ExportFilter,
    article_sheet,
)
from stancecoder.services.export_summary import summary_sheet
from stancecoder.services.history_read import history_sheet
from stancecoder.services.output_target import check_output

if TYPE_CHECKING:
    from stancecoder.services.project import Project

EXPORT_SUFFIXES = (".xlsx", ".csv")


def export(
    project: Project,
    path: Path,
    filters: ExportFilter | None = None,
    on_row: Callable[[int], bool] | None = None,
    *,
    raw: bool = False,
    history: bool = False,
) -> WriteReport:
    """Write the workbook or, for a `.csv` path, the Codings table; refuse other suffixes.

    The CSV's text that a spreadsheet would run as a formula gets a leading "'" unless
    `raw` asks for the exact text. `history` adds the History sheet to the workbook.
    """
    path = Path(path)
    filters = filters or ExportFilter()
    if path.suffix.lower() not in EXPORT_SUFFIXES:
        raise ValidationError(f"cannot export to {path.name}: use a .xlsx or .csv file name")
    if history and path.suffix.lower() == ".csv":
        raise ValidationError("the history is a sheet of the workbook: export to a .xlsx file")
    check_output(path, project)
    with project.reading() as session:
        _check_filter(session, filters)
        coding = CodingRows(session, filters)
        if path.suffix.lower() == ".csv":
            count = write_csv(path, coding.columns(), coding.rows(), neutralise_formulas=not raw)
            return WriteReport(rows_written={"Codings": count})
        sheets = [
            Sheet("Codings", coding.columns(), coding.rows()),
            Sheet("Articles", *article_sheet(session, filters)),
            Sheet("Codebook", *codebook_sheet(session)),
            Sheet("Summary", *summary_sheet(coding)),
        ]
        if history:
            sheets.append(Sheet("History", *history_sheet(session, filters)))
        sheets.append(Sheet("About", *about_sheet(project, session, filters, coding)))
        return write_xlsx(path, sheets, on_row)


def _check_filter(session: Session, filters: ExportFilter) -> None:
    known = set(session.scalars(select(Coder.name)))
    unknown = [name for name in filters.coders if name not in known]
    if unknown:
        raise ValidationError(f"no coder called {', '.join(unknown)}")
    missing = set(filters.article_ids) - set(
        session.scalars(select(Article.id).where(Article.id.in_(filters.article_ids)))
    )
    if missing:
        raise ValidationError(f"no article with id {', '.join(map(str, sorted(missing)))}")
    if filters.status is not None and filters.status not in tuple(Status):
        raise ValidationError(f"unknown status {filters.status!r} (choose {', '.join(Status)})")


def codebook_sheet(session: Session) -> tuple[list[Column], Sequence[Sequence[object]]]:
    lookup = CodeLookup(session)
    columns = [
        Column("variable", width=14), Column("level", width=10), Column("scope", width=10),
        Column("multiple", width=9), Column("code", width=28), Column("path", width=40),
        Column("value", "float"), Column("description", wrap=True), Column("colour", width=9),
        Column("shortcut", width=12), Column("active", width=8), Column("uid", width=12),
    ]  # fmt: skip
    rows = []
    for variable in lookup.variables.values():
        for code in variable.codes:
            rows.append([
                variable.name, variable.level, variable.scope,
                "yes" if variable.multiple else "no", code.label,
                " › ".join(lookup.path(code)), code.value, code.description, code.colour,
                code.shortcut, "yes" if code.active else "no", code.uid,
            ])  # fmt: skip
    return columns, rows


def about_sheet(
    project: Project, session: Session, filters: ExportFilter, coding: CodingRows
) -> tuple[list[Column], Sequence[Sequence[object]]]:
    facts = [
        ("project", get_setting(session, "name") or project.location),
        ("location", project.location),
        ("codebook", get_setting(session, "codebook_name")),
        ("codebook version", get_setting(session, "codebook_version")),
        ("exported at (UTC)", datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")),
        ("filters", filters.describe()),
        ("codings of", coding.layer.title),
        ("StanceCoder version", __version__),
        ("times", "created and modified are in UTC"),
        ("offsets", "start/end are half-open [start, end) in Unicode code points of the text"),
    ]
    return [Column("item", width=22), Column("value", width=80)], [list(f) for f in facts]
