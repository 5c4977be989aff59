"""PDFs with a text layer: one article per file, its wraps and line-end hyphens repaired on
evidence, its title only from the document's properties; scans, locked files, damaged
files and bombs refused in one line."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_contents
from stancecoder.io.limits import ImportLimits

sys.path.insert(0, str(Path(__file__).parent))

from news_fixtures import PDF_PAGES, STORIES, pdf_article, pdf_bomb, scanned_pdf

SCAN = "no text layer: it is a scan; run OCR first (e.g. ocrmypdf) and import the result"
LOCKED = "the PDF is encrypted and needs a password; save an unprotected copy and import that"


def written_text() -> str:
    """The article as its author wrote it: the hyphenated word whole, the paragraph that
    runs on to the second page in one piece."""
    first, broken, rest = PDF_PAGES[0]
    (continued,) = PDF_PAGES[1]
    joined = broken.removesuffix("-") + rest + " " + continued
    return f"{first}\n\n{joined}"


def test_the_pages_make_one_article_with_its_wraps_and_hyphens_repaired(tmp_path: Path) -> None:
    path = pdf_article(tmp_path / "council.pdf", PDF_PAGES, title=STORIES[0].title, author="J. Q.")
    contents = read_corpus_contents(path)
    assert contents.format == "PDF (.pdf)"
    assert contents.warnings == [] and contents.expected is None
    (article,) = contents.articles
    assert article.text == written_text()
    assert article.title == STORIES[0].title
    assert article.author == "J. Q."
    assert article.published is None
    assert article.extra == {"pdf created": "2021-03-05T10:15:00+00:00"}
    assert (article.external_id, article.origin) == ("council", "council.pdf")


def test_without_properties_no_title_is_made_from_the_text(tmp_path: Path) -> None:
    pages = [["Council approves cycling lanes", *PDF_PAGES[0]], PDF_PAGES[1]]
    path = pdf_article(tmp_path / "untitled.pdf", pages)
    (article,) = read_corpus_contents(path).articles
    assert article.title is None and article.author is None
    assert article.text.startswith("Council approves cycling lanes\n\n")


def test_a_scan_is_refused_with_the_advice_to_run_ocr(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(scanned_pdf(tmp_path / "scan.pdf"))
    assert str(raised.value) == f"scan.pdf: {SCAN}"


def test_a_pdf_that_needs_a_password_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(pdf_article(tmp_path / "a.pdf", PDF_PAGES)))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(tmp_path / "locked.pdf")
    assert raised.value.reason == LOCKED


def test_a_pdf_locked_against_editing_only_is_read(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(pdf_article(tmp_path / "a.pdf", PDF_PAGES)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    writer.write(tmp_path / "restricted.pdf")
    (article,) = read_corpus_contents(tmp_path / "restricted.pdf").articles
    assert article.text == written_text()


def test_a_damaged_pdf_is_refused_in_one_line(tmp_path: Path) -> None:
    path = pdf_article(tmp_path / "a.pdf", PDF_PAGES)
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path)
    assert raised.value.reason.startswith("not a readable PDF (damaged, or past a limit")
    assert "\n" not in str(raised.value)


def test_a_pdf_bomb_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    path = pdf_bomb(tmp_path / "bomb.pdf")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path)
    assert raised.value.reason.startswith(
        "not a readable PDF (damaged, or past a limit of the reader: Limit reached"
    )


def test_more_pages_than_the_limit_are_refused_before_reading(tmp_path: Path) -> None:
    path = pdf_article(tmp_path / "long.pdf", PDF_PAGES * 3)
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path, limits=ImportLimits(max_pdf_pages=5))
    assert raised.value.reason == "too large: the PDF has 6 pages, over the limit of 5 pages"


def test_text_past_the_article_limit_is_refused_as_it_grows(tmp_path: Path) -> None:
    page = [textwrap.fill("The council met again. " * 20, 70)]
    path = pdf_article(tmp_path / "long.pdf", [page] * 4)
    with pytest.raises(InputFileError) as raised:
        read_corpus_contents(path, limits=ImportLimits(max_article_bytes=1024))
    assert raised.value.reason.startswith("too large: the text of the first 3 pages has over")
    assert raised.value.reason.endswith("over the limit of 1 KB per article")
