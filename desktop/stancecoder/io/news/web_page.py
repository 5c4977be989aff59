"""A web page saved as .html: one article, its main text found by trafilatura.

A saved page holds the article among menus, teasers, cookie notes and footers; trafilatura
finds the main text and reads the fields the page's markup gives: the title, the author,
the date, the site's name and the page's own address (its canonical link or og:url),
and the language the page declares. The date is read only from the markup (meta tags,
structured data, the address), never guessed from words in the text; without one, none
is stored. A heading equal to the
title is the title, not the first paragraph.

Factiva's .html exports are pages too; the registry asks Factiva's importer first, so
this one reads only what no export format claims. A page larger than a text file of one
article may be, or of more elements than `ImportLimits.max_page_elements` (the time the
search for the main text takes grows with them), is refused unread, and a page nested
deeper than the HTML parser goes is read no deeper (libxml2 stops at its own depth
limit), so no page can hang an import.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.core.printable import printable
from stancecoder.core.text import canonical_text
from stancecoder.io.limits import (
    ImportLimits,
    check_article_text,
    check_storable,
    size_text,
    too_large,
)
from stancecoder.io.news.base import NewsFile
from stancecoder.io.news.dates import language_code

_PAGE = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_SNIFF_BYTES = 4096
_START_TAG = re.compile(rb"<[A-Za-z]")
_LANG = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)""", re.I)
# The page's markup, not its text, dates it: trafilatura's default also guesses from text.
_DATE_PARAMETERS = {"extensive_search": False, "original_date": True}
# Elements in the page; a larger tree is not searched for text (trafilatura's own check).
_MAX_TREE_SIZE = 500_000
_NO_TEXT = (
    "no main text found in the page (a page of links, a login or cookie wall, or "
    "text written by scripts); save the page as it shows the article and import that"
)


class WebPage:
    name = "web_page"
    label = "web page (.html)"

    def sniff(self, head: bytes, path: Path) -> bool:
        """A file that starts as an HTML page does: a doctype, <html>, <head> or <body>."""
        if head.startswith((b"PK", b"{\\rtf", b"%PDF")):
            return False
        start = head[:_SNIFF_BYTES]
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            start = start.decode("utf-16", "ignore").encode("utf-8")
        return _PAGE.search(start) is not None

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        if len(data) > limits.max_document_bytes:
            what = f"the page has {size_text(len(data))}"
            raise too_large(path, what, f"{size_text(limits.max_document_bytes)} per page")
        elements = len(_START_TAG.findall(data))
        if elements > limits.max_page_elements:
            what = f"the page has {elements:,} elements"
            raise too_large(path, what, f"{limits.max_page_elements:,} elements")
        document = _extract(data)
        if document is None or not (document.text or "").strip():
            raise InputFileError(path, _NO_TEXT)
        return NewsFile(articles=[_draft(path, data, document, limits)])


def _extract(data: bytes) -> Any:
    """trafilatura's reading of the page: its text and metadata, or None."""
    # imported on first use: trafilatura and its parsers add a second to every start
    from trafilatura import bare_extraction
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(_MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return bare_extraction(
        data,
        with_metadata=True,
        # a page without an article must not pass a cookie notice off as its text
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMETERS,
        config=config,
    )


def _page_language(data: bytes) -> str | None:
    """The language the page declares on its <html> element ("en", "de-CH")."""
    found = _LANG.search(data[:_SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None


def _draft(path: Path, data: bytes, document: Any, limits: ImportLimits) -> ArticleDraft:
    title = _field(document.title)
    lines = [line.strip() for line in document.text.split("\n") if line.strip()]
    if title is not None and lines and lines[0] == title:
        lines = lines[1:]
    text = canonical_text("\n\n".join(lines))
    if not text:
        raise InputFileError(path, _NO_TEXT)
    check_article_text(path, "", text, limits)
    extra = {
        name: value
        for name, value in (
            ("description", _field(document.description)),
            ("categories", _joined(document.categories)),
            ("tags", _joined(document.tags)),
            ("site address", _field(document.hostname)),
        )
        if value
    }
    language = _field(document.language) or _page_language(data)
    fields = {
        "title": title,
        "author": _field(document.author),
        "source": _field(document.sitename) or _field(document.hostname),
        "url": _field(document.url),
    }
    for name, value in (*fields.items(), *extra.items()):
        if value is not None:
            check_storable(path, "", f"the {name}", value)
    return ArticleDraft(
        text=text,
        origin=printable(path.name),
        title=fields["title"],
        source=fields["source"],
        author=fields["author"],
        published=_field(document.date),
        url=fields["url"],
        language=language_code(language) if language else None,
        external_id=printable(path.stem),
        extra=extra,
    )


def _field(value: object) -> str | None:
    """A metadata value as one line, or None for an empty one."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _joined(values: object) -> str | None:
    if not isinstance(values, list):
        return None
    return "; ".join(v for v in (_field(item) for item in values) if v) or None
