"""`stancecoder reliability`: agreement for data coded anywhere, read from a CSV or XLSX.

Coding data: one row per unit, one column per coder, an empty cell for a missing value (a
leading `unit` or `id` column names the units and is not a coder). Unitizing data: the
columns `coder, start, end, category`, half-open offsets on a continuum.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from stancecoder.core.agreement import (
    ReliabilityData,
    Result,
    Unit,
    all_statistics,
    unitizing_alpha_all,
)
from stancecoder.core.errors import InputFileError
from stancecoder.io.tables import read_table

UNIT_COLUMNS = ("unit", "id")
UNITIZING_COLUMNS = ("coder", "start", "end", "category")


def coding_agreement(
    path: Path, level: str, replicates: int = 1000, seed: int | None = None
) -> list[Result]:
    """Every statistic that applies; α with its bootstrap CI and P(α < .800, .667)."""
    table = read_table(path)
    coders = [c for c in table.columns if c.casefold() not in UNIT_COLUMNS]
    if len(coders) < 2:
        raise InputFileError(path, f"needs a column per coder, at least 2 (found: {coders})")
    matrix = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        matrix.append([_value(path, number, coder, row[coder], level) for coder in coders])
    data = ReliabilityData(matrix)
    results = all_statistics(data, level, replicates=replicates, seed=seed)
    return [replace(r, level=r.level or level) for r in results]


def unitizing_agreement(path: Path, begin: int, end: int) -> list[Result]:
    table = read_table(path, required=UNITIZING_COLUMNS)
    units = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        try:
            units.append(
                Unit(row["coder"].strip(), int(row["start"]), int(row["end"]), row["category"])
            )
        except ValueError as exc:
            raise InputFileError(path, f"row {number}: {exc}") from exc
    try:
        return unitizing_alpha_all(units, begin, end)
    except ValueError as exc:
        raise InputFileError(path, str(exc)) from exc


def _value(path: Path, number: int, coder: str, cell: str, level: str) -> object:
    text = cell.strip()
    if not text:
        return None
    if level == "nominal":
        return text
    try:
        return float(text.replace("−", "-"))
    except ValueError:
        raise InputFileError(
            path, f"row {number}, column {coder}: {text!r} is not a number ({level} level)"
        ) from None
