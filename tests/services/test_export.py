"""The Excel workbook for papers, read back with openpyxl as a reader would see it."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stancecoder.core.errors import ValidationError
from stancecoder.services import export_rows
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes, set_status
from stancecoder.services.corpus import import_corpus
from stancecoder.services.export import export
from stancecoder.services.export_rows import CodingRows, ExportFilter
from stancecoder.services.export_summary import summary_sheet
from stancecoder.services.project import Project


@pytest.fixture
def coded(seeded: Project):
    add_coder(seeded, "Bob")
    first, second = list_articles(seeded)
    text = read_article(seeded, first.id).text
    for coder, stance in (("Alice", "+2"), ("Bob", "-1")):
        start = text.index("Vladimir Putin")
        add_passage(seeded, first.id, coder, start, start + 14,
                    {"actor": "Russia › Vladimir Putin", "topic": "Military cooperation",
                     "stance": stance})  # fmt: skip
    add_passage(seeded, second.id, "Alice", 0, 7, {"actor": "Analysts", "topic": "Sanctions"})
    set_article_codes(seeded, first.id, "Alice", {"genre": "News report"})
    set_status(seeded, first.id, "Alice", "done")
    return seeded


def sheet_rows(path: Path, title: str) -> list[dict[str, object]]:
    sheet = load_workbook(path)[title]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("chunk", [2000, 1], ids=["one chunk", "chunks of one"])
def test_workbook_has_every_sheet_with_real_values(
    coded: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # read a passage or article at a time too, so that no chunk's facts stray to another's
    monkeypatch.setattr(export_rows, "_CHUNK", chunk)
    path = tmp_path / "out.xlsx"
    report = export(coded, path)
    assert report.rows_written["Codings"] == 3
    book = load_workbook(path)
    assert book.sheetnames == ["Codings", "Articles", "Codebook", "Summary", "About"]
    codings = sheet_rows(path, "Codings")
    alice = next(r for r in codings if r["coder"] == "Alice" and r["stance"])
    assert alice["quote"] == "Vladimir Putin"
    assert alice["actor"] == "Russia › Vladimir Putin"
    assert alice["stance value"] == 2
    assert isinstance(alice["created"], dt.datetime)
    assert book["Codings"].freeze_panes == "A2"
    assert book["Codings"]["A1"].font.b

    summary = sheet_rows(path, "Summary")
    putin = {r["layer"]: r for r in summary if r["actor"] == "Russia › Vladimir Putin"}
    assert putin["Alice's codings"]["passages"] == 1
    assert putin["Alice's codings"]["mean stance"] == 2
    assert putin["Bob's codings"]["mean stance"] == -1

    articles = sheet_rows(path, "Articles")
    assert articles[0]["status: Alice"] == "done"
    assert articles[0]["passages: Bob"] == 1
    assert articles[0]["genre: Alice"] == "News report"
    assert (articles[1]["passages: Alice"], articles[1]["passages: Bob"]) == (1, 0)
    assert articles[1]["genre: Alice"] is None
    about = {r["item"]: r["value"] for r in sheet_rows(path, "About")}
    assert about["codebook version"] == "1.0"
    codebook = sheet_rows(path, "Codebook")
    assert any(r["path"] == "Russia › Vladimir Putin" for r in codebook)


def test_filters_by_coder_and_status(coded: Project, tmp_path: Path) -> None:
    path = tmp_path / "bob.xlsx"
    export(coded, path, ExportFilter(coders=["Bob"]))
    assert {r["coder"] for r in sheet_rows(path, "Codings")} == {"Bob"}
    export(coded, path, ExportFilter(status="done"))
    assert [r["coder"] for r in sheet_rows(path, "Codings")] == ["Alice"]
    about = {r["item"]: r["value"] for r in sheet_rows(path, "About")}
    assert about["filters"] == "status: done"
    first = list_articles(coded)[0].id
    export(coded, path, ExportFilter(article_ids=[first]))
    assert [r["article id"] for r in sheet_rows(path, "Articles")] == [first]
    assert {r["article id"] for r in sheet_rows(path, "Codings")} == {first}
    with pytest.raises(ValidationError, match="no coder called Zed"):
        export(coded, path, ExportFilter(coders=["Zed"]))


def test_a_quote_that_looks_like_a_formula_stays_text(project: Project, tmp_path: Path) -> None:
    (tmp_path / "eq.txt").write_text("=SUM(A1:A9) was typed by a reader.\n", encoding="utf-8")
    article_id = import_corpus(project, [tmp_path / "eq.txt"]).imported[0]
    add_coder(project, "Alice")
    add_passage(project, article_id, "Alice", 0, 11, {})
    export(project, tmp_path / "eq.xlsx")
    cell = load_workbook(tmp_path / "eq.xlsx")["Codings"]["I2"]
    assert cell.value == "=SUM(A1:A9)"
    assert cell.data_type == "s"


def test_csv_export_is_the_codings_table(coded: Project, tmp_path: Path) -> None:
    path = tmp_path / "codings.csv"
    export(coded, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    assert rows[0]["quote"] == "Vladimir Putin"


def test_a_memo_a_spreadsheet_would_run_is_neutralised_in_csv_unless_raw(
    project: Project, tmp_path: Path
) -> None:
    # Opened in LibreOffice Calc, a CSV field =1+1 becomes a live formula.
    (tmp_path / "a.txt").write_text("Seoul called it a dangerous partnership.\n", "utf-8")
    article_id = import_corpus(project, [tmp_path / "a.txt"]).imported[0]
    add_coder(project, "Alice")
    add_passage(project, article_id, "Alice", 0, 5, {"stance": "-2"}, memo="=1+1")

    def codings(path: Path, **options: bool) -> dict[str, str]:
        export(project, path, **options)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.DictReader(handle))

    safe, raw = codings(tmp_path / "safe.csv"), codings(tmp_path / "raw.csv", raw=True)
    assert safe["memo"] == "'=1+1" and raw["memo"] == "=1+1"
    assert safe["stance value"] == raw["stance value"] == "-2.0"  # a number, not text
    export(project, tmp_path / "book.xlsx")
    memo = next(c for c in load_workbook(tmp_path / "book.xlsx")["Codings"][2] if c.value == "=1+1")
    assert memo.data_type == "s"


def test_unknown_format_is_refused(coded: Project, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"\.xlsx or \.csv"):
        export(coded, tmp_path / "out.pdf")


def test_an_unknown_article_is_refused_and_nothing_written(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    known = list_articles(coded)[0].id
    with pytest.raises(ValidationError, match="no article with id 999"):
        export(coded, out, ExportFilter(article_ids=[known, 999]))
    assert not out.exists()


@pytest.mark.parametrize("chunk", [2000, 2], ids=["one chunk", "chunks of two"])
def test_each_passage_row_holds_its_own_codes(
    seeded: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # Passages that share a combination of codes and passages that differ by one code, in
    # turn, so that cells made once per combination cannot stray to another passage's row;
    # read in chunks of two, so that codes read per chunk cannot stray to another chunk.
    monkeypatch.setattr(export_rows, "_CHUNK", chunk)
    add_coder(seeded, "Bob")
    article = list_articles(seeded)[0].id
    coded = [
        ("Alice", 0, {"actor": "Analysts", "topic": "Sanctions", "stance": "+2"}),
        ("Bob", 10, {"actor": "Analysts", "topic": "Sanctions", "stance": "+2"}),
        ("Alice", 20, {"actor": "Analysts", "topic": "Military cooperation", "stance": "-1"}),
        ("Bob", 30, {}),
        ("Alice", 40, {"actor": "Analysts", "topic": "Sanctions", "stance": "0"}),
        ("Bob", 50, {"actor": "Russia › Vladimir Putin", "topic": "Sanctions"}),
        ("Alice", 60, {"actor": "Analysts", "topic": "Sanctions", "stance": "+2"}),
    ]
    for coder, start, codes in coded:
        add_passage(seeded, article, coder, start, start + 5, codes)
    path = tmp_path / "out.xlsx"
    export(seeded, path)

    found = {
        (row["coder"], row["start"]): (
            row["actor"],
            row["topic"],
            row["stance"],
            row["stance value"],
        )
        for row in sheet_rows(path, "Codings")
    }
    # the sample codebook's stance codes: label and value
    stances = {"+2": ("Strongly positive", 2), "0": ("Neutral / ambivalent", 0),
               "-1": ("Negative", -1), None: (None, None)}  # fmt: skip
    assert found == {
        (coder, start): (codes.get("actor"), codes.get("topic"), *stances[codes.get("stance")])
        for coder, start, codes in coded
    }
    summary = {
        (row["layer"], row["actor"], row["topic"]): (row["passages"], row["mean stance"])
        for row in sheet_rows(path, "Summary")
    }
    assert summary == {
        ("Alice's codings", "Analysts", "Sanctions"): (3, round((2 + 0 + 2) / 3, 3)),
        ("Alice's codings", "Analysts", "Military cooperation"): (1, -1),
        ("Bob's codings", "Analysts", "Sanctions"): (1, 2),
        ("Bob's codings", "Russia › Vladimir Putin", "Sanctions"): (1, None),
    }


def test_the_summary_counts_without_the_codings_written_first(coded: Project) -> None:
    # the Summary counts passages as the Codings rows pass: read alone, it reads them itself
    with coded.reading() as session:
        columns, rows = summary_sheet(CodingRows(session, ExportFilter()))
        summary = [dict(zip([c.header for c in columns], row, strict=True)) for row in rows]
    assert {(r["layer"], r["actor"], r["topic"], r["passages"], r["mean stance"])
            for r in summary} == {
        ("Alice's codings", "Russia › Vladimir Putin", "Military cooperation", 1, 2),
        ("Alice's codings", "Analysts", "Sanctions", 1, None),
        ("Bob's codings", "Russia › Vladimir Putin", "Military cooperation", 1, -1),
    }  # fmt: skip
