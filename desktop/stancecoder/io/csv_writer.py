"""Write one table to CSV: the export without Excel's limits on cell length and rows."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path

from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.sheets import Column, blamed_on, checked_rows

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes for the start of a formula in a CSV field (OWASP's list)."""


def write_csv(
    path: Path,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    neutralise_formulas: bool = True,
    byte_order_mark: bool = True,
) -> int:
    """Write a header row and `rows` to `path`; return the number of data rows written.

    The file is UTF-8 with a byte-order mark, because without one Excel reads CSV in the
    local ANSI code page and garbles every non-Latin name. Dates are ISO 8601 ("2024-06-17",
    "2024-06-17 10:00:00+03:00", keeping any time zone), None and NaN are empty fields, and
    text is written whole.

    Text beginning with "=", "+", "-", "@", a tab or a carriage return is what Excel and
    LibreOffice run as a formula when they open the file, so it gets a leading "'" as OWASP
    recommends (a quote from a hostile page would otherwise run on the reader's machine).
    `neutralise_formulas=False` writes the exact text instead, for pandas, R and re-import.
    Numbers are not text and are written as they are. `byte_order_mark=False` leaves the
    mark out for R, whose `read.csv` would take it for part of the first column's name.

    Like the xlsx export, the file is written beside `path` and moved over it at the end, so
    a failure never leaves a half-written or clobbered file.
    """
    path = Path(path)
    written = 0
    with atomic_output(path) as temporary:
        with blamed_on(path):
            encoding = "utf-8-sig" if byte_order_mark else "utf-8"
            stream = temporary.open("w", encoding=encoding, newline="")
        field = _neutralised_field if neutralise_formulas else _field
        try:
            put = csv.writer(stream).writerow
            with blamed_on(path):
                put([column.header for column in columns])
            for row in checked_rows(path.name, columns, rows):
                fields = [field(value) for value in row]
                with blamed_on(path):
                    put(fields)
                written += 1
            with blamed_on(path):
                stream.close()  # the last buffered write can still fail here
        finally:
            # After a failed write the bytes are still buffered and closing tries them again;
            # that second failure must not hide the first, which has already been reported.
            with suppress(OSError):
                stream.close()
    return written


def _neutralised_field(value: object) -> str:
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return _field(value)


def _field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float | datetime) and value != value:
        return ""  # NaN and NaT are how pandas spells "missing"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
