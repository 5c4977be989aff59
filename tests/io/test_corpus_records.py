from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_file


def write_csv(tmp_path: Path, text: str, name: str = "corpus.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_csv_fields_by_alias_ignoring_case(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "ID,Headline,Body,PubDate,Outlet,Link,Byline,Lang,Section\n"
        'a1,Talks end,"Leaders met.\nThey left.",17.06.2024,Yonhap,https://x.kr/1,Kim,en,World\n',
    )
    assert read_corpus_file(path) == [
        ArticleDraft(
            text="Leaders met.\nThey left.",
            origin="corpus.csv, row 2",
            title="Talks end",
            source="Yonhap",
            author="Kim",
            published="2024-06-17",
            url="https://x.kr/1",
            language="en",
            external_id="a1",
            extra={"Section": "World"},
        )
    ]


def test_the_column_option_wins_over_aliases(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "text,summary,date\nlong story.,short,2024\n")
    (draft,) = read_corpus_file(path, {"Text": "SUMMARY", "date": "date"})
    assert draft.text == "short"
    assert draft.published == "2024"
    assert draft.extra == {"text": "long story."}


def test_values_missing_from_columns_come_from_the_text(tmp_path: Path) -> None:
    path = write_csv(tmp_path, 'text,title\n"Headline\n\nSEOUL, June 17 (Yonhap) — Body.",\n')
    (draft,) = read_corpus_file(path)
    assert (draft.title, draft.dateline, draft.source) == (
        "Headline",
        "SEOUL, June 17 (Yonhap)",
        "Yonhap",
    )


def test_an_unreadable_date_is_kept_raw(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "text,date\nBody.,last Tuesday\nBody two.,June 2024\n")
    first, second = read_corpus_file(path)
    assert (first.published, first.extra) == (None, {"date_raw": "last Tuesday"})
    assert (second.published, second.extra) == ("2024-06", {})


def test_xlsx_rows_with_their_sheet_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "content", "published"])
    sheet.append([1, "First article.", datetime.datetime(2024, 6, 17)])
    sheet.append([None, None, None])
    sheet.append([2, "Second article.", "2024-06-18"])
    path = tmp_path / "corpus.xlsx"
    workbook.save(path)
    first, second = read_corpus_file(path)
    assert (first.external_id, first.published, first.origin) == (
        "1",
        "2024-06-17",
        "corpus.xlsx, row 2",
    )
    assert (second.external_id, second.text, second.origin) == (
        "2",
        "Second article.",
        "corpus.xlsx, row 4",
    )


def test_jsonl_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path,
        [
            json.dumps({"id": 7, "Text": "One.\u2028Still one.", "tags": ["a", "b"], "score": 2.0}),
            "",
            json.dumps({"ID": "8", "TEXT": "Two.", "date": "June 17, 2024", "url": None}),
        ],
    )
    first, second = read_corpus_file(path)
    assert (first.external_id, first.text, first.origin) == (
        "7",
        "One.\nStill one.",
        "corpus.jsonl, line 1",
    )
    assert first.extra == {"tags": '["a", "b"]', "score": "2"}
    assert (second.external_id, second.text, second.published) == ("8", "Two.", "2024-06-17")
    assert second.origin == "corpus.jsonl, line 3"


@pytest.mark.parametrize(
    ("text", "columns", "reason"),
    [
        ("id,body\n1,ok\n2, \n", None, "row 3: the text is empty"),
        ("id,body\n1,ok\n1,again\n", None, "row 3: id '1' is already used in row 2"),
        ("id,title\n1,x\n", None, "missing column(s): text (columns found: id, title)"),
        ("id,text\n", None, "no articles (the table has a header but no rows)"),
        (
            "text,body\nx,y\n",
            None,
            "columns text and body could each be the text; choose one in the column mapping",
        ),
        ("id,text\n1,x\n", {"text": "story"}, "missing column(s): story (columns found: id, text)"),
        (
            "id,text\n1,x\n",
            {"topic": "text"},
            "unknown article field 'topic' (fields: text, title, published, source, url, "
            "external_id, author, language, dateline)",
        ),
    ],
)
def test_table_refusals(
    tmp_path: Path, text: str, columns: dict[str, str] | None, reason: str
) -> None:
    with pytest.raises(InputFileError) as caught:
        read_corpus_file(write_csv(tmp_path, text), columns)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (
            ['{"text": "ok"}', '{"text": "broken"'],
            "line 2: not valid JSON (Expecting ',' delimiter)",
        ),
        (['["text"]'], "line 1: not a JSON object"),
        (['{"text": "a", "Text": "b"}'], "line 1: keys 'text' and 'Text' clash"),
        (
            ['{"Text": "a"}', '{"text": "b", "Text": "c"}'],
            "line 2: keys 'text' and 'Text' clash",
        ),
        (['{"text": ""}'], "line 1: the text is empty"),
        (['{"title": "x"}'], "missing column(s): text (columns found: title)"),
        (["", " "], "no articles (no JSON objects in the file)"),
    ],
)
def test_jsonl_refusals(tmp_path: Path, lines: list[str], reason: str) -> None:
    with pytest.raises(InputFileError) as caught:
        read_corpus_file(write_jsonl(tmp_path, lines))
    assert caught.value.reason == reason
