from __future__ import annotations

import base64
import math
import os
import tempfile
import tracemalloc
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from stancecoder.core.errors import StanceCoderError
from stancecoder.io import xlsx_writer
from stancecoder.io.sheets import Column, ExportCancelled, Sheet, describe_write_error
from stancecoder.io.xlsx_writer import CELL_LIMIT, write_xlsx

TRICKY_TEXTS = [
    "=SUM(A1:A2)",
    '=HYPERLINK("http://example.org","click")',
    "+49 30 1234",
    "-2 is the stance",
    "@username said",
    "#N/A",
    "=",
    "  leading and trailing spaces  ",
    "<r>markup</r>",
]


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Make writes beyond `limit` bytes fail as on a full disk (POSIX only)."""
    resource = pytest.importorskip("resource")
    import signal

    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, old_limit[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)


def one_sheet(columns: list[Column], rows: list[tuple[object, ...]]) -> list[Sheet]:
    return [Sheet("Passages", columns, rows)]


def read_back(path: Path, title: str = "Passages"):
    return load_workbook(path)[title]


def sheet_xml(path: Path, number: int = 1) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


def folder_listing(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def widths_shown_in_excel(sheet) -> dict[str, int]:
    """Column widths in characters as Excel shows them, one entry per column letter.

    The file stores each width with the cell padding added (5 pixels at 7 pixels per
    character of the default font), and one entry may span neighbouring columns.
    """
    widths = {}
    for dimension in sheet.column_dimensions.values():
        for index in range(dimension.min, dimension.max + 1):
            widths[get_column_letter(index)] = round((dimension.width * 7 - 5) / 7, 2)
    return widths


@pytest.fixture
def system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder standing in for the system temp folder, to see what is left there."""
    folder = tmp_path / "system temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("wrap", [False, True])
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, wrap: bool) -> None:
    target = tmp_path / "out.xlsx"
    rows = [(text,) for text in TRICKY_TEXTS]
    write_xlsx(target, one_sheet([Column("=quote", wrap=wrap)], rows))

    sheet = read_back(target)
    cells = [row[0] for row in sheet.iter_rows(min_row=1)]
    assert [cell.value for cell in cells] == ["=quote", *TRICKY_TEXTS]
    assert {cell.data_type for cell in cells} == {"s"}
    xml = sheet_xml(target)
    assert "<f>" not in xml and "<f " not in xml
    assert 't="e"' not in xml


def test_values_are_written_as_their_kind(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    columns = [
        Column("n", "int"),
        Column("score", "float"),
        Column("published", "date"),
        Column("coded at", "datetime"),
        Column("note"),
    ]
    moscow = timezone(timedelta(hours=3))
    rows = [
        (7, 0.25, date(2024, 6, 17), datetime(2024, 6, 17, 10, 30, 5), "plain"),
        (Decimal("3"), 2, "2024-06-17", datetime(2024, 6, 17, 13, 0, tzinfo=moscow), 42),
        (True, float("nan"), "2024-06", "2024-06-17T10:00:00Z", None),
        (None, float("inf"), "2024-02-30", "yesterday", date(2024, 1, 2)),
        (-1, float("-inf"), datetime(2024, 6, 17, 23, 59), date(2024, 6, 17), ""),
    ]
    write_xlsx(target, one_sheet(columns, rows))

    values = [list(row) for row in read_back(target).iter_rows(min_row=2, values_only=True)]
    assert values == [
        [7, 0.25, datetime(2024, 6, 17), datetime(2024, 6, 17, 10, 30, 5), "plain"],
        [3, 2, datetime(2024, 6, 17), datetime(2024, 6, 17, 10, 0), "42"],
        [1, None, "2024-06", datetime(2024, 6, 17, 10, 0), None],
        [None, "inf", "2024-02-30", "yesterday", "2024-01-02"],
        [-1, "-inf", datetime(2024, 6, 17), datetime(2024, 6, 17), None],
    ]
    sheet = read_back(target)
    assert sheet["C2"].number_format == "yyyy-mm-dd"
    assert sheet["D2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet["D6"].number_format == "yyyy-mm-dd"
    assert sheet["C4"].data_type == "s"


def test_missing_values_leave_the_cell_empty(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    write_xlsx(target, one_sheet([Column("a"), Column("b", "float")], [(None, math.nan)]))

    sheet = read_back(target)
    assert sheet["A2"].value is None
    assert sheet["B2"].value is None


def test_layout_bold_frozen_filtered_and_sized(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    columns = [
        Column("id", "int"),
        Column("quote", wrap=True),
        Column("a header that is much longer than sixty characters, which is rare but real"),
        Column("source", width=25),
    ]
    rows = [(1, "a quote", "x", "TASS"), (2, "another", "y", "RT"), (3, "third", "z", "RIA")]
    write_xlsx(target, one_sheet(columns, rows))

    sheet = read_back(target)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert widths_shown_in_excel(sheet) == {"A": 8, "B": 60, "C": 60, "D": 25}
    assert all(sheet[f"B{row}"].alignment.wrap_text for row in (2, 3, 4))
    assert not sheet["D2"].alignment.wrap_text


def test_each_sheet_is_written_and_counted(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    seen: list[int] = []

    def on_row(count: int) -> bool:
        seen.append(count)
        return True

    sheets = [
        Sheet("Passages", [Column("id", "int")], ((i,) for i in range(3))),
        Sheet("Empty", [Column("a"), Column("b")], []),
        Sheet("Articles", [Column("title")], [("One",), ("Two",)]),
    ]
    report = write_xlsx(target, sheets, on_row)

    assert report.rows_written == {"Passages": 3, "Empty": 0, "Articles": 2}
    assert report.truncated == []
    assert seen == [1, 2, 3, 4, 5]
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Passages", "Empty", "Articles"]
    assert workbook["Empty"].auto_filter.ref == "A1:B1"
    assert workbook["Articles"]["A3"].value == "Two"


def test_illegal_characters_become_visible_replacements(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    rows = [("bell\x07 and null\x00 here",), ("lone \ud800 surrogate",), ("non\uffffcharacter",)]
    write_xlsx(target, one_sheet([Column("quote\x1b")], rows))

    values = [row[0] for row in read_back(target).iter_rows(values_only=True)]
    assert values == [
        "quote\ufffd",
        "bell\ufffd and null\ufffd here",
        "lone \ufffd surrogate",
        "non\ufffdcharacter",
    ]


def test_text_longer_than_excel_allows_is_cut_with_a_marker(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    long_text = "word " * 8_000
    rows = [(1, "short"), (2, long_text)]
    report = write_xlsx(target, one_sheet([Column("id", "int"), Column("quote")], rows))

    value = read_back(target)["B3"].value
    assert len(value) <= CELL_LIMIT
    assert value.endswith("… [truncated: 40,000 characters in full; see the CSV export]")
    assert long_text.startswith(value.split("…")[0])
    assert report.truncated == [("Passages", 3, "quote")]


def test_truncation_counts_characters_outside_the_bmp_twice(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    emoji_text = "\U0001f600" * 20_000  # 40,000 UTF-16 code units, as Excel counts them
    report = write_xlsx(target, one_sheet([Column("quote")], [(emoji_text,)]))

    value = read_back(target)["A2"].value
    assert len(value.encode("utf-16-le")) // 2 <= CELL_LIMIT
    assert "truncated: 20,000 characters in full" in value
    assert report.truncated == [("Passages", 2, "quote")]


def test_text_at_the_limit_is_kept_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    text = "x" * CELL_LIMIT
    report = write_xlsx(target, one_sheet([Column("quote")], [(text,)]))

    assert read_back(target)["A2"].value == text
    assert report.truncated == []


def test_cancel_leaves_the_existing_file_untouched(
    tmp_path: Path, system_temp: Path, user_state: Path
) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the previous export")
    pending = user_state / "StanceCoder" / "pending"
    streams_while_writing: list[list[Path]] = []

    def on_row(count: int) -> bool:
        streams_while_writing.append([p for p in pending.rglob("*") if p.is_file()])
        return count < 4

    with pytest.raises(ExportCancelled, match=r"out\.xlsx was not changed"):
        write_xlsx(target, one_sheet([Column("id", "int")], [(i,) for i in range(10)]), on_row)

    assert target.read_bytes() == b"the previous export"
    assert folder_listing(tmp_path) == ["out.xlsx", "system temp"]
    assert all(streams_while_writing)  # the rows did go through the tracked folder ...
    assert folder_listing(pending) == []  # ... and nothing of them is left there
    assert folder_listing(system_temp) == []  # nor in the system temp folder


def test_failing_rows_leave_the_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the previous export")

    def rows() -> Iterator[tuple[int]]:
        yield (1,)
        yield (2,)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        write_xlsx(target, one_sheet([Column("id", "int")], rows()))

    assert target.read_bytes() == b"the previous export"
    assert folder_listing(tmp_path) == ["out.xlsx"]


def test_a_finished_export_replaces_the_old_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the previous export")
    umask = os.umask(0o022)
    os.umask(umask)

    write_xlsx(target, one_sheet([Column("id", "int")], [(1,)]))

    assert read_back(target)["A2"].value == 1
    assert folder_listing(tmp_path) == ["out.xlsx"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "out.xlsx"
    with pytest.raises(StanceCoderError, match=r"the folder .*no such folder does not exist"):
        write_xlsx(target, one_sheet([Column("id")], [("a",)]))


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.mkdir()
    with pytest.raises(StanceCoderError, match=r"out\.xlsx: it is a folder"):
        write_xlsx(target, one_sheet([Column("id")], [("a",)]))
    assert folder_listing(tmp_path) == ["out.xlsx"]


def test_a_file_as_the_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")
    target = tmp_path / "notes.txt" / "out.xlsx"
    with pytest.raises(StanceCoderError, match=r"notes\.txt is not a folder"):
        write_xlsx(target, one_sheet([Column("id")], [("a",)]))


def test_a_full_disk_is_a_clear_error_and_keeps_the_old_file(tmp_path: Path) -> None:
    # Each sheet stream stays under the limit; only the finished workbook exceeds it.
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the previous export")

    def noise() -> list[tuple[str]]:
        return [(base64.b64encode(os.urandom(240)).decode(),) for _ in range(100)]

    sheets = [Sheet(f"Sheet {n}", [Column("noise")], noise()) for n in range(3)]

    with file_size_limit(48 * 1024), pytest.raises(StanceCoderError, match="File too large"):
        write_xlsx(target, sheets)

    assert target.read_bytes() == b"the previous export"
    assert folder_listing(tmp_path) == ["out.xlsx"]


def test_a_locked_file_is_explained() -> None:
    # A file open in Excel on Windows fails the final replace with a PermissionError.
    message = describe_write_error(Path("out.xlsx"), PermissionError(13, "Permission denied"))
    assert message.startswith("Cannot write out.xlsx: permission denied.")
    assert "open in another program" in message
    assert "\n" not in message


def test_a_value_of_the_wrong_kind_names_its_cell(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    rows = [(1,), ("seven",)]
    with pytest.raises(TypeError, match=r"'Passages', row 3, column 'n'.*str in a 'int' column"):
        write_xlsx(target, one_sheet([Column("n", "int")], rows))
    assert folder_listing(tmp_path) == []


def test_a_date_column_rejects_a_number(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="cannot write a int in a 'date' column"):
        write_xlsx(tmp_path / "out.xlsx", one_sheet([Column("d", "date")], [(20240617,)]))


def test_a_row_of_the_wrong_length_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    with pytest.raises(ValueError, match="'Passages', data row 2: 1 values for 2 columns"):
        write_xlsx(target, one_sheet([Column("a"), Column("b")], [("x", "y"), ("z",)]))
    assert not target.exists()


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "1 to 31 characters"),
        ("x" * 32, "1 to 31 characters"),
        ("Actors: Russia", "may not contain :"),
        ("a/b [draft]", r"may not contain /\[\]"),
        ("'quoted'", "apostrophe"),
    ],
)
def test_sheet_titles_excel_would_refuse_are_rejected(title: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Sheet(title, [Column("a")], [])


def test_a_sheet_needs_columns() -> None:
    with pytest.raises(ValueError, match="'Passages' has no columns"):
        Sheet("Passages", [], [])


def test_a_sheet_beyond_excels_row_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rows past the limit would be dropped without a word; a smaller limit keeps this quick.
    monkeypatch.setattr(xlsx_writer, "ROW_LIMIT", 4)
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the previous export")
    rows = [(i,) for i in range(3)]
    write_xlsx(target, one_sheet([Column("id", "int")], rows))
    assert read_back(target)["A4"].value == 2

    with pytest.raises(StanceCoderError, match=r"'Passages' has more than 3 rows.*export to CSV"):
        write_xlsx(target, one_sheet([Column("id", "int")], [*rows, (3,)]))
    assert read_back(target)["A4"].value == 2
    assert folder_listing(tmp_path) == ["out.xlsx"]


def test_sheet_titles_must_differ_beyond_case(tmp_path: Path) -> None:
    sheets = [Sheet("Codes", [Column("a")], []), Sheet("codes", [Column("a")], [])]
    with pytest.raises(ValueError, match="two sheets are titled 'codes'"):
        write_xlsx(tmp_path / "out.xlsx", sheets)


def test_an_export_needs_a_sheet(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs at least one sheet"):
        write_xlsx(tmp_path / "out.xlsx", [])


def test_memory_stays_flat_for_many_rows(tmp_path: Path) -> None:
    # A workbook held in memory peaks near 20 MB for these rows (XlsxWriter's default mode
    # 19 MB, openpyxl's 25 MB); streaming stays under 1 MB.
    target = tmp_path / "big.xlsx"
    rows = ((i,) for i in range(50_000))
    tracemalloc.start()
    try:
        report = write_xlsx(target, [Sheet("Passages", [Column("id", "int")], rows)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert report.rows_written == {"Passages": 50_000}
    assert peak < 12 * 1024 * 1024
    assert '<c r="A50001"><v>49999</v></c>' in sheet_xml(target)


def test_aware_datetimes_are_stored_in_utc(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    moment = datetime(2024, 6, 17, 1, 30, tzinfo=timezone(timedelta(hours=-5)))
    write_xlsx(target, one_sheet([Column("at", "datetime")], [(moment,)]))

    assert read_back(target)["A2"].value == moment.astimezone(UTC).replace(tzinfo=None)


def test_rows_are_the_xml_xlsxwriter_writes_for_the_same_cells(tmp_path: Path) -> None:
    # The rows are made without XlsxWriter's cells; its own typed writes of the same values
    # are the reference, compared byte for byte with the styles they number.
    from xlsxwriter import Workbook

    texts = [
        "plain", "a & b < c > d", "  spaced  ", "tab\tand\nline", "carriage\rreturn",
        "reads like an escape _x0041_ here", "=SUM(A1)", "\U0001f600 한국어 Путин", "x",
    ]  # fmt: skip
    moments = [
        datetime(2024, 6, 17, 10, 30, 5, 250_000), datetime(1900, 1, 1, 12, 0),
        datetime(1900, 2, 28), datetime(1900, 3, 1, 6, 0), datetime(9999, 12, 31, 23, 59, 59),
    ]  # fmt: skip
    days = ["2024-06-17", "1900-02-28", "1900-03-01", "2024-06", date(2020, 2, 29), None]
    numbers = [0, -1, 7, 2**53 + 1, 0.1, -2.5e-20, 1e300, Decimal("3.25"), True, None]
    columns = [
        Column("text"), Column("quote", wrap=True), Column("n", "int"), Column("x", "float"),
        Column("day", "date"), Column("at", "datetime"), Column("then", "datetime", wrap=True),
    ]  # fmt: skip
    rows = [
        (
            texts[i % len(texts)], texts[(i + 3) % len(texts)] if i % 4 else "",
            numbers[i % len(numbers)], numbers[(i + 5) % len(numbers)],
            days[i % len(days)], moments[i % len(moments)], moments[(i + 2) % len(moments)],
        )
        for i in range(40)
    ]  # fmt: skip
    rows[7] = rows[-1] = (None,) * len(columns)  # empty rows, one of them last
    ours = tmp_path / "ours.xlsx"
    write_xlsx(ours, one_sheet(columns, rows))

    reference = tmp_path / "reference.xlsx"
    book = Workbook(str(reference), {"constant_memory": True, "strings_to_numbers": False})
    wrapped = {"text_wrap": True, "valign": "top"}
    bold, wrap = book.add_format({"bold": True}), book.add_format(wrapped)
    day_format = book.add_format({"num_format": "yyyy-mm-dd"})
    moment_formats = {
        False: book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        True: book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss", **wrapped}),
    }
    sheet = book.add_worksheet("Passages")
    for index, column in enumerate(columns):
        sheet.write_string(0, index, column.header, bold)
    for row, values in enumerate(rows, start=1):
        for index, (column, value) in enumerate(zip(columns, values, strict=True)):
            style = wrap if column.wrap else None
            if value is None:
                continue
            if value == "":
                sheet.write_blank(row, index, None, style)
            elif column.kind == "text":
                sheet.write_string(row, index, value, style)
            elif column.kind in ("int", "float"):
                sheet.write_number(row, index, int(value) if value is True else value, style)
            elif isinstance(value, str) and len(value) < 10:
                sheet.write_string(row, index, value, style)
            elif column.kind == "date":
                sheet.write_datetime(row, index, date.fromisoformat(str(value)), day_format)
            else:
                sheet.write_datetime(row, index, value, moment_formats[column.wrap])
    book.close()

    def sheet_data(path: Path) -> str:
        xml = sheet_xml(path)
        return xml[xml.index("<dimension") : xml.index("</sheetData>")].replace(
            xml[xml.index("<sheetViews>") : xml.index("<sheetData>")], ""
        )

    assert sheet_data(ours) == sheet_data(reference)
    with zipfile.ZipFile(ours) as mine, zipfile.ZipFile(reference) as theirs:
        assert mine.read("xl/styles.xml") == theirs.read("xl/styles.xml")
