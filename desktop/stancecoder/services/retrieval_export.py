"""The retrieved passages as a table: for a file (.xlsx or .csv) or as JSON records, with
the same columns the retrieval view shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from stancecoder.core.errors import ValidationError
from stancecoder.io.csv_writer import write_csv
from stancecoder.io.sheets import Column, Sheet
from stancecoder.io.xlsx_writer import write_xlsx
from stancecoder.services.output_target import check_output
from stancecoder.services.retrieval import Match, Retrieved

if TYPE_CHECKING:
    from stancecoder.services.project import Project

SUFFIXES = (".xlsx", ".csv")


def match_columns(retrieved: Retrieved) -> list[Column]:
    columns = [
        Column("article id", "int"), Column("title", width=40), Column("source", width=16),
        Column("date", "date", width=12), Column("coder", width=14), Column("passage id", "int"),
        Column("start", "int"), Column("end", "int"), Column("before", width=30),
        Column("quote", wrap=True, width=40), Column("after", width=30),
    ]  # fmt: skip
    columns += [Column(name, width=24) for name in retrieved.variables]
    if retrieved.stance_variable is not None:
        columns.append(Column(f"{retrieved.stance_variable} value", "float"))
    return columns


def match_row(retrieved: Retrieved, match: Match) -> list[object]:
    """One passage's row: its whole quote, with the words either side."""
    row: list[object] = [
        match.article_id, match.title, match.source, match.published or None, match.coder,
        match.passage_id, match.start, match.end, match.context.before, match.quote,
        match.context.after,
    ]  # fmt: skip
    row += ["; ".join(match.codes.get(name, ())) or None for name in retrieved.variables]
    if retrieved.stance_variable is not None:
        row.append(match.stance)
    return row


def match_records(retrieved: Retrieved) -> list[dict[str, object]]:
    """The rows as JSON objects: codes as lists, the passage in context as one string."""
    records = []
    for match in retrieved.matches:
        record: dict[str, object] = {
            "article_id": match.article_id, "title": match.title, "source": match.source,
            "date": match.published or None, "coder": match.coder,
            "passage_id": match.passage_id, "start": match.start, "end": match.end,
            "quote": match.quote, "in_context": match.context.plain(),
            "codes": {name: list(match.codes.get(name, ())) for name in retrieved.variables},
        }  # fmt: skip
        if retrieved.stance_variable is not None:
            record["stance"] = match.stance
        records.append(record)
    return records


def export_passages(
    project: Project,
    retrieved: Retrieved,
    path: Path,
    on_row: Callable[[int], bool] | None = None,
) -> int:
    """Write the matches to `path` (.xlsx or .csv); return the rows written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(f"cannot write passages to {path.name}: use a .xlsx or .csv name")
    check_output(path, project)
    columns = match_columns(retrieved)
    rows = (match_row(retrieved, match) for match in retrieved.matches)
    if suffix == ".csv":
        return write_csv(path, columns, rows)
    report = write_xlsx(path, [Sheet("Passages", columns, rows)], on_row)
    return report.rows_written["Passages"]
