"""A sheet's rows as the XML XlsxWriter writes for them, one string per row.

An export of a million passages writes some twenty million cells. XlsxWriter keeps a tuple
per cell and then writes each through several calls, regular expressions and a list of
attributes: two thirds of the export's time. Here each column gets one function that turns
a value into its cell's XML, and a row is one string. The XML is XlsxWriter's own for the
same `write_*` calls (the tests compare the two byte for byte), so the workbook reads the
same everywhere; XlsxWriter still writes everything around the rows.

Every value is written as what it is: numbers as numbers, dates as real dates, and text as
text even when it begins with "=".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from numbers import Real

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name

from stancecoder.io.sheets import Column, WriteReport

CELL_LIMIT = 32_767
"""Excel's limit on the length of a cell's text, counted in UTF-16 code units."""

# XML 1.0 has no place for most control characters, lone surrogates (which cannot even be
# encoded) or the two non-characters U+FFFE and U+FFFF.
_UNWRITABLE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?"
)
# Excel's own escapes, as XlsxWriter applies them: a control character left in the text
# becomes _xHHHH_, and text that already reads like one gets its underscore escaped.
_EXCEL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL_CHARACTER = re.compile("([\x00-\x08\x0b-\x1f])")

# Excel's day 0 is 1900-01-00, and it counts a 29 February 1900 that never was.
_EXCEL_EPOCH = datetime(1899, 12, 31)
_FIRST_EXCEL_DAY = date(1900, 1, 1).toordinal()
_SECONDS_A_DAY = 60 * 60 * 24

CellXml = Callable[[str, object], str]
"""One column's cell at an Excel row number (given as text) as XML; "" leaves it empty."""


class StyleIndex:
    """A format's ` s="N"` attribute. XlsxWriter numbers a format when a cell first uses
    it; asking as late keeps the workbook's list of styles in the same order."""

    def __init__(self, cell_format: Format | None) -> None:
        self._format = cell_format
        self._attribute = "" if cell_format is None else None

    def __call__(self) -> str:
        if self._attribute is None:
            assert self._format is not None
            self._attribute = f' s="{self._format._get_xf_index()}"'
        return self._attribute


class SheetStyles:
    """The formats a sheet's cells use: the header's, wrapped text's and the dates'."""

    def __init__(
        self, bold: Format, wrapped: Format, dates: dict[tuple[str, bool], Format]
    ) -> None:
        self.bold = StyleIndex(bold)
        self.wrapped = StyleIndex(wrapped)
        self.plain = StyleIndex(None)
        self._dates = {key: StyleIndex(cell_format) for key, cell_format in dates.items()}

    def text(self, wrap: bool) -> StyleIndex:
        return self.wrapped if wrap else self.plain

    def date(self, kind: str, wrap: bool) -> StyleIndex:
        """The format of a "date" or a "datetime" cell."""
        return self._dates[kind, wrap]


class SheetCells:
    """Encodes one sheet's header and rows, noting each text cut to fit."""

    def __init__(
        self, title: str, columns: Sequence[Column], styles: SheetStyles, report: WriteReport
    ) -> None:
        self.title = title
        self.columns = list(columns)
        self.styles = styles
        self.report = report
        self._letters = [xl_col_to_name(index) for index in range(len(self.columns))]
        self._cells = [self._column_cell(index) for index in range(len(self.columns))]

    def header(self) -> str:
        bold = self.styles.bold
        cells = "".join(
            _string_cell(f"{letter}1", _writable(column.header), bold)
            for letter, column in zip(self._letters, self.columns, strict=True)
        )
        return f'<row r="1">{cells}</row>'

    def row(self, number: int, values: Sequence[object]) -> str:
        """The row at Excel row `number` (the header is 1); "" when every cell is empty,
        which XlsxWriter leaves out too."""
        at = str(number)
        cells = "".join([cell(at, value) for cell, value in zip(self._cells, values, strict=True)])
        return f'<row r="{at}">{cells}</row>' if cells else ""

    def _column_cell(self, index: int) -> CellXml:
        """The cell function of one column: plain text, finite numbers and the dates an
        export holds, nearly every value, take a short path; everything else `general`."""
        column, letter = self.columns[index], self._letters[index]
        style = self.styles.text(column.wrap)

        def general(at: str, value: object) -> str:
            return self._cell(letter, at, column, value)

        def text(at: str, value: object) -> str:
            if (
                type(value) is str
                and value
                and value.isprintable()
                and len(value) * 2 <= CELL_LIMIT
            ):
                # printable: no control character, nothing to escape but Excel's own escapes
                if "_x" in value:
                    value = _EXCEL_ESCAPE.sub(r"_x005F\1", value)
                space = ' xml:space="preserve"' if value[0] == " " or value[-1] == " " else ""
                if "&" in value or "<" in value or ">" in value:
                    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                return (
                    f'<c r="{letter}{at}"{style()} t="inlineStr"><is><t{space}>{value}</t></is></c>'
                )
            return general(at, value)

        def number(at: str, value: object) -> str:
            if type(value) is int or (type(value) is float and math.isfinite(value)):
                return f'<c r="{letter}{at}"{style()}><v>{value:.16G}</v></c>'
            return general(at, value)

        def moment(at: str, value: object) -> str:
            if type(value) is datetime and value.tzinfo is None:
                serial = excel_serial(value)
                return f'<c r="{letter}{at}"{moment_style()}><v>{serial:.16G}</v></c>'
            return general(at, value)

        def day(at: str, value: object) -> str:
            if type(value) is str and (serial := _iso_day(value)) is not None:
                return f'<c r="{letter}{at}"{day_style()}><v>{serial:.16G}</v></c>'
            return general(at, value)

        if column.kind == "text":
            return text
        if column.kind in ("int", "float"):
            return number
        moment_style = self.styles.date("datetime", column.wrap)
        day_style = self.styles.date("date", column.wrap)
        return moment if column.kind == "datetime" else day

    def _cell(self, letter: str, at: str, column: Column, value: object) -> str:
        if value is None or (isinstance(value, float | datetime) and value != value):
            return ""  # NaN and NaT are how pandas spells "missing": leave the cell empty
        converted = _normalise(column.kind, value)
        if converted is _UNWRITABLE:
            raise TypeError(
                f"sheet {self.title!r}, row {at}, column {column.header!r}: "
                f"cannot write a {type(value).__name__} in a {column.kind!r} column"
            )
        ref, style = f"{letter}{at}", self.styles.text(column.wrap)
        if isinstance(converted, str):
            if not converted:  # as in a sheet typed by hand, "" leaves the cell empty
                attribute = style()
                return f'<c r="{ref}"{attribute}/>' if attribute else ""
            return _string_cell(ref, self._fit(converted, int(at), column.header), style)
        if isinstance(converted, date):
            kind = "datetime" if isinstance(converted, datetime) else "date"
            date_style = self.styles.date(kind, column.wrap)
            return f'<c r="{ref}"{date_style()}><v>{excel_serial(converted):.16G}</v></c>'
        return f'<c r="{ref}"{style()}><v>{converted:.16G}</v></c>'

    def _fit(self, text: str, excel_row: int, header: str) -> str:
        text = _writable(text)
        if len(text) * 2 <= CELL_LIMIT or _utf16_length(text) <= CELL_LIMIT:
            return text
        self.report.truncated.append((self.title, excel_row, header))
        return _shorten(text)


def _string_cell(ref: str, text: str, style: StyleIndex) -> str:
    """Any text as XlsxWriter writes it inline: Excel's escapes, then XML's."""
    text = _CONTROL_CHARACTER.sub(
        lambda match: f"_x{ord(match.group(1)):04X}_", _EXCEL_ESCAPE.sub(r"_x005F\1", text)
    )
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    space = ' xml:space="preserve"' if text and (text[0].isspace() or text[-1].isspace()) else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}"{style()} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def excel_serial(value: date) -> float:
    """A date or naive datetime as Excel's serial number of days, as XlsxWriter counts it."""
    moment = value if isinstance(value, datetime) else datetime.fromordinal(value.toordinal())
    delta = moment - _EXCEL_EPOCH
    serial = delta.days + (float(delta.seconds) + float(delta.microseconds) / 1e6) / _SECONDS_A_DAY
    if isinstance(value, datetime) and value.toordinal() == _FIRST_EXCEL_DAY:
        serial -= 1  # XlsxWriter writes a time on 1900-01-01 as a time of day 0
    return serial + 1 if serial > 59 else serial


_UNWRITABLE = object()


@lru_cache(maxsize=4096)
def _iso_day(text: str) -> float | None:
    """The serial of a full ISO date, None for any other text: an article's date once for
    all its passages."""
    parsed = _parse_iso("date", text)
    return excel_serial(parsed) if isinstance(parsed, date) else None


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
