"""Write one table to CSV: the lossless copy of an export, with no length limit."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from stancecoder.io.sheets import Column, atomic_output, blamed_on, checked_rows


def write_csv(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> int:
    """Write a header row and `rows` to `path`; return the number of data rows written.

    The file is UTF-8 with a byte-order mark, because without one Excel reads CSV in the
    local ANSI code page and garbles every non-Latin name. Dates are ISO 8601 ("2024-06-17",
    "2024-06-17 10:00:00+03:00", keeping any time zone), None and NaN are empty fields, and
    text is written whole.

    Text beginning with "=", "+", "-" or "@" is deliberately left as it is, although Excel
    may take it for a formula when it opens the file: the CSV is the exact copy of the data
    (for pandas, R and re-import), and the xlsx export is the one made safe for Excel.

    Like the xlsx export, the file is written beside `path` and moved over it at the end, so
    a failure never leaves a half-written or clobbered file.
    """
    path = Path(path)
    written = 0
    with atomic_output(path) as temporary:
        with blamed_on(path):
            stream = temporary.open("w", encoding="utf-8-sig", newline="")
        try:
            put = csv.writer(stream).writerow
            with blamed_on(path):
                put([column.header for column in columns])
            for row in checked_rows(path.name, columns, rows):
                fields = [_field(value) for value in row]
                with blamed_on(path):
                    put(fields)
                written += 1
            with blamed_on(path):
                stream.close()  # the last buffered write can still fail here
        finally:
            stream.close()
    return written


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
