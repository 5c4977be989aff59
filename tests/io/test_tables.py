from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from stancecoder.core.errors import InputFileError
from stancecoder.io.tables import Table, read_table


def write_csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "table.csv"
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path: Path, rows: dict[str, object]) -> Path:
    """Cells by address ("A1": value), so that gaps between rows can be tested."""
    workbook = Workbook()
    sheet = workbook.active
    for address, value in rows.items():
        sheet[address] = value
    workbook.create_sheet("second")["A1"] = "ignored"
    path = tmp_path / "table.xlsx"
    workbook.save(path)
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_are_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = delimiter.join(["id", " text "]) + "\r\n" + delimiter.join(["1", "Hello"]) + "\r\n"
    table = read_table(write_csv(tmp_path, text))
    assert table.columns == ["id", "text"]
    assert table.rows == [{"id": "1", "text": "Hello"}]


def test_quoted_commas_and_line_breaks_do_not_fool_the_sniffer(tmp_path: Path) -> None:
    text = 'id;text\n1;"Seoul, Washington, Tokyo, and\nBeijing, again"\n2;plain, with comma\n'
    table = read_table(write_csv(tmp_path, text))
    assert table.columns == ["id", "text"]
    assert table.rows[0]["text"] == "Seoul, Washington, Tokyo, and\nBeijing, again"
    assert table.rows[1]["text"] == "plain, with comma"


def test_csv_row_numbers_are_spreadsheet_rows(tmp_path: Path) -> None:
    text = 'id,text\n1,"two\nlines"\n\n3,after a blank row\n,\n'
    table = read_table(write_csv(tmp_path, text))
    assert table.row_numbers == [2, 4]
    assert [row["id"] for row in table.rows] == ["1", "3"]


def test_short_csv_rows_are_padded(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path, "id,text,date\n1,Hello\n"))
    assert table.rows == [{"id": "1", "text": "Hello", "date": ""}]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp949"])
def test_csv_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    text = "id,text\n1,북한 외무성은 성명을 발표했다.\n"
    table = read_table(write_csv(tmp_path, text, encoding), required=["id", "text"])
    assert table.columns == ["id", "text"]
    assert table.rows[0]["text"] == "북한 외무성은 성명을 발표했다."


def test_xlsx_values_become_strings(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        {
            "A1": "id",
            "B1": "score",
            "C1": "date",
            "D1": "when",
            "E1": "flag",
            "F1": "note",
            "A2": 7.0,
            "B2": 0.25,
            "C2": datetime.datetime(2024, 6, 17),
            "D2": datetime.datetime(2024, 6, 17, 10, 30),
            "E2": True,
            "A5": 12,
            "F5": "=not a formula",
        },
    )
    table = read_table(path)
    assert table == Table(
        path,
        ["id", "score", "date", "when", "flag", "note"],
        [
            {
                "id": "7",
                "score": "0.25",
                "date": "2024-06-17",
                "when": "2024-06-17T10:30:00",
                "flag": "TRUE",
                "note": "",
            },
            {"id": "12", "score": "", "date": "", "when": "", "flag": "", "note": ""},
        ],
        [2, 5],
    )


def test_xlsx_header_on_a_later_row_and_trailing_empty_header_cells(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, {"A2": " text ", "A3": "body", "D3": None, "C1": None})
    table = read_table(path)
    assert table.columns == ["text"]
    assert table.rows == [{"text": "body"}]
    assert table.row_numbers == [3]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("id,text\n1,a\n", "missing column(s): url, date (columns found: id, text)"),
        ("id,Text,text\n", "duplicate column name(s): Text"),
        ("id,text\n1,a,stray\n", "row 2: a value in column C, which has no header"),
        ("id,,text\n1,x,a\n", "row 2: a value in column B, which has no header"),
        ("\n \n", "empty file (no header row)"),
        (
            'id,text\n1,"open quote\n',
            "row 2 (line 2): not readable as CSV (unexpected end of data)",
        ),
    ],
)
def test_csv_refusals(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(InputFileError) as caught:
        read_table(write_csv(tmp_path, text), required=["url", "date"])
    assert caught.value.reason == reason


def test_an_empty_csv_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="empty file"):
        read_table(write_csv(tmp_path, ""))


def test_an_empty_first_sheet(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="the first sheet is empty"):
        read_table(write_xlsx(tmp_path, {}))


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04truncated"])
def test_a_damaged_xlsx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=r"not a readable \.xlsx file"):
        read_table(path)


def test_an_xlsx_zip_without_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(InputFileError, match=r"not a readable \.xlsx file"):
        read_table(path)


def test_other_suffixes_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"not a table: \.ods \(use \.csv or \.xlsx\)"):
        read_table(tmp_path / "table.ods")
    with pytest.raises(InputFileError, match="file not found"):
        read_table(tmp_path / "missing.xlsx")
