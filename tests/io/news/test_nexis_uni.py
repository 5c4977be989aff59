"""Nexis Uni .docx exports: split at their bookmarks or "End of Document", fields kept,
the count checked against LADocCount."""

from __future__ import annotations

import json
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_contents

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import GERMAN_STORIES, STORIES, nexis_uni_docx

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_the_shared_sample_gives_its_one_article_with_every_field() -> None:
    expected = json.loads((SAMPLES / "expected.json").read_text("utf-8"))["nexis_uni_single.docx"]
    contents = read_corpus_contents(SAMPLES / "nexis_uni_single.docx")
    assert contents.format == "Nexis Uni (.docx)"
    assert len(contents.articles) == expected["n_articles"] == contents.expected
    assert contents.warnings == []
    (article,) = contents.articles
    assert article.title == "Council approves cycling lanes; Opposition says plan ignores suburbs"
    assert article.source == "The Example Gazette (Springfield)"
    assert article.published == "2021-03-04"
    assert article.author == "Jane Q. Reporter"
    assert article.dateline == "SPRINGFIELD"
    assert article.extra["section"] == "NEWS; Pg. A3"
    assert article.extra["length"] == "96 words"
    assert article.extra["load-date"] == "March 5, 2021"
    assert article.extra["highlight"] == "A divided council backs 14 km of protected lanes"
    assert article.extra["graphic"].startswith("PHOTO: Cyclists on Main Street")
    assert article.extra["copyright"].startswith("Copyright 2021 Example Media Ltd.")
    # the body's own "Cost:" line (a no-break space after it, as the labels have) stays text
    assert "Cost:\u00a02.4 million dollars" in article.text
    assert "cost" not in article.extra
    assert article.text.endswith("Construction is scheduled to begin in May.")
    assert "PHOTO" not in article.text and "Load-Date" not in article.text


@pytest.mark.parametrize("cover", [False, True], ids=["no-cover", "cover"])
@pytest.mark.parametrize("bookmarks", [True, False], ids=["bookmarks", "end-markers"])
def test_a_multi_article_export_splits_into_its_articles(
    tmp_path: Path, cover: bool, bookmarks: bool
) -> None:
    path = nexis_uni_docx(tmp_path / "export.docx", STORIES, cover=cover, bookmarks=bookmarks)
    contents = read_corpus_contents(path)
    assert contents.warnings == []
    assert contents.expected == len(STORIES)
    assert [a.title for a in contents.articles] == [s.title for s in STORIES]
    assert [a.source for a in contents.articles] == [s.source for s in STORIES]
    assert [a.published for a in contents.articles] == ["2021-03-04", "2021-03-03", "2021-03-06"]
    assert [a.author for a in contents.articles] == ["Jane Q. Reporter", None, "Ana Writer"]
    first, second, third = contents.articles
    # runs cut by search-term highlights join into whole words
    assert first.text.startswith("Springfield will get its first network of protected bike")
    assert second.dateline == "SPRINGFIELD"
    assert second.extra["subject"] == "CYCLING (92%); CITY COUNCILS (88%)"
    assert second.extra["publication-type"] == "Newswire"
    assert second.language == "en"
    assert "TABER:\u00a0We never agreed" in second.text
    # a body ending in a "Key:\xa0value" line keeps it: only fields after a line break trail
    assert third.text.endswith(
        "Age:\u00a045, owner of a bakery since 2001, said she would wait and see."
    )
    assert third.extra["load-date"] == "March 7, 2021"
    for article in contents.articles:
        assert "Client/Matter" not in article.text and "End of Document" not in article.text
    assert [a.origin for a in contents.articles] == [f"export.docx, article {n}" for n in (1, 2, 3)]


def test_the_body_bookmark_comes_before_the_word(tmp_path: Path) -> None:
    """A headline that reads "Body" is a headline: the bookmark marks the real heading."""
    path = nexis_uni_docx(tmp_path / "export.docx", [replace(STORIES[0], title="Body")])
    (article,) = read_corpus_contents(path).articles
    assert article.title == "Body"
    assert article.source == STORIES[0].source
    assert article.text.startswith("Springfield will get")


def test_a_header_without_its_publication_line_keeps_the_date(tmp_path: Path) -> None:
    path = nexis_uni_docx(tmp_path / "export.docx", [replace(STORIES[0], source="")])
    (article,) = read_corpus_contents(path).articles
    assert (article.title, article.source, article.published) == (
        STORIES[0].title,
        None,
        "2021-03-04",
    )


def test_a_german_export_with_a_cover_page(tmp_path: Path) -> None:
    path = nexis_uni_docx(tmp_path / "export.docx", GERMAN_STORIES, cover=True, german_cover=True)
    contents = read_corpus_contents(path)
    assert contents.warnings == []
    first, second = contents.articles
    assert (first.title, first.published, first.author) == (
        "Stadtrat beschließt Radwege",
        "2021-03-04",
        "Jana Muster",
    )
    assert first.extra["länge"] == "412 Wörter"
    assert first.extra["rubrik"] == "LOKALES; S. 3"
    assert second.language == "de"
    assert second.published == "2021-03-06"


def test_a_count_that_disagrees_with_LADocCount_is_a_warning_naming_both(tmp_path: Path) -> None:
    path = nexis_uni_docx(tmp_path / "export.docx", STORIES, doc_count=5)
    contents = read_corpus_contents(path)
    assert len(contents.articles) == 3
    assert contents.expected == 5
    assert contents.warnings == ["3 articles read, but the export counts 5 (LADocCount 5)"]


def test_a_cover_page_takes_one_off_LADocCount_and_its_documents_line_is_checked(
    tmp_path: Path,
) -> None:
    path = nexis_uni_docx(tmp_path / "export.docx", STORIES, cover=True, doc_count=3)
    contents = read_corpus_contents(path)
    assert contents.expected == 2
    assert contents.warnings == [
        "3 articles read, but the export counts 2 (LADocCount 3, less 1 for the cover page)",
        "the cover page announces 3 documents, but LADocCount 3, less 1 for the cover page means 2",
    ]


@pytest.mark.parametrize("bookmarks", [True, False], ids=["bookmarks", "end-markers"])
def test_a_truncated_export_imports_the_whole_articles_and_says_which_is_cut(
    tmp_path: Path, bookmarks: bool
) -> None:
    path = nexis_uni_docx(tmp_path / "cut.docx", STORIES, truncated=True, bookmarks=bookmarks)
    contents = read_corpus_contents(path)
    assert [a.title for a in contents.articles] == [s.title for s in STORIES[:2]]
    assert contents.warnings == [
        "article 3 (Shop owners fear parking squeeze) has no 'End of Document': the export "
        "seems cut off there; not imported",
        "2 articles read, but the export counts 3 (LADocCount 3)",
    ]


def test_an_article_without_a_body_is_left_out_with_its_reason(tmp_path: Path) -> None:
    stories = [STORIES[0], replace(STORIES[1], body=[])]
    contents = read_corpus_contents(nexis_uni_docx(tmp_path / "export.docx", stories))
    assert [a.title for a in contents.articles] == [STORIES[0].title]
    assert contents.warnings[0] == (
        "article 2 (City council backs protected bike lanes after long dispute) has no body "
        "text; not imported"
    )


def test_an_unknown_date_is_kept_as_text_and_never_guessed(tmp_path: Path) -> None:
    story = replace(STORIES[0], date_line="Spring 2021")
    contents = read_corpus_contents(nexis_uni_docx(tmp_path / "export.docx", [story]))
    (article,) = contents.articles
    assert article.published is None
    assert article.extra["date line"] == "Spring 2021"
    assert contents.warnings == [
        "article 1 (Council approves cycling lanes): cannot read the date 'Spring 2021'; "
        "kept as the attribute 'date line', no date stored"
    ]


def test_an_article_without_a_headline_gets_no_title_made_from_its_body(tmp_path: Path) -> None:
    path = nexis_uni_docx(tmp_path / "export.docx", STORIES[:1])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts["word/document.xml"].decode()
    for line in (STORIES[0].title, STORIES[0].source, STORIES[0].date_line):
        document = document.replace(f">{line}<", "><", 1)
    parts["word/document.xml"] = document.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    (article,) = read_corpus_contents(path).articles
    assert article.title is None and article.source is None and article.published is None


def test_a_damaged_export_fails_with_one_line(tmp_path: Path) -> None:
    path = nexis_uni_docx(tmp_path / "export.docx", STORIES)
    with_bad_xml = tmp_path / "bad.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(with_bad_xml, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = content[: len(content) // 2]
            target.writestr(name, content)
    with pytest.raises(InputFileError, match=r"not a readable \.docx file"):
        read_corpus_contents(with_bad_xml)
