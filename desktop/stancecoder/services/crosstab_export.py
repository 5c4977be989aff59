"""A crosstab or a co-occurrence for a file (.xlsx or .csv) or as JSON: one row per cell
and per coder's table, every figure of the cell, and the layer named in every row, so a
row copied elsewhere still says whose codings it counts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stancecoder.core.crosstab import Cell
from stancecoder.core.errors import ValidationError
from stancecoder.io.csv_writer import write_csv
from stancecoder.io.sheets import Column, Sheet
from stancecoder.io.xlsx_writer import write_xlsx
from stancecoder.services.crosstab import Cooccurrences, Crosstabs
from stancecoder.services.output_target import check_output

if TYPE_CHECKING:
    from stancecoder.services.project import Project

SUFFIXES = (".xlsx", ".csv")
SHEET = "Crosstab"
PAIRS_SHEET = "Co-occurrence"


def crosstab_columns(tabs: Crosstabs) -> list[Column]:
    scale = tabs.stance_variable or "stance"
    return [
        Column("layer", width=24), Column(tabs.rows, width=24), Column(tabs.columns, width=24),
        Column("passages", "int"), Column("articles", "int"), Column(f"mean {scale}", "float"),
        Column("95% CI low", "float"), Column("95% CI high", "float"),
        Column(f"passages with a {scale}", "int"),
    ]  # fmt: skip


def crosstab_rows(tabs: Crosstabs) -> list[list[object]]:
    """Every cell with passages, each table's row totals, column totals and total last;
    a total's category is empty."""
    rows: list[list[object]] = []
    for coder_table in tabs.tables:
        table = coder_table.table
        keys: list[tuple[str | None, str | None]] = [
            (r, c) for r in table.row_keys for c in table.column_keys
        ]
        keys += [(r, None) for r in table.row_keys] + [(None, c) for c in table.column_keys]
        for row, column in [*keys, (None, None)]:
            cell = table.cell(row, column)
            if cell.passages:
                rows.append([coder_table.title, row, column, *_figures(cell)])
    return rows


def crosstab_records(tabs: Crosstabs) -> dict[str, object]:
    """The tables as one JSON object: the layer, the dimensions, and per coder's table its
    cells (a total's category is null) and the passages left out."""
    return {
        "title": tabs.title,
        "layer": tabs.layer.title,
        "rows": tabs.rows,
        "columns": tabs.columns,
        "stance_variable": tabs.stance_variable,
        "tables": [
            {
                "coder": coder_table.coder,
                "title": coder_table.title,
                "left_out": coder_table.table.left_out,
                "cells": [
                    dict(zip(("row", "column", "passages", "articles", "mean", "low", "high",
                              "n"), row[1:], strict=True))
                    for row in crosstab_rows(tabs) if row[0] == coder_table.title
                ],
            }
            for coder_table in tabs.tables
        ],
    }  # fmt: skip


def cooccurrence_rows(co: Cooccurrences) -> list[list[object]]:
    """Every pair of codes found together at least in one article, both ways round, with
    the passages and the articles holding both."""
    rows: list[list[object]] = []
    for coder_matrix in co.tables:
        matrix = coder_matrix.matrix
        for first in matrix.keys:
            for second in matrix.keys:
                articles = matrix.in_articles(first, second)
                if articles:
                    passages = len(matrix.in_passages(first, second))
                    rows.append([coder_matrix.title, first, second, passages, len(articles)])
    return rows


def export_crosstab(project: Project, tabs: Crosstabs, path: Path) -> int:
    """Write the tables to `path` (.xlsx or .csv); return the rows written."""
    return _write(project, path, SHEET, crosstab_columns(tabs), crosstab_rows(tabs))


def export_cooccurrence(project: Project, co: Cooccurrences, path: Path) -> int:
    """Write the matrices to `path` (.xlsx or .csv), a pair a row; return the rows written."""
    columns = [
        Column("layer", width=24), Column("code", width=30), Column("with code", width=30),
        Column("passages", "int"), Column("articles", "int"),
    ]  # fmt: skip
    return _write(project, path, PAIRS_SHEET, columns, cooccurrence_rows(co))


def _write(
    project: Project, path: Path, sheet: str, columns: list[Column], rows: list[list[object]]
) -> int:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(f"cannot write a table to {path.name}: use a .xlsx or .csv name")
    check_output(path, project)
    if suffix == ".csv":
        return write_csv(path, columns, rows)
    return write_xlsx(path, [Sheet(sheet, columns, rows)]).rows_written[sheet]


def _figures(cell: Cell) -> list[object]:
    mean = cell.stance
    return [cell.passages, cell.articles, mean.mean, mean.low, mean.high, mean.n]
