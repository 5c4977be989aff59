"""ProQuest .txt exports: records between rules of underscores, "Document n of m" counted,
the full text over all its paragraphs, every field kept."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from stancecoder.io.corpus import read_corpus_contents

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import GERMAN_WIRES, STORIES, WIRES, Wire, lexis_academic_txt, proquest_txt
from test_factiva import ISO


def expected(wire: Wire) -> dict[str, object]:
    author = wire.byline.removeprefix("By ").removeprefix("Von ") if wire.byline else None
    return {
        "title": wire.title,
        "source": wire.source,
        "published": ISO[wire.date],
        "author": author,
        "language": {"English": "en", "Deutsch": "de"}[wire.language],
        "external_id": wire.document_id,
        "url": f"https://www.proquest.com/docview/{wire.document_id}",
        "text": "\n\n".join(wire.body),
    }


def found(article) -> dict[str, object]:
    return {key: getattr(article, key) for key in expected(WIRES[0])}


@pytest.mark.parametrize(
    ("crlf", "bom"), [(False, False), (True, True), (True, False)], ids=["lf", "crlf-bom", "crlf"]
)
@pytest.mark.parametrize("wires", [WIRES, GERMAN_WIRES], ids=["en", "de"])
def test_each_record_gives_its_article_as_written(
    tmp_path: Path, wires: list[Wire], crlf: bool, bom: bool
) -> None:
    path = proquest_txt(tmp_path / "export.txt", wires, crlf=crlf, bom=bom)
    contents = read_corpus_contents(path)
    assert contents.format == "ProQuest (.txt)"
    assert contents.warnings == [] and contents.expected == len(wires)
    assert [found(a) for a in contents.articles] == [expected(w) for w in wires]
    first = contents.articles[0]
    assert first.extra["subject"] == "Bicycles; City councils"
    assert first.extra["source type"] == "Newspapers"
    assert first.extra["database"] == "ProQuest Central"
    assert first.extra["document link"].startswith("http://search.proquest.com/docview/")
    assert first.extra["publication info"] == f"{wires[0].source}. {wires[0].date}."


def test_body_lines_that_look_like_fields_stay_text(tmp_path: Path) -> None:
    """ "Cost: ..." is no ProQuest label; "Subject: ..." is one, but more text follows it."""
    first, second, _ = read_corpus_contents(proquest_txt(tmp_path / "a.txt", WIRES)).articles
    assert "\n\nCost: 2.4 million dollars\n\n" in first.text
    assert "\n\nSubject: the road space the lanes take" in second.text
    assert second.text.endswith("Mayor Ana Ortiz said after the vote.")
    assert "cost" not in first.extra


def test_the_table_of_contents_and_the_contact_note_are_not_articles(tmp_path: Path) -> None:
    contents = read_corpus_contents(proquest_txt(tmp_path / "a.txt", WIRES, contents=False))
    assert len(contents.articles) == 3 and contents.warnings == []
    joined = "\n".join(a.text for a in contents.articles)
    assert "Table of contents" not in joined and "Contact ProQuest" not in joined


def test_a_total_that_disagrees_is_a_warning_naming_both(tmp_path: Path) -> None:
    contents = read_corpus_contents(proquest_txt(tmp_path / "a.txt", WIRES, total=5))
    assert len(contents.articles) == 3
    assert contents.warnings == ["3 articles read, but the export counts 5 ('Document n of 5')"]


def test_an_export_cut_mid_record_imports_the_others(tmp_path: Path) -> None:
    contents = read_corpus_contents(proquest_txt(tmp_path / "cut.txt", WIRES, cut=True))
    assert [a.title for a in contents.articles] == [w.title for w in WIRES[:2]]
    assert contents.warnings == [
        "article 3 (Shop owners fear parking squeeze) ends without its fields after the text "
        "(no ProQuest document ID): the export seems cut off there; not imported",
        "2 articles read, but the export counts 3 ('Document n of 3')",
    ]


def test_a_record_without_full_text_is_left_out_with_its_reason(tmp_path: Path) -> None:
    path = proquest_txt(tmp_path / "a.txt", WIRES)
    text = path.read_text("utf-8")
    first = "Full text: " + WIRES[0].body[0]
    path.write_text(text.replace(first, "Abstract: " + WIRES[0].body[0]), "utf-8")
    contents = read_corpus_contents(path)
    assert [a.title for a in contents.articles] == [w.title for w in WIRES[1:]]
    assert contents.warnings[0] == (
        "article 1 (Council approves cycling lanes) has only an abstract; not imported"
    )
    assert contents.warnings[1] == "2 articles read, but the export counts 3 ('Document n of 3')"


def test_a_date_in_an_unknown_format_is_kept_as_text_and_never_guessed(tmp_path: Path) -> None:
    wires = [replace(WIRES[2], date="Spring 2021")]
    contents = read_corpus_contents(proquest_txt(tmp_path / "a.txt", wires))
    (article,) = contents.articles
    assert article.published is None and article.extra["date line"] == "Spring 2021"
    assert contents.warnings == [
        "article 1 (Shop owners fear parking squeeze): cannot read the date 'Spring 2021'; "
        "kept as the attribute 'date line', no date stored"
    ]


def test_a_file_mixing_formats_imports_the_records_and_names_the_rest(tmp_path: Path) -> None:
    proquest = proquest_txt(tmp_path / "a.txt", WIRES[:2])
    lexis = lexis_academic_txt(tmp_path / "b.txt", STORIES[:1], bom=False, crlf=False)
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(proquest.read_bytes() + b"_" * 60 + b"\n" + lexis.read_bytes())
    contents = read_corpus_contents(mixed)
    assert [a.title for a in contents.articles] == [w.title for w in WIRES[:2]]
    assert contents.warnings == [
        "text after document 2 that is no ProQuest record (starting 'Download Request: "
        "Selected Items: 1-1'); not imported"
    ]


def test_mojibake_and_hyphenated_line_ends_are_repaired(tmp_path: Path) -> None:
    wire = replace(
        WIRES[2],
        title="CafÃ© owners fear the squeeze",
        body=[
            "Shop owners say the inter-\nnational chain and the international bakery "
            "both lose the well-\nknown parking spaces."
        ],
    )
    (article,) = read_corpus_contents(proquest_txt(tmp_path / "a.txt", [wire])).articles
    assert article.title == "Café owners fear the squeeze"
    assert article.text == (
        "Shop owners say the international chain and the international bakery both lose "
        "the well-known parking spaces."
    )


def test_a_record_without_text_or_date_says_so(tmp_path: Path) -> None:
    wires = [replace(WIRES[0], body=[]), replace(WIRES[1], date="")]
    contents = read_corpus_contents(proquest_txt(tmp_path / "a.txt", wires))
    (article,) = contents.articles
    assert article.title == WIRES[1].title and article.published is None
    assert contents.warnings == [
        "article 1 (Council approves cycling lanes) has no full text; not imported",
        "article 2 (City council backs protected bike lanes after long dispute) has no "
        "publication date; none stored",
        "1 article read, but the export counts 2 ('Document n of 2')",
    ]
