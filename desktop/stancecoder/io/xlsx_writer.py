"""Stream sheets into an .xlsx workbook that shows in Excel exactly what the rows held.

openpyxl's write-only mode keeps memory flat however many rows there are. Every value is
written as what it is: numbers as numbers, dates as real dates, and text as text even when
it begins with "=" (which openpyxl would otherwise store as a formula).
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

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from stancecoder.io.sheets import (
    Column,
    ExportCancelled,
    Sheet,
    WriteReport,
    atomic_output,
    blamed_on,
    check_titles,
    checked_rows,
)

CELL_LIMIT = 32_767
"""Excel's limit on the length of a cell's text, counted in UTF-16 code units."""

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
WRAP_WIDTH = 60
MIN_WIDTH, MAX_WIDTH = 8, 60
FILTER_BUTTON_WIDTH = 2

# openpyxl's own pattern misses the characters that make lxml itself fail: lone surrogates
# and the two non-characters U+FFFE and U+FFFF.
_UNWRITABLE_CHARACTERS = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?"
)

_BOLD = Font(bold=True)
_WRAPPED = Alignment(wrap_text=True, vertical="top")


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
    with atomic_output(path) as temporary:
        workbook = Workbook(write_only=True)
        try:
            written = 0
            for sheet in sheets:
                worksheet = workbook.create_sheet(sheet.title)
                written = _write_sheet(worksheet, sheet, report, written, on_row, path)
            with blamed_on(path):
                workbook.save(temporary)
        except BaseException:
            _discard_streams(workbook)
            raise
    return report


def _write_sheet(
    worksheet: WriteOnlyWorksheet,
    sheet: Sheet,
    report: WriteReport,
    written: int,
    on_row: Callable[[int], bool] | None,
    path: Path,
) -> int:
    columns = list(sheet.columns)
    # Views and column widths go into the file before the first row, so set them now.
    worksheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = _width(column)
    worksheet.append([_header_cell(worksheet, column.header) for column in columns])

    cells = _CellMaker(worksheet, sheet.title, report)
    makers = [cells.maker(column) for column in columns]
    excel_row = 1
    for row in checked_rows(sheet.title, columns, sheet.rows):
        excel_row += 1
        worksheet.append([make(value, excel_row) for make, value in zip(makers, row, strict=True)])
        written += 1
        if on_row is not None and on_row(written) is False:
            raise ExportCancelled(path)

    # The filter is written after the rows in the file, so its range can use the final count.
    worksheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{excel_row}"
    report.rows_written[sheet.title] = excel_row - 1
    return written


def _width(column: Column) -> float:
    if column.width is not None:
        return column.width
    if column.wrap:
        return WRAP_WIDTH
    return min(max(len(column.header) + FILTER_BUTTON_WIDTH, MIN_WIDTH), MAX_WIDTH)


def _header_cell(worksheet: WriteOnlyWorksheet, header: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, _writable(header))
    cell.data_type = "s"
    cell.font = _BOLD
    return cell


class _CellMaker:
    """Turns one sheet's values into what `append` takes, noting each text cut to fit.

    Plain numbers and plain text go in as bare values, which openpyxl writes fastest. Where
    a style or a forced type is needed, each column reuses one cell: write-only `append`
    writes a row out before it returns, so the next row may refill the same cell. Making a
    styled cell per value took a fifth of the time of a 100,000-passage export.
    """

    def __init__(self, worksheet: WriteOnlyWorksheet, title: str, report: WriteReport) -> None:
        self.worksheet = worksheet
        self.title = title
        self.report = report
        self._cells: dict[tuple[str, str], WriteOnlyCell] = {}

    def maker(self, column: Column) -> Callable[[object, int], object]:
        """The conversion for one column: plain text and finite numbers, nearly every
        value of an export, take a short path; everything else goes through `make`."""

        def general(value: object, excel_row: int) -> object:
            return self.make(column, value, excel_row)

        def text(value: object, excel_row: int) -> object:
            if type(value) is not str or not value.isprintable():
                return general(value, excel_row)
            if len(value) * 2 > CELL_LIMIT or value[:1] == "=" or value in ERROR_CODES:
                return general(value, excel_row)
            return value

        def number(value: object, excel_row: int) -> object:
            if type(value) is int or (type(value) is float and math.isfinite(value)):
                return value
            return general(value, excel_row)

        if column.wrap:
            return general
        if column.kind == "text":
            return text
        return number if column.kind in ("int", "float") else general

    def make(self, column: Column, value: object, excel_row: int) -> object:
        if value is None or (isinstance(value, float | datetime) and value != value):
            return None  # NaN and NaT are how pandas spells "missing"
        converted = _normalise(column.kind, value)
        if converted is _UNWRITABLE:
            raise TypeError(
                f"sheet {self.title!r}, row {excel_row}, column {column.header!r}: "
                f"cannot write a {type(value).__name__} in a {column.kind!r} column"
            )
        value = converted
        if isinstance(value, str):
            value = self._fit(value, excel_row, column.header)
            # openpyxl types "=..." as a formula and "#N/A" as an error; a quote is neither.
            if not (column.wrap or value.startswith("=") or value in ERROR_CODES):
                return value
            cell = self._cell(column, "text")
            cell.value = value
            cell.data_type = "s"
            return cell
        if isinstance(value, date):
            cell = self._cell(column, "datetime" if isinstance(value, datetime) else "date")
        elif column.wrap:
            cell = self._cell(column, "number")
        else:
            return value
        cell.value = value
        return cell

    def _cell(self, column: Column, kind: str) -> WriteOnlyCell:
        key = (column.header, kind)
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = WriteOnlyCell(self.worksheet)
            if kind in ("date", "datetime"):
                cell.number_format = DATETIME_FORMAT if kind == "datetime" else DATE_FORMAT
            if column.wrap:
                cell.alignment = _WRAPPED
        return cell

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
    if isinstance(value, datetime):
        if kind == "date":
            return value.date()  # the date as the source wrote it, in its own time zone
        if value.tzinfo is not None:  # Excel has no time zones: store the UTC time
            return value.astimezone(UTC).replace(tzinfo=None)
        return value
    return value if isinstance(value, date) else _UNWRITABLE


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
        return _normalise(kind, parsed)
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


def _discard_streams(workbook: Workbook) -> None:
    """Close and delete the sheet streams openpyxl keeps in the system temp folder.

    openpyxl only removes them when the process exits; a cancelled export would otherwise
    leave a partial sheet behind until the app is closed.
    """
    for worksheet in workbook.worksheets:
        writer = getattr(worksheet, "_writer", None)
        if writer is None:
            continue
        if not worksheet.closed:
            # A stream broken mid-row may fail to close; the error that broke it matters more.
            with suppress(Exception):
                worksheet.close()
        Path(writer.out).unlink(missing_ok=True)
