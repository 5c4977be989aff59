"""LexisNexis Academic .txt exports: split at "n of m DOCUMENTS" (and its German form),
header and trailer fields kept, the count checked against m."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_contents

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import GERMAN_STORIES, STORIES, lexis_academic_rtf, lexis_academic_txt

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_the_shared_sample_with_bom_crlf_and_a_wrapped_trailer_field() -> None:
    expected = json.loads((SAMPLES / "expected.json").read_text("utf-8"))
    contents = read_corpus_contents(SAMPLES / "lexis_academic_en.txt")
    assert contents.format == "LexisNexis Academic (.txt)"
    assert len(contents.articles) == expected["lexis_academic_en.txt"]["n_articles"] == 2
    assert contents.expected == 2 and contents.warnings == []
    first, second = contents.articles
    assert (first.title, first.source, first.published, first.author) == (
        "Council approves cycling lanes",
        "The Example Gazette (Springfield)",
        "2021-03-04",
        "Jane Q. Reporter",
    )
    # the edition line under the date line
    assert first.extra["edition"] == "Final Edition"
    assert first.extra["date line"] == "March 4, 2021 Thursday"
    # the GRAPHIC value wraps onto a second line
    assert first.extra["graphic"] == (
        "PHOTO: Cyclists on Main Street, where shop owners say parking will become scarce "
        "once the new lanes are built"
    )
    assert first.extra["section"] == "NEWS; Pg. A3"
    assert first.extra["length"] == "96 words"
    assert first.extra["load-date"] == "March 5, 2021"
    assert first.extra["publication-type"] == "Newspaper"
    assert first.extra["copyright"] == "Copyright 2021 Example Media Ltd. All Rights Reserved"
    assert first.language == "en"
    assert first.text.startswith("Springfield will get its first network of protected bike lanes")
    assert first.text.endswith("Construction is scheduled to begin in May.")
    assert "\r" not in first.text and "LOAD-DATE" not in first.text
    assert second.title == "City council backs protected bike lanes after long dispute"
    assert (second.source, second.published) == ("Example Press Wire", "2021-03-03")
    assert "Download Request" not in first.text + second.text


@pytest.mark.parametrize(
    ("crlf", "bom"), [(True, True), (False, False), (True, False)], ids=["crlf-bom", "lf", "crlf"]
)
def test_a_generated_export_in_each_line_ending(tmp_path: Path, crlf: bool, bom: bool) -> None:
    path = lexis_academic_txt(tmp_path / "export.txt", STORIES, crlf=crlf, bom=bom)
    contents = read_corpus_contents(path)
    assert contents.warnings == [] and contents.expected == 3
    assert [a.title for a in contents.articles] == [s.title for s in STORIES]
    assert [a.published for a in contents.articles] == ["2021-03-04", "2021-03-03", "2021-03-06"]
    second = contents.articles[1]
    # an all-capitals "KEY: value" line inside the body stays body text
    assert "TABER: We never agreed to that" in second.text
    assert second.extra["subject"] == "CYCLING (92%); CITY COUNCILS (88%)"
    # the hard wraps at 78 columns are joined again
    assert "\n" not in second.text.split("\n\n")[0]


def test_german_markers_and_labels(tmp_path: Path) -> None:
    path = lexis_academic_txt(tmp_path / "export.txt", GERMAN_STORIES, language="de")
    contents = read_corpus_contents(path)
    assert contents.warnings == [] and contents.expected == 2
    first, second = contents.articles
    assert (first.title, first.published, first.author, first.language) == (
        "Stadtrat beschließt Radwege",
        "2021-03-04",
        "Jana Muster",
        "de",
    )
    assert first.extra["länge"] == "412 Wörter"
    assert first.extra["rubrik"] == "LOKALES; S. 3"
    assert second.title == "Radwege: Kosten steigen"
    assert second.published == "2021-03-06"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_german_export_in_a_legacy_or_utf16_encoding(tmp_path: Path, encoding: str) -> None:
    path = lexis_academic_txt(tmp_path / "export.txt", GERMAN_STORIES, language="de", bom=False)
    path.write_bytes(path.read_text("utf-8").encode(encoding))
    contents = read_corpus_contents(path)
    assert contents.warnings == []
    assert [a.title for a in contents.articles] == [s.title for s in GERMAN_STORIES]
    assert contents.articles[0].extra["länge"] == "412 Wörter"
    assert "Straßenraum" in contents.articles[0].text


def test_a_total_that_disagrees_is_a_warning_naming_both(tmp_path: Path) -> None:
    path = lexis_academic_txt(tmp_path / "export.txt", STORIES, total=4)
    contents = read_corpus_contents(path)
    assert len(contents.articles) == 3
    assert contents.warnings == ["3 articles read, but the export counts 4 ('of 4 DOCUMENTS')"]


def test_an_export_cut_mid_article_imports_the_others(tmp_path: Path) -> None:
    path = lexis_academic_txt(tmp_path / "cut.txt", STORIES, cut=True)
    contents = read_corpus_contents(path)
    assert [a.title for a in contents.articles] == [s.title for s in STORIES[:2]]
    assert contents.warnings == [
        "article 3 (Shop owners fear parking squeeze) ends without its LOAD-DATE or LANGUAGE "
        "line: the export seems cut off there; not imported",
        "2 articles read, but the export counts 3 ('of 3 DOCUMENTS')",
    ]


def test_an_article_without_length_or_body_is_left_out_with_its_reason(tmp_path: Path) -> None:
    stories = [STORIES[0], replace(STORIES[1], fields=[], body=[])]
    contents = read_corpus_contents(lexis_academic_txt(tmp_path / "export.txt", stories))
    assert [a.title for a in contents.articles] == [STORIES[0].title]
    assert contents.warnings[0] == (
        "article 2 has no LENGTH line, so no body can be told from its header (a picture or "
        "a listing); not imported"
    )


def test_an_unknown_date_stays_text_with_a_warning(tmp_path: Path) -> None:
    stories = [replace(STORIES[2], date_line="Spring 2021")]
    contents = read_corpus_contents(lexis_academic_txt(tmp_path / "export.txt", stories))
    (article,) = contents.articles
    assert article.published is None
    assert article.extra["date line"] == "Spring 2021"
    assert contents.warnings == [
        "article 1 (Shop owners fear parking squeeze): cannot read the date 'Spring 2021'; "
        "kept as the attribute 'date line', no date stored"
    ]


def test_a_plain_text_mentioning_documents_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Minutes\n\nWe read 1 of 2 documents today. 3 of 4 DOCUMENTS were old.\n")
    contents = read_corpus_contents(path)
    assert contents.format is None and len(contents.articles) == 1


@pytest.mark.parametrize(
    ("language", "stories"), [("en", STORIES), ("de", GERMAN_STORIES)], ids=["en", "de"]
)
def test_an_rtf_export_reads_as_its_text_does(tmp_path: Path, language: str, stories: list) -> None:
    rtf = read_corpus_contents(lexis_academic_rtf(tmp_path / "a.rtf", stories, language=language))
    txt = read_corpus_contents(lexis_academic_txt(tmp_path / "a.txt", stories, language=language))
    assert rtf.format == "LexisNexis Academic (.rtf)"
    assert rtf.warnings == [] and rtf.expected == len(stories)
    fields = ["title", "source", "author", "published", "language", "extra"]
    assert [[getattr(a, f) for f in fields] for a in rtf.articles] == [
        [getattr(a, f) for f in fields] for a in txt.articles
    ]
    # escapes decoded in the file's code page; the page header is not text
    joined = "\n".join(a.text for a in rtf.articles)
    assert "Page 1 of 2" not in joined
    if language == "de":
        assert "Straßenraum" in joined and rtf.articles[0].extra["länge"] == "412 Wörter"
    else:
        assert "\u201cWe listened to every neighbourhood,\u201d Mayor Ana Ortiz" in joined


def test_an_rtf_file_that_is_no_export_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "letter.rtf"
    path.write_bytes(b"{\\rtf1\\ansi A letter to the editor.\\par}")
    with pytest.raises(
        InputFileError, match="read only as a LexisNexis Academic or Factiva export"
    ):
        read_corpus_contents(path)
