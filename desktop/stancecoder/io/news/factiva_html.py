"""Factiva exports as .html, with or without indexing.

Each article is an element of class "article xxArticle" (xx the language: enArticle,
deArticle); newer pages wrap it in another "article" element, which is not read again.
Indexed, the article is a table whose rows hold the field code in a cell of class "index"
and the value beside it, LP and TD as paragraphs; without indexing the headline is in
`#hd`, the byline in `.author`, the text in paragraphs of class "articleParagraph", and
the other fields are unlabelled lines in Factiva's order (see `factiva_fields`). Either
way the article ends with "Document <accession number>". A page of search results holds
headlines without text and is no export.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from stancecoder.core.errors import InputFileError
from stancecoder.io.encoding import decode_bytes
from stancecoder.io.limits import ImportLimits
from stancecoder.io.news.base import HEAD_BYTES, NewsFile
from stancecoder.io.news.factiva import factiva_news
from stancecoder.io.news.factiva_fields import (
    FactivaArticle,
    is_trailer,
    read_marked_header,
    read_unindexed,
)
from stancecoder.io.news.html_tree import Element, parse_html

_ARTICLE_CLASS = re.compile(r"[a-z]{2}Article")
_SNIFF = re.compile(
    rb"""class\s*=\s*["']?[^"'>]*\b[a-z]{2}Article\b|class\s*=\s*["']?index["']?[^>]*>\s*<b>HD""",
    re.IGNORECASE,
)
_CODE = re.compile(r"[A-Z]{2,4}")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


class FactivaHtml:
    name = "factiva_html"
    label = "Factiva (.html)"

    def sniff(self, head: bytes, path: Path) -> bool:
        """A page with an element of class "xxArticle" or a field table whose first code
        is HD."""
        if head.startswith((b"PK", b"{\\rtf", b"%PDF")):
            return False
        start = head[:HEAD_BYTES]
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            start = start.decode("utf-16", "ignore").encode("utf-8")
        # both of its forms start with "class": a page without it is looked at no further
        return b"class" in start.lower() and _SNIFF.search(start) is not None

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        root = parse_html(_decode(data, path))
        read = [_read_article(element) for element in _article_elements(root)]
        # an element with neither text nor accession number is a search result's headline
        articles = [a for a in read if a.accession or "LP" in a.fields or "TD" in a.fields]
        if not articles:
            raise InputFileError(
                path,
                "a Factiva page without any article in it (a page of search results holds "
                "no text: export the articles themselves)",
            )
        return factiva_news(path, articles, limits)


def _decode(data: bytes, path: Path) -> str:
    """The page's text: in the character set it declares, else as any text file is read."""
    declared = _CHARSET.search(data[:4096])
    if declared is not None and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode(declared.group(1).decode("ascii")).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, path).lstrip("\ufeff")


def _article_elements(root: Element) -> list[Element]:
    """The outermost elements of class "xxArticle"."""
    return root.outermost(lambda e: any(_ARTICLE_CLASS.fullmatch(c) for c in e.classes()))


def _read_article(element: Element) -> FactivaArticle:
    article = FactivaArticle()
    rows = element.outermost(lambda e: e.tag == "tr" and _code(e) is not None)
    if rows:
        for row in rows:
            _read_row(row, article)
    else:
        _read_plain(element, article)
    if article.accession is None:
        trailers = [is_trailer(line) for line in element.text().split("\n")]
        found = [trailer.group("an") for trailer in trailers if trailer is not None]
        article.accession = found[-1] if found else None
    return article


def _cells(row: Element) -> list[Element]:
    return [cell for cell in row.elements() if cell.tag in ("td", "th")]


def _code(row: Element) -> str | None:
    """The field code of a table row: the text of its first cell, when that is a code
    (in a <b>, perhaps inside a <p>)."""
    cells = _cells(row)
    if len(cells) < 2:
        return None
    code = cells[0].near_text(3)
    return code if _CODE.fullmatch(code) else None


def _read_row(row: Element, article: FactivaArticle) -> None:
    code = _code(row)
    value = _cells(row)[1]
    if code == "AN":
        trailer = is_trailer(value.text())
        article.accession = trailer.group("an") if trailer else None
        return
    if code is None:
        return
    paragraphs = [p.text() for p in value.outermost(lambda e: e.tag == "p")]
    if code in ("LP", "TD") and paragraphs:
        for paragraph in paragraphs:
            article.add(code, " ".join(paragraph.split("\n")))
    else:
        article.add(code, " ".join(value.text().split("\n")))


def _read_plain(element: Element, article: FactivaArticle) -> None:
    """An article without indexing: the headline and byline by their marks, the text by
    its paragraphs' class, the other fields by their order around the word count."""
    paragraphs: list[str] = []
    for marked in element.outermost(_mark):
        text = " ".join(marked.text().split("\n"))
        mark = _mark(marked)
        if mark == "HD" and "HD" not in article.fields:
            article.add("HD", text)
        elif mark == "BY":
            article.add("BY", text)
        elif mark == "TD":
            paragraphs.append(text)
    lines: list[str] = []
    for child in element.elements():
        if child.tag in ("div", "p") and not child.outermost(_mark):
            text = " ".join(child.text().split("\n"))
            if text and not is_trailer(text):
                lines.append(text)
    if "HD" in article.fields:
        for line in read_marked_header(lines, article):
            article.add("HEADER", line)
    else:
        read_unindexed(lines, article)
    for paragraph in paragraphs:
        article.add("TD", paragraph)


def _mark(element: Element) -> str | None:
    """The field an element of a page without indexing is marked as: the headline, the
    byline or a paragraph of the text."""
    classes = element.classes()
    if element.attrs.get("id") == "hd" or any(c.endswith("Headline") for c in classes):
        return "HD"
    if "author" in classes:
        return "BY"
    return "TD" if "articleParagraph" in classes else None
