"""Factiva exports as .rtf, with or without indexing.

Made text by striprtf (page headers, field instructions and logos left out), an indexed
export is one line per field, `CODE<tab>value`, the paragraphs of LP and TD continuing on
lines of their own; an article ends with `AN<tab>Document <accession number>`. Without
indexing the same article has no codes and ends with the bare "Document <accession
number>" line ("Dokument" in German). The text is split at those closing lines; each part
is read by its codes, or by position when it has none (see `factiva_fields`).
"""

from __future__ import annotations

import re
from pathlib import Path

from stancecoder.core.errors import InputFileError
from stancecoder.io.limits import ImportLimits
from stancecoder.io.news.base import HEAD_BYTES, NewsFile
from stancecoder.io.news.factiva_fields import (
    COUNTER,
    UNINDEXED,
    FactivaArticle,
    factiva_draft,
    is_trailer,
    read_unindexed,
)
from stancecoder.io.news.fields import SkippedArticle
from stancecoder.io.news.rtf_text import RTF_MAGIC, rtf_plain_text

# A field line: a code of two to four capitals, a tab, the value. The paragraphs that
# continue a field start with a tab, so a line of text never reads as a code.
_CODE_LINE = re.compile(r"(?P<code>[A-Z]{2,4})\t(?P<value>.*)")
_INDEXED_HEADLINE = re.compile(r"^HD\t", re.MULTILINE)


class FactivaRtf:
    name = "factiva_rtf"
    label = "Factiva (.rtf)"

    def sniff(self, head: bytes, path: Path) -> bool:
        """An RTF file whose text has an indexed headline line or a closing
        "Document <accession number>" line."""
        if not head.startswith(RTF_MAGIC):
            return False
        try:
            text = rtf_plain_text(head[:HEAD_BYTES], path, partial=True)
        except InputFileError:
            return False
        return looks_like_factiva(text)

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        return read_factiva_text(path, rtf_plain_text(data, path), limits)


def looks_like_factiva(text: str) -> bool:
    if _INDEXED_HEADLINE.search(text):
        return True
    return any(is_trailer(line) for line in text.split("\n"))


def read_factiva_text(path: Path, text: str, limits: ImportLimits) -> NewsFile:
    """The articles of a Factiva export already made plain text."""
    articles: list[FactivaArticle] = []
    lines: list[str] = []
    for line in text.split("\n"):
        trailer = is_trailer(line)
        if trailer is None:
            lines.append(line)
            continue
        article = _article(lines)
        article.accession = trailer.group("an")
        articles.append(article)
        lines = []
    cut = _article(lines)
    if cut.fields:  # the start of an article the export ends within
        articles.append(cut)
    if not articles:
        raise InputFileError(path, "a Factiva export without any article in it")
    return factiva_news(path, articles, limits)


def factiva_news(path: Path, articles: list[FactivaArticle], limits: ImportLimits) -> NewsFile:
    """The drafts of `articles`, each one that cannot be read whole left out with its
    reason, and the count checked against the closing lines."""
    news = NewsFile()
    for number, article in enumerate(articles, start=1):
        try:
            news.articles.append(factiva_draft(path, number, article, limits, news.warnings))
        except SkippedArticle as skipped:
            news.warnings.append(str(skipped))
    if any(not article.indexed and article.unreadable is None for article in articles):
        news.warnings.append(UNINDEXED)
    news.expected = sum(1 for article in articles if article.accession is not None)
    news.check_count(COUNTER)
    return news


def _article(lines: list[str]) -> FactivaArticle:
    """One article's lines read by their codes, or by position when none has a code.
    Lines before the first code are the export's front matter."""
    article = FactivaArticle()
    if not any(_CODE_LINE.fullmatch(line) for line in lines):
        if any(line.strip() for line in lines):
            for paragraph in read_unindexed(lines, article):
                article.add("TD", paragraph)
        return article
    code: str | None = None
    for line in lines:
        match = _CODE_LINE.fullmatch(line)
        if match is not None:
            code = match.group("code")
            article.add(code, match.group("value"))
        elif code is not None:
            article.add(code, line)
    return article
