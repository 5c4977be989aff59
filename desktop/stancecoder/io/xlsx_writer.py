"""Stream sheets into an .xlsx workbook that shows in Excel exactly what the rows held.

XlsxWriter writes the workbook around the rows: styles, widths, frozen panes, filters and
the package. The rows themselves are made as XML here (`xlsx_cells`, the XML XlsxWriter
would write for them) and streamed into the file XlsxWriter's constant-memory mode keeps
for each sheet, so memory stays flat however many rows there are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
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
from stancecoder.io.xlsx_cells import CELL_LIMIT, SheetCells, SheetStyles

__all__ = ["CELL_LIMIT", "ROW_LIMIT", "write_xlsx"]

ROW_LIMIT = 1_048_576
"""Excel's limit on the rows of a sheet, the header row included."""

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
WRAP_WIDTH = 60
MIN_WIDTH, MAX_WIDTH = 8, 60
FILTER_BUTTON_WIDTH = 2
_ROWS_A_WRITE = 500

# A stream per sheet to write the rows into, and no sheet held in memory.
_WORKBOOK_OPTIONS = {"constant_memory": True}


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
            styles = _styles(workbook)
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
    styles: SheetStyles,
    report: WriteReport,
    written: int,
    on_row: Callable[[int], bool] | None,
    path: Path,
) -> int:
    columns = list(sheet.columns)
    worksheet.freeze_panes(1, 0)
    for index, column in enumerate(columns):
        worksheet.set_column(index, index, _width(column))
    cells = SheetCells(sheet.title, columns, styles, report)
    # The rows go straight into the sheet's stream, where XlsxWriter's own cells would go;
    # nothing is written through it, so it only needs to know the sheet's extent.
    stream = worksheet.fh
    _write_rows(stream, [cells.header()], path)
    worksheet._check_dimensions(0, 0)
    worksheet._check_dimensions(0, len(columns) - 1)
    row = last_filled = 0
    batch: list[str] = []
    for values in checked_rows(sheet.title, columns, sheet.rows):
        row += 1
        if row == ROW_LIMIT:
            raise StanceCoderError(
                f"Sheet {sheet.title!r} has more than {ROW_LIMIT - 1:,} rows, more than Excel "
                "can show; export to CSV instead."
            )
        xml = cells.row(row + 1, values)
        if xml:
            batch.append(xml)
            last_filled = row
            if len(batch) == _ROWS_A_WRITE:
                _write_rows(stream, batch, path)
                batch.clear()
        written += 1
        if on_row is not None and on_row(written) is False:
            raise ExportCancelled(path)
    _write_rows(stream, batch, path)
    worksheet._check_dimensions(last_filled, 0)
    worksheet.autofilter(0, 0, row, len(columns) - 1)
    report.rows_written[sheet.title] = row
    return written


def _write_rows(stream: IO[str], rows: list[str], path: Path) -> None:
    try:
        stream.write("".join(rows))
    except OSError as error:  # a full disk fails here
        raise StanceCoderError(describe_write_error(path, error)) from error


def _width(column: Column) -> float:
    if column.width is not None:
        return column.width
    if column.wrap:
        return WRAP_WIDTH
    return min(max(len(column.header) + FILTER_BUTTON_WIDTH, MIN_WIDTH), MAX_WIDTH)


def _styles(workbook: Workbook) -> SheetStyles:
    """The few cell formats an export uses, made once per workbook."""
    wrapped = {"text_wrap": True, "valign": "top"}
    dates = {
        (kind, wrap): workbook.add_format({"num_format": form, **(wrapped if wrap else {})})
        for kind, form in (("date", DATE_FORMAT), ("datetime", DATETIME_FORMAT))
        for wrap in (False, True)
    }
    return SheetStyles(workbook.add_format({"bold": True}), workbook.add_format(wrapped), dates)


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
