"""Nexis Uni exports as .docx: one or many articles, with or without a cover page.

Each article starts at a paragraph carrying a `Bookmark_<n>` bookmark and ends with an
"End of Document" paragraph; its fields are `Label:` + a no-break space + value (body
text never has that no-break space after a label in the header, and the body's own
"Key: value" lines are left alone because only the zones around the body are read for
fields). `docProps/custom.xml` counts the articles in `LADocCount`, plus one for a cover
page.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.io.limits import ImportLimits
from stancecoder.io.news.base import NewsFile
from stancecoder.io.news.dates import read_date_line
from stancecoder.io.news.docx_paragraphs import Paragraph, custom_property, document_paragraphs
from stancecoder.io.news.fields import SkippedArticle, add_field, build_article, where
from stancecoder.io.packages import check_package

_ARTICLE_START = re.compile(r"Bookmark_\d+")
_END = "End of Document"
_BODY = "Body"
_BODY_MARK = re.compile(r"Body(?:_\d+)?")
_BLOCK_HEADINGS = frozenset({"Graphic", "Correction", "Classification"})
_LABEL = re.compile(r"([A-Z][\w /-]{0,40}):\u00a0(.*)")
_COPYRIGHT = re.compile(r"(?:Copyright|\u00a9)\b", re.IGNORECASE)
_COVER_LINE = re.compile(
    r"(?:User Name|Date and Time|Job Number|Client/Matter|Search Terms|Search Type"
    r"|Narrowed by|Sources|Quellen|Datum und Uhrzeit|Suchbegriffe|Suchtyp)\s*:"
    r"|(?:Documents|Dokumente)\s*\(\d+\)"
)
_ANNOUNCED = re.compile(r"(?:Documents|Dokumente)\s*\((\d+)\)")
# How much of the document part a sniff unpacks to find the first article's markers.
_SNIFF_BYTES = 4 * 1024 * 1024


class NexisUniDocx:
    name = "nexis_uni_docx"
    label = "Nexis Uni (.docx)"

    def sniff(self, head: bytes, path: Path) -> bool:
        """A Word package with the LADocCount property, or whose text has the first
        article's bookmark and an "End of Document" paragraph."""
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(head)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" not in names:
                    return False
                if "docProps/custom.xml" in names:
                    with archive.open("docProps/custom.xml") as part:
                        if b'name="LADocCount"' in part.read(_SNIFF_BYTES):
                            return True
                with archive.open("word/document.xml") as part:
                    start = part.read(_SNIFF_BYTES)
        except Exception:  # a damaged package is not an export; its reader says what is wrong
            return False
        return b'"Bookmark_1"' in start and _END.encode() in start

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        check_package(path, data, ".docx", limits)
        try:
            paragraphs = document_paragraphs(data)
            count = custom_property(data, "LADocCount")
        except (MemoryError, RecursionError):
            raise
        except Exception as error:
            reason = f"not a readable .docx file (damaged or not Word: {type(error).__name__})"
            raise InputFileError(path, reason) from error
        cover, articles = _split(paragraphs)
        if not articles:
            raise InputFileError(path, "a Nexis Uni export without any article in it")
        news = NewsFile()
        for number, article in enumerate(articles, start=1):
            try:
                news.articles.append(_article(path, number, article, limits, news.warnings))
            except SkippedArticle as skipped:
                news.warnings.append(str(skipped))
        _check_counts(news, count, cover)
        return news


def _split(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[list[Paragraph]]]:
    """The cover page and the articles: at the bookmarks each article starts with, or,
    in a file without them, after each "End of Document" (a cover page then ends with
    the last of its own lines and the table under it)."""
    starts = [
        index
        for index, paragraph in enumerate(paragraphs)
        if any(_ARTICLE_START.fullmatch(name) for name in paragraph.bookmarks)
    ]
    if starts:
        bounds = [*starts, len(paragraphs)]
        articles = [paragraphs[a:b] for a, b in itertools.pairwise(bounds)]
        return paragraphs[: starts[0]], [a for a in articles if _has_text(a)]
    articles = []
    start = 0
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text.strip() == _END:
            articles.append(paragraphs[start : index + 1])
            start = index + 1
    if _has_text(paragraphs[start:]):
        articles.append(paragraphs[start:])
    cover: list[Paragraph] = []
    if articles:
        first = articles[0]
        marks = [i for i, p in enumerate(first) if _COVER_LINE.match(p.text.strip())]
        if marks:
            end = marks[-1] + 1
            while end < len(first) and (first[end].in_table or not first[end].text.strip()):
                end += 1
            cover, articles[0] = first[:end], first[end:]
    return cover, [a for a in articles if _has_text(a)]


def _has_text(paragraphs: list[Paragraph]) -> bool:
    return any(p.text.strip() for p in paragraphs)


def _lines(paragraph: Paragraph) -> list[str]:
    """The non-empty lines of a paragraph; a no-break space is kept, as it tells labels."""
    return [line.strip(" \t") for line in paragraph.text.split("\n") if line.strip()]


def _article(
    path: Path, number: int, paragraphs: list[Paragraph], limits: ImportLimits, warnings: list[str]
) -> ArticleDraft:
    texts = [p.text.strip() for p in paragraphs]
    header: dict[str, str] = {}
    unlabelled: list[str] = []
    body_at = _body_heading(paragraphs, texts)
    for paragraph in paragraphs[:body_at]:
        for line in _lines(paragraph):
            label = _LABEL.fullmatch(line)
            if label is not None:
                add_field(header, label.group(1), label.group(2))
            elif _COPYRIGHT.match(line):
                add_field(header, "copyright", line)
            elif line != _END:
                unlabelled.append(line)
    title = unlabelled[0] if unlabelled else None
    ended = [i for i, text in enumerate(texts) if text]
    if not ended or texts[ended[-1]] != _END:
        raise SkippedArticle(
            f"{where(number, title)} has no 'End of Document': the export seems cut off "
            "there; not imported"
        )
    if body_at is None:
        raise SkippedArticle(f"{where(number, title)} has no 'Body' heading; not imported")
    end_at = ended[-1]
    tail_at = _tail_start(paragraphs, texts, body_at + 1, end_at)
    body = "\n\n".join(p.text for p in paragraphs[body_at + 1 : tail_at] if p.text.strip())
    _read_tail(paragraphs[tail_at:end_at], header)
    date_line = _header_lines(unlabelled, header)
    return build_article(path, number, body, header, date_line, limits, warnings)


def _header_lines(lines: list[str], header: dict[str, str]) -> str | None:
    """Headline, publication and date line from the header's unlabelled lines, which
    stand in that order; a publication may be missing, so the date line is the first of
    the two after the headline that reads as a date, else the third line. Returns the
    date line; the rest goes into `header`."""
    if not lines:
        return None
    header["title"], rest = lines[0], lines[1:]
    dated = next((i for i, line in enumerate(rest[:2]) if read_date_line(line)[0]), None)
    if dated is None:
        dated = 1 if len(rest) > 1 else None
    if dated != 0 and rest:
        header["source"] = rest[0]
    if dated is not None and rest[dated + 1 :]:
        header["header"] = " | ".join(rest[dated + 1 :])
    return rest[dated] if dated is not None else None


def _body_heading(paragraphs: list[Paragraph], texts: list[str]) -> int | None:
    """The paragraph the body follows: the one bookmarked "Body" ("Body_<k>" after the
    first article), else the first that reads "Body"."""
    for index, paragraph in enumerate(paragraphs):
        if any(_BODY_MARK.fullmatch(name) for name in paragraph.bookmarks):
            return index
    return texts.index(_BODY) if _BODY in texts else None


def _tail_start(paragraphs: list[Paragraph], texts: list[str], start: int, end: int) -> int:
    """Where the body ends: at a Graphic, Correction or Classification heading, or at the
    run of labelled paragraphs (Load-Date), each after a line break, before "End of
    Document", whichever comes first."""
    for index in range(start, end):
        if texts[index] in _BLOCK_HEADINGS:
            return index
    tail = end
    for index in range(end - 1, start - 1, -1):
        paragraph = paragraphs[index]
        lines = _lines(paragraph)
        # Nexis Uni sets its trailing fields off with a line break; a body paragraph
        # reading "Age:\xa045" has none before it
        trailing = paragraph.text.startswith("\n") and all(_LABEL.fullmatch(x) for x in lines)
        if lines and not trailing:
            break
        tail = index
    return tail


def _read_tail(paragraphs: list[Paragraph], header: dict[str, str]) -> None:
    """The fields after the body: labelled lines, and the text of the Graphic and
    Correction blocks (the Classification block holds labelled lines only)."""
    block: str | None = None
    for paragraph in paragraphs:
        if paragraph.text.strip() in _BLOCK_HEADINGS:
            block = paragraph.text.strip().casefold()
            continue
        for line in _lines(paragraph):
            label = _LABEL.fullmatch(line)
            if label is not None:
                add_field(header, label.group(1), label.group(2))
            elif block is not None:
                add_field(header, block, line)


def _check_counts(news: NewsFile, count: str | None, cover: list[Paragraph]) -> None:
    """Compare the articles read with LADocCount (less one for a cover page) and with
    the "Documents (N)" a cover page announces."""
    cover_text = "\n".join(p.text for p in cover)
    has_cover = bool(cover_text.strip())
    announced = _ANNOUNCED.search(cover_text)
    if count is not None and count.isdigit():
        news.expected = int(count) - (1 if has_cover else 0)
        counter = f"LADocCount {count}" + (", less 1 for the cover page" if has_cover else "")
        news.check_count(counter)
        if announced and int(announced.group(1)) != news.expected:
            news.warnings.append(
                f"the cover page announces {announced.group(1)} documents, but "
                f"{counter} means {news.expected}"
            )
    elif announced:
        news.expected = int(announced.group(1))
        news.check_count(f"'{announced.group()}' on the cover page")
