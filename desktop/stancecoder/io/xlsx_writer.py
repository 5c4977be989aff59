"""Stream sheets into an .xlsx workbook that shows in Excel exactly what the rows held.

XlsxWriter's constant-memory mode writes each row out as soon as the next one starts, so
memory stays flat however many rows there are, and its typed `write_*` calls cost far less
per styled cell than openpyxl's cell objects. Every value is written as what it is: numbers
as numbers, dates as real dates, and text as text even when it begins with "=".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import UTC, date, datetime
from decimal import Decimal
from numbers import Real
from pathlib import Path

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from stancecoder.core.errors import StanceCoderError
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.pending import tracked
from stancecoder.io.sheets import (
    Column,
    ExportCancelled,
    Sheet,
    WriteReport,
    blamed_on,
    check_titles,
    checked_rows,
    describe_write_error,
)

CELL_LIMIT = 32_767
"""Excel's limit on the length of a cell's text, counted in UTF-16 code units."""
ROW_LIMIT = 1_048_576
"""Excel's limit on the rows of a sheet, the header row included."""

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
WRAP_WIDTH = 60
MIN_WIDTH, MAX_WIDTH = 8, 60
FILTER_BUTTON_WIDTH = 2

# XML 1.0 has no place for most control characters, lone surrogates (which cannot even be
# encoded) or the two non-characters U+FFFE and U+FFFF.
_UNWRITABLE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?"
)

_WORKBOOK_OPTIONS = {
    "constant_memory": True,
    # Quotes such as "=SUM(A1)", "http://..." or "007" are text, never formulas, links or numbers.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

Put = Callable[[int, object], None]
"""Writes one value into its column at a 0-based row."""


def write_xlsx(
    path: Path, sheets: Sequence[Sheet], on_row: Callable[[int], bool] | None = None
) -> WriteReport:
    """Write `sheets` to `path`, replacing it only once the whole workbook is written.

    `on_row(n)` is called after every data row with the number of rows written so far across
    all sheets; returning False cancels with `ExportCancelled` and leaves `path` untouched.
    """
    path = Path(path)
    check_titles(sheets)
    report = WriteReport()
    # XlsxWriter keeps each sheet's rows in files of its own until it zips the workbook; the
    # scratch folder of a tracked write holds them, so that even a kill leaves none behind.
    with atomic_output(path) as temporary, tracked() as streams:
        workbook = Workbook(str(temporary), {**_WORKBOOK_OPTIONS, "tmpdir": str(streams)})
        try:
            styles = _Styles(workbook)
            written = 0
            for sheet in sheets:
                with blamed_on(path):
                    worksheet = workbook.add_worksheet(sheet.title)
                written = _write_sheet(worksheet, sheet, styles, report, written, on_row, path)
            with blamed_on(path):
                _close(workbook)
        except BaseException:
            _close_streams(workbook)
            raise
    return report


def _write_sheet(
    worksheet: Worksheet,
    sheet: Sheet,
    styles: _Styles,
    report: WriteReport,
    written: int,
    on_row: Callable[[int], bool] | None,
    path: Path,
) -> int:
    columns = list(sheet.columns)
    worksheet.freeze_panes(1, 0)
    for index, column in enumerate(columns):
        worksheet.set_column(index, index, _width(column))
        with blamed_on(path):
            worksheet.write_string(0, index, _writable(column.header), styles.bold)

    cells = _CellWriter(worksheet, sheet.title, styles, report)
    puts = [cells.put(index, column) for index, column in enumerate(columns)]
    row = 0
    for values in checked_rows(sheet.title, columns, sheet.rows):
        row += 1
        if row == ROW_LIMIT:
            raise StanceCoderError(
                f"Sheet {sheet.title!r} has more than {ROW_LIMIT - 1:,} rows, more than Excel "
                "can show; export to CSV instead."
            )
        try:
            for put, value in zip(puts, values, strict=True):
                put(row, value)  # writes the previous row to its stream: a full disk fails here
        except OSError as error:
            raise StanceCoderError(describe_write_error(path, error)) from error
        written += 1
        if on_row is not None and on_row(written) is False:
            raise ExportCancelled(path)

    worksheet.autofilter(0, 0, row, len(columns) - 1)
    report.rows_written[sheet.title] = row
    return written


def _width(column: Column) -> float:
    if column.width is not None:
        return column.width
    if column.wrap:
        return WRAP_WIDTH
    return min(max(len(column.header) + FILTER_BUTTON_WIDTH, MIN_WIDTH), MAX_WIDTH)


class _Styles:
    """The few cell formats an export uses, made once per workbook."""

    def __init__(self, workbook: Workbook) -> None:
        wrapped = {"text_wrap": True, "valign": "top"}
        self.bold = workbook.add_format({"bold": True})
        self.wrapped = workbook.add_format(wrapped)
        self._dates = {
            (kind, wrap): workbook.add_format(
                {"num_format": number_format, **(wrapped if wrap else {})}
            )
            for kind, number_format in (("date", DATE_FORMAT), ("datetime", DATETIME_FORMAT))
            for wrap in (False, True)
        }

    def date(self, value: date, wrap: bool) -> Format:
        return self._dates["datetime" if isinstance(value, datetime) else "date", wrap]


class _CellWriter:
    """Writes one sheet's values with the `write_*` call their column needs, noting each
    text cut to fit."""

    def __init__(self, worksheet: Worksheet, title: str, styles: _Styles, report: WriteReport):
        self.worksheet = worksheet
        self.title = title
        self.styles = styles
        self.report = report

    def put(self, index: int, column: Column) -> Put:
        """The writer for one column: plain text and finite numbers, nearly every value of an
        export, take a short path; everything else goes through `general`."""
        # The public write_* methods first look for an "A1" cell name, which costs a twentieth
        # of a 100,000-passage export; the methods they pass row and column on skip that.
        write_string = self.worksheet._write_string
        write_number = self.worksheet._write_number
        style = self.styles.wrapped if column.wrap else None

        def general(row: int, value: object) -> None:
            self.write(row, index, column, value)

        def text(row: int, value: object) -> None:
            if (
                type(value) is str
                and value
                and value.isprintable()
                and len(value) * 2 <= CELL_LIMIT
            ):
                write_string(row, index, value, style)
            else:
                general(row, value)

        def number(row: int, value: object) -> None:
            if type(value) is int or (type(value) is float and math.isfinite(value)):
                write_number(row, index, value, style)
            else:
                general(row, value)

        if column.kind == "text":
            return text
        return number if column.kind in ("int", "float") else general

    def write(self, row: int, index: int, column: Column, value: object) -> None:
        if value is None or (isinstance(value, float | datetime) and value != value):
            return  # NaN and NaT are how pandas spells "missing": leave the cell empty
        converted = _normalise(column.kind, value)
        if converted is _UNWRITABLE:
            raise TypeError(
                f"sheet {self.title!r}, row {row + 1}, column {column.header!r}: "
                f"cannot write a {type(value).__name__} in a {column.kind!r} column"
            )
        style = self.styles.wrapped if column.wrap else None
        if isinstance(converted, str):
            if not converted:  # as in a sheet typed by hand, "" leaves the cell empty
                self.worksheet.write_blank(row, index, None, style)
                return
            text = self._fit(converted, row + 1, column.header)
            self.worksheet.write_string(row, index, text, style)
        elif isinstance(converted, date):
            self.worksheet.write_datetime(
                row, index, converted, self.styles.date(converted, column.wrap)
            )
        else:
            self.worksheet.write_number(row, index, converted, style)

    def _fit(self, text: str, excel_row: int, header: str) -> str:
        text = _writable(text)
        if len(text) * 2 <= CELL_LIMIT or _utf16_length(text) <= CELL_LIMIT:
            return text
        self.report.truncated.append((self.title, excel_row, header))
        return _shorten(text)


_UNWRITABLE = object()


def _normalise(kind: str, value: object) -> object:
    """The value as Excel should hold it, or `_UNWRITABLE` if it does not fit the kind."""
    if kind == "text":
        return value if isinstance(value, str) else str(value)
    if kind in ("int", "float"):
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, float) and math.isinf(value):
            # Excel has no infinity; write it as pandas' to_excel does, as visible text.
            return "inf" if value > 0 else "-inf"
        return value if isinstance(value, Real | Decimal) else _UNWRITABLE
    if isinstance(value, str):
        return _parse_iso(kind, value)
    return _normalise_date(kind, value) if isinstance(value, date) else _UNWRITABLE


def _normalise_date(kind: str, value: date) -> date:
    """A date or datetime for a date or datetime column, as Excel holds it."""
    if isinstance(value, datetime):
        if kind == "date":
            return value.date()  # the date as the source wrote it, in its own time zone
        if value.tzinfo is not None:  # Excel has no time zones: store the UTC time
            return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _parse_iso(kind: str, value: str) -> date | str:
    """A full ISO date (or date and time) becomes a real one; anything else stays text.

    Partial dates such as "2024-06" are legitimate publication dates and must not be
    padded into a day that the source never gave.
    """
    if kind == "date":
        pattern, parse = _ISO_DATE, date.fromisoformat
    else:
        pattern, parse = _ISO_DATETIME, datetime.fromisoformat
    if pattern.fullmatch(value):
        try:
            parsed = parse(value)
        except ValueError:
            return value  # shaped like a date but not one ("2024-02-30"): keep the text
        return _normalise_date(kind, parsed)
    return value


def _writable(text: str) -> str:
    """Replace characters XML cannot hold with U+FFFD, so the loss is visible, not a crash."""
    return _UNWRITABLE_CHARACTERS.sub("\ufffd", text)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _shorten(text: str) -> str:
    """Cut `text` to Excel's limit, ending it with a marker that says where the rest is."""
    marker = f"… [truncated: {len(text):,} characters in full; see the CSV export]"
    budget = CELL_LIMIT - len(marker)
    end = budget
    # Characters outside the BMP count twice in UTF-16; shrink until the head fits.
    while (excess := _utf16_length(text[:end]) - budget) > 0:
        end -= excess
    return text[:end] + marker


def _close(workbook: Workbook) -> None:
    """Zip the workbook; a failure to write it surfaces as the OSError it is.

    XlsxWriter wraps that error in its own FileCreateError, which `blamed_on` would not see.
    """
    try:
        workbook.close()
    except FileCreateError as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, OSError):
            raise cause from error
        raise


def _close_streams(workbook: Workbook) -> None:
    """Close the sheet streams of an abandoned workbook so their folder can be removed.

    Windows refuses to delete a file that is still open; XlsxWriter only closes these files
    when the workbook is closed, which an abandoned export never is.
    """
    for worksheet in workbook.worksheets():
        # A stream broken mid-row may fail to close; the error that broke it matters more.
        with suppress(Exception):
            worksheet._opt_close()
