"""Reading a table (.csv or .xlsx) into strings, with the row numbers a spreadsheet shows.

Importers of articles and of codings both read tables; they get every value as a string
so that an id typed in Excel ("17") and the same id in a CSV compare equal, and every
row with the number the user sees in Excel, so that an error can point at it.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from stancecoder.core.errors import InputFileError
from stancecoder.io.encoding import read_bytes, read_text
from stancecoder.io.limits import DEFAULT_LIMITS, ImportLimits, size_text, too_large
from stancecoder.io.packages import check_package

TABLE_SUFFIXES = (".csv", ".xlsx")
_DELIMITERS = (",", ";", "\t")
# Enough records to tell the delimiter by, without parsing a large file twice.
_SNIFF_RECORDS = 50


@dataclass(frozen=True)
class Table:
    """The rows of a table under its header; `row_numbers[i]` is the sheet row of `rows[i]`
    (the header being row 1 in the usual case); rows with no value at all are left out."""

    path: Path
    columns: list[str]
    rows: list[dict[str, str]]
    row_numbers: list[int]


def read_table(
    path: Path, required: Sequence[str] = (), limits: ImportLimits = DEFAULT_LIMITS
) -> Table:
    """Read the first sheet of an .xlsx file or a .csv file (delimiter , ; or tab).

    Raises InputFileError when the file cannot be read, its header is empty or repeats a
    name (ignoring case), a value stands under no header, a cell is longer than an
    article may be, or a `required` column is missing.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = _table(path, _csv_records(path, limits), "empty file (no header row)")
    elif suffix == ".xlsx":
        table = _table(path, _xlsx_records(path, limits), "the first sheet is empty")
    else:
        raise InputFileError(path, f"not a table: {suffix or 'no suffix'} (use .csv or .xlsx)")
    missing = [name for name in required if name not in table.columns]
    if missing:
        raise missing_columns(path, missing, table.columns)
    return table


def missing_columns(path: Path, missing: Sequence[str], found: Sequence[str]) -> InputFileError:
    """The error for a table without the columns an importer needs, naming those it has."""
    return InputFileError(
        path, f"missing column(s): {', '.join(missing)} (columns found: {', '.join(found)})"
    )


def csv_table(path: Path, text: str, limits: ImportLimits = DEFAULT_LIMITS) -> Table:
    """A CSV file already read as text, as `read_table` reads one: for an importer that
    had to look at the content before knowing it was a table."""
    return _table(path, _csv_rows(path, text, limits), "empty file (no header row)")


def _csv_records(path: Path, limits: ImportLimits) -> list[tuple[int, list[str]]]:
    return _csv_rows(path, read_text(path, limits.max_file_bytes), limits)


def _csv_rows(path: Path, text: str, limits: ImportLimits) -> list[tuple[int, list[str]]]:
    rows: list[list[str]] = []
    with _cell_limit(limits.max_article_bytes):
        delimiter = _sniff_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            rows.extend(reader)
        except csv.Error as error:
            where = f"row {len(rows) + 1} (line {reader.line_num})"
            if "field larger than field limit" in str(error):
                limit = f"{size_text(limits.max_article_bytes)} per article"
                raise too_large(path, f"{where}: a cell is longer", limit) from error
            raise InputFileError(path, f"{where}: not readable as CSV ({error})") from error
    return list(enumerate(rows, start=1))


@contextmanager
def _cell_limit(characters: int) -> Iterator[None]:
    """Let the csv module read cells up to the largest article, and no longer.

    Its own limit (128 K characters) is below many a long article; without one, an
    unclosed quote reads the rest of the file into one cell. The limit is the module's
    global setting, so it is restored afterwards.
    """
    previous = csv.field_size_limit(characters)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header into the most columns, no record into more.

    Parsing, rather than counting characters, lets quoted article texts full of commas
    sit in a semicolon-separated file.
    """
    best, best_width = ",", 1
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            records = [row for _, row in zip(range(_SNIFF_RECORDS), reader, strict=False) if row]
        except csv.Error:
            continue
        width = len(records[0]) if records else 0
        if width > best_width and all(len(row) <= width for row in records):
            best, best_width = delimiter, width
    return best


def _xlsx_records(path: Path, limits: ImportLimits) -> list[tuple[int, list[str]]]:
    """The rows of the first sheet, the package checked first (see `check_package`).

    openpyxl meets damaged parts with whatever error the missing piece causes, so any
    error inside it means a damaged file; only running out of memory or stack is left to
    say what it is.
    """
    data = read_bytes(path, limits.max_file_bytes)
    check_package(path, data, ".xlsx", limits)
    try:
        return _xlsx_rows(data)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:
        reason = f"not a readable .xlsx file (damaged or not Excel: {type(error).__name__})"
        raise InputFileError(path, reason) from error


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    # openpyxl is imported on first use: it adds a quarter of a second to every start
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(min_row=1, values_only=True)
        return [(number, [_cell_text(v) for v in values]) for number, values in enumerate(rows, 1)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell as the user reads it: 3 not 3.0, dates as ISO, empty cells as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _table(path: Path, records: Iterable[tuple[int, list[str]]], empty: str) -> Table:
    filled = [(number, values) for number, values in records if any(v.strip() for v in values)]
    if not filled:
        raise InputFileError(path, empty)
    header = [name.strip() for name in filled[0][1]]
    _check_header(path, header)
    rows: list[dict[str, str]] = []
    row_numbers: list[int] = []
    for number, values in filled[1:]:
        for index, value in enumerate(values):
            if value.strip() and (index >= len(header) or not header[index]):
                from openpyxl.utils import get_column_letter

                column = get_column_letter(index + 1)
                raise InputFileError(
                    path, f"row {number}: a value in column {column}, which has no header"
                )
        rows.append(
            {name: (values[i] if i < len(values) else "") for i, name in enumerate(header) if name}
        )
        row_numbers.append(number)
    return Table(path, [name for name in header if name], rows, row_numbers)


def _check_header(path: Path, header: list[str]) -> None:
    seen: dict[str, str] = {}
    duplicates: list[str] = []
    for name in filter(None, header):
        key = name.casefold()
        if key in seen and seen[key] not in duplicates:
            duplicates.append(seen[key])
        seen.setdefault(key, name)
    if duplicates:
        raise InputFileError(path, f"duplicate column name(s): {', '.join(duplicates)}")
