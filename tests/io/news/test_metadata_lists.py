"""Media Cloud and GDELT lists: known by their header, refused in one line when they hold
no text, their rows with text imported with every column kept."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_contents

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import (
    STORIES,
    STORY_DATES,
    gdelt_doc_csv,
    gdelt_gkg,
    media_cloud_csv,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
MEDIA_CLOUD_ADVICE = (
    "a Media Cloud list holds no article text (only titles and links); fetch the pages, "
    "save them as .html and import those"
)
GDELT_ADVICE = (
    "a GDELT list holds no article text (only titles and links); fetch the pages, save "
    "them as .html and import those"
)


def test_the_shared_media_cloud_sample_is_refused_as_a_list_without_text() -> None:
    expected = json.loads((SAMPLES / "expected.json").read_text("utf-8"))
    assert expected["mediacloud_search.csv"]["has_text"] is False
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(SAMPLES / "mediacloud_search.csv")
    assert str(raised.value) == f"mediacloud_search.csv: {MEDIA_CLOUD_ADVICE}"


@pytest.mark.parametrize("legacy", [False, True], ids=["search", "explorer"])
@pytest.mark.parametrize("delimiter", [",", ";"], ids=["comma", "semicolon"])
def test_a_media_cloud_list_without_text_is_refused(
    tmp_path: Path, legacy: bool, delimiter: str
) -> None:
    path = media_cloud_csv(tmp_path / "stories.csv", STORIES, legacy=legacy, delimiter=delimiter)
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path)
    assert raised.value.reason == MEDIA_CLOUD_ADVICE


@pytest.mark.parametrize("legacy", [False, True], ids=["search", "explorer"])
def test_a_media_cloud_list_with_text_imports_every_row_and_column(
    tmp_path: Path, legacy: bool
) -> None:
    path = media_cloud_csv(tmp_path / "stories.csv", STORIES, legacy=legacy, text=True)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    contents = read_corpus_contents(path)
    assert contents.format == "Media Cloud (.csv)"
    assert contents.expected == 3 and contents.warnings == []
    id_column = "stories_id" if legacy else "id"
    for row, article in zip(rows, contents.articles, strict=True):
        assert article.text == row["text"]
        assert article.title == row["title"]
        assert article.url == row["url"]
        assert article.source == row["media_name"]
        assert article.language == row["language"]
        assert article.external_id == row[id_column]
        assert article.published == (row["publish_date"][:10] or None)
        fields = {"text", "title", "url", "media_name", "language", id_column, "publish_date"}
        assert article.extra == {k: v for k, v in row.items() if k not in fields}
    assert [a.published for a in contents.articles] == [STORY_DATES[0], None, STORY_DATES[2]]


def test_rows_without_text_are_left_out_with_a_warning_the_rest_imports(tmp_path: Path) -> None:
    path = media_cloud_csv(tmp_path / "stories.csv", STORIES, text=True)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    rows[2][-1] = ""
    rows[3][5] = "sometime in spring"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    contents = read_corpus_contents(path)
    assert [a.title for a in contents.articles] == [STORIES[0].title, STORIES[2].title]
    assert contents.articles[1].published is None
    assert contents.articles[1].extra["publish_date"] == "sometime in spring"
    assert contents.warnings == [
        f"row 3 ({STORIES[1].title}) has no text; not imported",
        f"row 4 ({STORIES[2].title}): cannot read the date 'sometime in spring'; kept as an "
        "attribute, no date stored",
        "2 articles read, but the export counts 3 (rows in the list)",
    ]


def test_a_list_whose_text_column_is_empty_throughout_is_refused(tmp_path: Path) -> None:
    path = media_cloud_csv(tmp_path / "stories.csv", STORIES, text=True)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([rows[0]] + [[*row[:-1], ""] for row in rows[1:]])
    with pytest.raises(InputFileError, match="no row has text in column 'text'"):
        read_corpus_contents(path)


def test_a_repeated_media_cloud_id_keeps_the_first_row(tmp_path: Path) -> None:
    path = media_cloud_csv(tmp_path / "stories.csv", STORIES, text=True)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    rows[3][0] = rows[1][0]
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    contents = read_corpus_contents(path)
    assert [a.title for a in contents.articles] == [STORIES[0].title, STORIES[1].title]
    assert (
        contents.warnings[0] == f"row 4: id {rows[1][0]!r} is already used in row 2; not imported"
    )


def test_a_gdelt_article_list_without_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(gdelt_doc_csv(tmp_path / "artlist.csv", STORIES))
    assert raised.value.reason == GDELT_ADVICE


def test_a_gdelt_article_list_with_text_reads_its_own_date_and_language(tmp_path: Path) -> None:
    path = gdelt_doc_csv(tmp_path / "artlist.csv", STORIES, text=True)
    contents = read_corpus_contents(path)
    assert contents.format == "GDELT (.csv)"
    assert [a.published for a in contents.articles] == STORY_DATES
    assert [a.source for a in contents.articles] == [f"news{n}.example.invalid" for n in (1, 2, 3)]
    first = contents.articles[0]
    assert (first.language, first.title) == ("en", STORIES[0].title)
    assert first.extra == {"url_mobile": "", "socialimage": "", "sourcecountry": "United States"}


def test_a_gdelt_gkg_file_is_known_without_a_header_and_refused(tmp_path: Path) -> None:
    path = gdelt_gkg(tmp_path / "20210304061500.gkg.csv", STORIES)
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path)
    assert raised.value.reason == (
        "a GDELT GKG file holds no article text, only the address of each article; fetch "
        "the pages, save them as .html and import those"
    )


def test_an_ordinary_table_of_articles_stays_with_the_table_importer(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(
        "id,title,url,publish_date,text\n7,Council approves cycling lanes,"
        "https://a.invalid/1,2021-03-04,The council voted.\n",
        "utf-8",
    )
    contents = read_corpus_contents(path)
    assert contents.format is None
    (article,) = contents.articles
    assert (article.external_id, article.text) == ("7", "The council voted.")
