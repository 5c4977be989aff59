"""Files for statistics programs: SPSS `.sav` and Stata `.dta` through pyreadstat, with
labels, value labels and levels of measurement; for R a CSV and its codebook beside it.
Each file appears whole or not at all (`atomic_files`); the CSV only once its codebook is
written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from stancecoder.core.errors import OutputError
from stancecoder.core.stats_export.fitting import FittedColumn, FittedTable
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.csv_writer import write_csv
from stancecoder.io.sheets import Column, blamed_on

STATA_VERSION = 14  # format 118: UTF-8 and long strings, read by Stata 14 and later
CODEBOOK_SUFFIX = ".codebook.md"


def codebook_path(csv_path: Path) -> Path:
    """`study.csv` -> `study.codebook.md`, beside it."""
    return csv_path.with_name(csv_path.stem + CODEBOOK_SUFFIX)


def write_sav(path: Path, fitted: FittedTable, file_label: str) -> None:
    import pyreadstat

    measures: dict[str, str] = {c.name: c.column.measure for c in fitted.columns}
    _write(path, fitted, lambda frame, target, **labels: pyreadstat.write_sav(
        frame, target, file_label=file_label, variable_measure=measures, **labels))  # fmt: skip


def write_dta(path: Path, fitted: FittedTable, file_label: str) -> None:
    import pyreadstat

    _write(path, fitted, lambda frame, target, **labels: pyreadstat.write_dta(
        frame, target, file_label=file_label, version=STATA_VERSION, **labels))  # fmt: skip


def write_r_files(path: Path, fitted: FittedTable, codebook: str) -> Path:
    """Write the CSV (labels of nominal codes as text, exact text, no byte order mark) and
    the codebook; return the codebook's path."""
    notes = codebook_path(path)
    with atomic_output(notes) as temporary:
        with blamed_on(notes):
            temporary.write_text(codebook, encoding="utf-8")
        columns = [Column(c.name, "text" if c.column.labels_in_csv else c.column.kind)
                   for c in fitted.columns]  # fmt: skip
        write_csv(path, columns, _csv_rows(fitted), neutralise_formulas=False,
                  byte_order_mark=False)  # fmt: skip
    return notes


def _write(path: Path, fitted: FittedTable, writer: Any) -> None:
    from pyreadstat import PyreadstatError, ReadstatError

    frame = _frame(fitted)
    labels = {c.name: c.label for c in fitted.columns}
    values = {c.name: dict(c.value_labels) for c in fitted.columns if c.value_labels}
    with atomic_output(path) as temporary:
        try:
            with blamed_on(path):
                writer(frame, str(temporary), column_labels=labels, variable_value_labels=values)
        except (ReadstatError, PyreadstatError) as error:
            raise OutputError(
                f"Cannot write {path}: {error} (is the disk full, or the file too large?)."
            ) from error


def _frame(fitted: FittedTable) -> Any:
    """The rows as a DataFrame of the types the programs keep: whole numbers as integers
    where none is missing, text with "" for none (Stata's long strings take no missing
    value), dates as dates."""
    import pandas as pd

    data: dict[str, Any] = {}
    for index, column in enumerate(fitted.columns):
        values = [row[index] for row in fitted.table.rows]
        kind = column.column.kind
        if kind == "text":
            data[column.name] = pd.Series(["" if v is None else str(v) for v in values],
                                          dtype=object)  # fmt: skip
        elif kind == "date":
            data[column.name] = pd.Series(values, dtype=object)
        elif kind == "int" and None not in values:
            data[column.name] = pd.Series(values, dtype="int64")
        else:
            data[column.name] = pd.Series(values, dtype="float64")
    return pd.DataFrame(data, columns=[c.name for c in fitted.columns])


def _csv_rows(fitted: FittedTable) -> Iterator[list[object]]:
    names = [_level_names(c) for c in fitted.columns]
    for row in fitted.table.rows:
        yield [value if by is None or value is None else by[cast(int, value)]
               for value, by in zip(row, names, strict=True)]  # fmt: skip


def _level_names(column: FittedColumn) -> dict[int, str] | None:
    """The full names of a nominal code's levels (never cut: R takes any length)."""
    if not column.column.labels_in_csv:
        return None
    return dict(column.column.value_labels)
