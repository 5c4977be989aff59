"""Factiva .rtf exports, with and without indexing: split at their "Document <AN>" lines,
every field kept, the count checked against those lines, the text repaired."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from stancecoder.io.corpus import read_corpus_contents

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import GERMAN_WIRES, WIRES, Wire, factiva_rtf

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ISO = {"4 March 2021": "2021-03-04", "3 March 2021": "2021-03-03", "6 March 2021": "2021-03-06"}
ISO |= {"4 März 2021": "2021-03-04", "6 März 2021": "2021-03-06"}
UNINDEXED = (
    "exported without indexing: headline, byline, section and source were read by their "
    "position; export 'Full Article/Report plus Indexing' to have them for certain"
)


def expected(wire: Wire) -> dict[str, object]:
    """What the article must be, from the story the fixture was written from."""
    return {
        "title": wire.title,
        "source": wire.source,
        "published": ISO[wire.date],
        "author": wire.byline,
        "language": {"English": "en", "Deutsch": "de"}[wire.language],
        "external_id": wire.accession,
        "text": "\n\n".join(wire.body),
    }


def found(article) -> dict[str, object]:
    return {key: getattr(article, key) for key in expected(WIRES[0])}


def test_the_shared_sample_gives_its_two_articles_with_every_field() -> None:
    sample = json.loads((SAMPLES / "expected.json").read_text("utf-8"))["factiva_indexed.rtf"]
    contents = read_corpus_contents(SAMPLES / "factiva_indexed.rtf")
    assert contents.format == "Factiva (.rtf)"
    assert contents.warnings == []
    assert len(contents.articles) == sample["n_articles"] == contents.expected
    for article, want in zip(contents.articles, sample["articles"], strict=True):
        assert article.external_id == want["AN"]
        assert article.title == want["HD"]
        assert article.source == want["SN"]
        assert article.extra["date line"] == want["PD"]
        assert article.extra["source code"] == want["SC"]
        assert article.extra["length"] == f"{want['WC']} words"
        assert len(article.text.split("\n\n")) == want["n_paragraphs"]
        assert "Page" not in article.text and "89504e47" not in article.text
    first, second = contents.articles
    assert (first.published, second.published) == ("2021-03-03", "2021-03-04")
    assert first.author == "By Example Press staff" and first.language == "en"
    assert first.extra["section"] == "Local"
    assert first.extra["time"] == "23:42"
    assert first.extra["subjects"] == "gpol : Domestic Politics | gcat : Political/General News"
    assert first.extra["regions"] == "usa : United States | namz : North America"
    assert first.extra["companies"] == "exprco : Example Press Co"
    assert first.extra["industries"] == "itrans : Transportation/Logistics"
    assert first.extra["information provider descriptors"] == "Cycling | Local government"
    assert first.extra["publisher"] == "Example Press Co"
    assert first.extra["copyright"] == "(c) 2021 Example Press. All rights reserved."
    assert first.extra["lead paragraphs"] == "2"
    assert (second.extra["edition"], second.extra["page"]) == ("Final", "A3")
    # a continuation paragraph of LP, after its tab
    assert first.text.split("\n\n")[1].startswith("Supporters said the lanes")
    assert "café owners" in second.text


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("wires", [WIRES, GERMAN_WIRES], ids=["en", "de"])
def test_an_indexed_export_gives_each_article_as_written(
    tmp_path: Path, wires: list[Wire], crlf: bool
) -> None:
    contents = read_corpus_contents(factiva_rtf(tmp_path / "export.rtf", wires, crlf=crlf))
    assert contents.warnings == [] and contents.expected == len(wires)
    assert [found(a) for a in contents.articles] == [expected(w) for w in wires]
    for article, wire in zip(contents.articles, wires, strict=True):
        assert article.extra["length"] == wire.words
        assert article.extra["source code"] == wire.source_code
        assert article.extra.get("section") == wire.section
        assert article.extra["lead paragraphs"] == str(len(wire.body[: wire.lead]))
        for code, value in wire.codes:
            name = {"NS": "subjects", "RE": "regions", "CO": "companies", "IN": "industries"}
            assert article.extra[name.get(code, "publisher")] == value


@pytest.mark.parametrize("wires", [WIRES, GERMAN_WIRES], ids=["en", "de"])
def test_an_export_without_indexing_is_read_by_position_and_says_so(
    tmp_path: Path, wires: list[Wire]
) -> None:
    path = factiva_rtf(tmp_path / "export.rtf", wires, indexed=False)
    contents = read_corpus_contents(path)
    assert contents.warnings == [UNINDEXED]
    assert contents.expected == len(wires)
    assert [found(a) for a in contents.articles] == [expected(w) for w in wires]
    assert [a.extra.get("section") for a in contents.articles] == [w.section for w in wires]
    assert [a.extra.get("copyright") for a in contents.articles] == [w.copyright for w in wires]


def test_an_export_mixing_both_layouts_reads_each_article_its_way(tmp_path: Path) -> None:
    path = factiva_rtf(tmp_path / "mixed.rtf", WIRES, indexed=[True, False, True])
    contents = read_corpus_contents(path)
    assert [found(a) for a in contents.articles] == [expected(w) for w in WIRES]
    assert contents.warnings == [UNINDEXED]
    assert "subjects" in contents.articles[0].extra


def test_an_export_cut_off_imports_the_whole_articles(tmp_path: Path) -> None:
    contents = read_corpus_contents(factiva_rtf(tmp_path / "cut.rtf", WIRES, truncated=True))
    assert [a.title for a in contents.articles] == [w.title for w in WIRES[:2]]
    assert contents.warnings == [
        "article 3 (Shop owners fear parking squeeze) has no 'Document <accession number>' "
        "line at its end: the export seems cut off there; not imported"
    ]


def test_an_article_without_a_body_is_left_out_and_the_count_disagrees(tmp_path: Path) -> None:
    wires = [WIRES[0], replace(WIRES[1], body=[]), WIRES[2]]
    contents = read_corpus_contents(factiva_rtf(tmp_path / "export.rtf", wires))
    assert [a.title for a in contents.articles] == [WIRES[0].title, WIRES[2].title]
    assert contents.warnings == [
        "article 2 (City council backs protected bike lanes after long dispute) has no body "
        "text; not imported",
        "2 articles read, but the export counts 3 (its 'Document <accession number>' lines)",
    ]


def test_a_date_in_an_unknown_format_is_kept_as_text_and_never_guessed(tmp_path: Path) -> None:
    wires = [replace(WIRES[2], date="03/06/2021")]
    contents = read_corpus_contents(factiva_rtf(tmp_path / "export.rtf", wires))
    (article,) = contents.articles
    assert article.published is None and article.extra["date line"] == "03/06/2021"
    assert contents.warnings == [
        "article 1 (Shop owners fear parking squeeze): cannot read the date '03/06/2021'; "
        "kept as the attribute 'date line', no date stored"
    ]


def test_an_article_without_headline_or_word_count_gets_no_invented_fields(
    tmp_path: Path,
) -> None:
    """Without indexing, the word count is what the header is read by: an article
    without one is left out rather than read with a title taken from its text."""
    path = factiva_rtf(tmp_path / "export.rtf", WIRES[:2], indexed=False)
    path.write_bytes(path.read_bytes().replace(b"\\pard 131 words\\par", b""))
    contents = read_corpus_contents(path)
    assert [a.title for a in contents.articles] == [WIRES[0].title]
    assert contents.warnings[0] == (
        "article 2 has neither field codes nor a word count ('131 words'), so its header "
        "cannot be told from its text; not imported"
    )
    assert contents.warnings[-1] == (
        "1 article read, but the export counts 2 (its 'Document <accession number>' lines)"
    )


def test_mojibake_soft_hyphens_and_no_break_spaces_are_repaired(tmp_path: Path) -> None:
    wire = replace(
        WIRES[2],
        title="CafÃ© owners â€œfearâ€\x9d parking squeeze",
        body=["Shop\u00a0owners on Main Street say the new Park\u00adplatz rules hurt them."],
    )
    contents = read_corpus_contents(factiva_rtf(tmp_path / "export.rtf", [wire]))
    (article,) = contents.articles
    assert article.title == "Café owners “fear” parking squeeze"
    assert article.text == "Shop owners on Main Street say the new Parkplatz rules hurt them."


def test_an_article_without_a_date_says_so(tmp_path: Path) -> None:
    contents = read_corpus_contents(factiva_rtf(tmp_path / "a.rtf", [replace(WIRES[2], date="")]))
    (article,) = contents.articles
    assert article.published is None and "date line" not in article.extra
    assert contents.warnings == [
        "article 1 (Shop owners fear parking squeeze) has no date (PD); none stored"
    ]
