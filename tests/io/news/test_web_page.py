"""Saved web pages: the article's text without the page around it, the fields from the
page's markup only, a page without an article refused, Factiva's pages left to Factiva."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_contents
from stancecoder.io.limits import ImportLimits

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import STORIES, WIRES, factiva_html, web_page

NO_TEXT = (
    "no main text found in the page (a page of links, a login or cookie wall, or text "
    "written by scripts); save the page as it shows the article and import that"
)


def test_the_article_is_read_without_the_menus_banner_teasers_and_footer(tmp_path: Path) -> None:
    story = STORIES[0]
    contents = read_corpus_contents(web_page(tmp_path / "cycling-lanes.html", story))
    assert contents.format == "web page (.html)"
    assert contents.warnings == [] and contents.expected is None
    (article,) = contents.articles
    assert article.text == "\n\n".join(story.body)
    for boilerplate in ("cookies", "Home", "Most read", "ring road", "newsletter", "Privacy"):
        assert boilerplate not in article.text
    assert article.title == story.title
    assert article.source == story.source
    assert article.author == "Jane Q Reporter"
    assert article.published == "2021-03-04"
    assert article.url == "https://examplegazette.invalid/news/cycling-lanes"
    assert article.language == "en"
    assert article.external_id == "cycling-lanes"
    assert article.origin == "cycling-lanes.html"


def test_a_page_without_a_date_in_its_markup_gets_none(tmp_path: Path) -> None:
    """The second story's text says "on Wednesday" and the page's name holds a date:
    neither is taken for the date of publication."""
    path = web_page(tmp_path / "2021-03-03-bike-lanes.html", STORIES[1], dated=False, url=None)
    (article,) = read_corpus_contents(path).articles
    assert article.published is None
    assert article.url is None
    assert article.title == STORIES[1].title


def test_a_page_of_menus_and_teasers_only_is_refused_in_one_line(tmp_path: Path) -> None:
    path = web_page(tmp_path / "front.html", STORIES[0], body=False)
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path)
    assert str(raised.value) == f"front.html: {NO_TEXT}"


def test_factiva_keeps_its_pages(tmp_path: Path) -> None:
    for indexed in (True, False):
        path = factiva_html(tmp_path / f"export-{indexed}.html", WIRES, indexed=indexed)
        assert read_corpus_contents(path).format == "Factiva (.html)"


def test_a_page_under_another_name_is_read_as_a_page(tmp_path: Path) -> None:
    path = web_page(tmp_path / "saved.txt", STORIES[0])
    contents = read_corpus_contents(path)
    assert contents.format == "web page (.html)"
    assert contents.articles[0].text == "\n\n".join(STORIES[0].body)


def test_a_page_nested_past_the_parser_is_refused_quickly(tmp_path: Path) -> None:
    depth = 40_000
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * depth + "<p>Text</p>" + "</div>" * depth + "</body></html>",
        "utf-8",
    )
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path)
    assert raised.value.reason == NO_TEXT


def test_a_page_larger_than_a_document_may_be_is_refused_unread(tmp_path: Path) -> None:
    path = web_page(tmp_path / "large.html", STORIES[0])
    limits = ImportLimits(max_article_bytes=256)
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path, limits=limits)
    size = path.stat().st_size
    assert raised.value.reason == (
        f"too large: the page has {size / 1024:.1f} KB, over the limit of 1 KB per page"
    )


def test_a_page_of_more_elements_than_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "endless.html"
    teasers = "".join(f"<li><a href='/{n}'>Story {n}</a></li>" for n in range(600))
    path.write_text(f"<html><body><ul>{teasers}</ul></body></html>", "utf-8")
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path, limits=ImportLimits(max_page_elements=1_000))
    assert raised.value.reason == (
        "too large: the page has 1,203 elements, over the limit of 1,000 elements"
    )
