"""Factiva .html exports, with and without indexing, in the old and the nested layout."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_contents

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import GERMAN_WIRES, WIRES, Wire, factiva_html, factiva_rtf
from test_factiva import UNINDEXED, expected, found


@pytest.mark.parametrize("nested", [True, False], ids=["nested", "flat"])
@pytest.mark.parametrize("wires", [WIRES, GERMAN_WIRES], ids=["en", "de"])
def test_an_indexed_page_gives_each_article_once_as_written(
    tmp_path: Path, wires: list[Wire], nested: bool
) -> None:
    path = factiva_html(tmp_path / "export.html", wires, nested=nested)
    contents = read_corpus_contents(path)
    assert contents.format == "Factiva (.html)"
    assert contents.warnings == [] and contents.expected == len(wires)
    assert [found(a) for a in contents.articles] == [expected(w) for w in wires]
    for article, wire in zip(contents.articles, wires, strict=True):
        assert article.extra["length"] == wire.words
        assert article.extra.get("copyright") == wire.copyright
        assert article.extra.get("time") == wire.time


@pytest.mark.parametrize("wires", [WIRES, GERMAN_WIRES], ids=["en", "de"])
def test_a_page_without_indexing_reads_as_the_indexed_one(
    tmp_path: Path, wires: list[Wire]
) -> None:
    plain = read_corpus_contents(factiva_html(tmp_path / "a.html", wires, indexed=False))
    indexed = read_corpus_contents(factiva_html(tmp_path / "b.html", wires))
    assert plain.warnings == [UNINDEXED] and plain.expected == len(wires)
    assert [found(a) for a in plain.articles] == [expected(w) for w in wires]
    keys = ("section", "length", "source code", "language", "copyright", "time")
    assert [{k: a.extra.get(k) for k in keys} for a in plain.articles] == [
        {k: a.extra.get(k) for k in keys} for a in indexed.articles
    ]


def test_the_page_and_the_rtf_of_one_export_give_the_same_articles(tmp_path: Path) -> None:
    page = read_corpus_contents(factiva_html(tmp_path / "a.html", WIRES))
    rtf = read_corpus_contents(factiva_rtf(tmp_path / "a.rtf", WIRES))
    assert [(found(a), a.extra) for a in page.articles] == [
        (found(a), a.extra) for a in rtf.articles
    ]


def test_a_page_in_its_declared_legacy_charset(tmp_path: Path) -> None:
    path = factiva_html(tmp_path / "export.html", GERMAN_WIRES, encoding="cp1252")
    contents = read_corpus_contents(path)
    assert [found(a) for a in contents.articles] == [expected(w) for w in GERMAN_WIRES]


def test_a_page_with_a_bom_and_crlf_line_ends(tmp_path: Path) -> None:
    path = factiva_html(tmp_path / "export.htm", WIRES)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    contents = read_corpus_contents(path)
    assert [found(a) for a in contents.articles] == [expected(w) for w in WIRES]


def test_a_page_cut_off_imports_the_whole_articles(tmp_path: Path) -> None:
    contents = read_corpus_contents(factiva_html(tmp_path / "cut.html", WIRES, truncated=True))
    assert [a.title for a in contents.articles] == [w.title for w in WIRES[:2]]
    assert contents.warnings == [
        "article 3 (Shop owners fear parking squeeze) has no 'Document <accession number>' "
        "line at its end: the export seems cut off there; not imported"
    ]


def test_an_article_without_a_body_is_left_out_and_the_count_disagrees(tmp_path: Path) -> None:
    wires = [replace(WIRES[0], body=[]), WIRES[1]]
    contents = read_corpus_contents(factiva_html(tmp_path / "export.html", wires))
    assert [a.title for a in contents.articles] == [WIRES[1].title]
    assert contents.warnings == [
        "article 1 (Council approves cycling lanes) has no body text; not imported",
        "1 article read, but the export counts 2 (its 'Document <accession number>' lines)",
    ]


def test_entities_mojibake_and_no_break_spaces_are_repaired(tmp_path: Path) -> None:
    wire = replace(
        WIRES[2],
        title="Caf\u00c3\u00a9 owners & \u201cfear\u201d",
        body=["Shop\u00a0owners say the Park\u00adplatz rules hurt them & their customers."],
    )
    (article,) = read_corpus_contents(factiva_html(tmp_path / "e.html", [wire])).articles
    assert article.title == "Café owners & “fear”"
    assert article.text == "Shop owners say the Parkplatz rules hurt them & their customers."


def test_a_page_of_search_results_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "results.html"
    path.write_text(
        '<html><body><div class="enArticle headline"><a>Council approves cycling lanes</a>'
        "<div class='leadFields'>Example Gazette, 4 March 2021, 96 words</div></div>"
        "</body></html>",
        "utf-8",
    )
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path)
    assert str(raised.value) == (
        "results.html: a Factiva page without any article in it (a page of search results "
        "holds no text: export the articles themselves)"
    )


def test_a_page_that_is_no_export_is_left_to_the_web_page_reader(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    letter = "A letter to the editor about the new cycling lanes on Main Street and the shops."
    path.write_text(f"<html><body><p>{letter}</p></body></html>", "utf-8")
    contents = read_corpus_contents(path)
    assert contents.format == "web page (.html)"
    assert [article.text for article in contents.articles] == [letter]


def test_a_page_nested_deeper_than_the_stack_is_read(tmp_path: Path) -> None:
    path = factiva_html(tmp_path / "deep.html", WIRES[:1])
    depth = 100_000
    deep = "<span>" * depth + "Cost: 2.4 million dollars" + "</span>" * depth
    path.write_text(path.read_text("utf-8").replace("Cost: 2.4 million dollars", deep), "utf-8")
    (article,) = read_corpus_contents(path).articles
    assert article.text == "\n\n".join(WIRES[0].body)


def test_the_older_layout_with_codes_in_paragraphs_and_values_after_breaks(
    tmp_path: Path,
) -> None:
    """Codes in a <p> of their cell, values after a <br/>, a French page, a code no
    table names kept under itself."""
    page = (
        '<html><body><div class="article frArticle"><table border="0">'
        '<tr><td class="index"><b>HD</b> </td><td><b class="frHeadline">Le conseil vote'
        "</b></td></tr>"
        '<tr><td class="index"><b>WC</b> </td><td>95 mots</td></tr>'
        '<tr><td class="index"><b>PD</b> </td><td>29 décembre 2011</td></tr>'
        '<tr><td class="index"><b>ET</b> </td><td>15:32</td></tr>'
        '<tr><td class="index"><b>SN</b> </td><td>Journal d&#39;exemple</td></tr>'
        '<tr><td class="index"><b>LA</b> </td><td>Français</td></tr>'
        '<tr><td class="index"><p><b>LP</b> </p></td><td><p class="articleParagraph '
        'frarticleParagraph">Premier paragraphe.</p><p class="articleParagraph '
        'frarticleParagraph">Deuxième paragraphe.</p></td></tr>'
        '<tr><td class="index"><p><b>TD</b> </p></td><td><p class="articleParagraph '
        'frarticleParagraph">Troisième paragraphe.</p></td></tr>'
        '<tr><td class="index"><br/><b>RE</b> </td><td><br/>fra : France</td></tr>'
        '<tr><td class="index"><br/><b>NGC</b> </td><td><br/>XYZ</td></tr>'
        '<tr><td class="index"><br/><b>AN</b> </td><td><br/>Document JDEX000020111229e7ct0001r'
        "</td></tr></table><br/></div></body></html>"
    )
    path = tmp_path / "older_layout.html"
    path.write_text(page, "utf-8")
    contents = read_corpus_contents(path)
    assert contents.warnings == []
    (article,) = contents.articles
    assert (article.title, article.source, article.published, article.language) == (
        "Le conseil vote",
        "Journal d'exemple",
        "2011-12-29",
        "fr",
    )
    assert article.external_id == "JDEX000020111229e7ct0001r"
    assert article.text == "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe."
    assert article.extra["regions"] == "fra : France" and article.extra["ngc"] == "XYZ"
    assert article.extra["lead paragraphs"] == "2"
