"""LexisNexis Academic (nexis.com before 2019) exports as plain text or RTF.

Articles are split at their centred "3 of 10 DOCUMENTS" lines ("Dokument 3 von 10",
"Document 3 de 10"), whose second number counts the export. Above the headline stand
the centred publication, date and edition lines; labelled fields follow, the header
ending with LENGTH (LÄNGE, LONGUEUR); after the body come trailer fields (LOAD-DATE,
LANGUAGE, GRAPHIC, ...), a value running on over several lines up to the next blank
line or field, and the centred copyright.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.io.encoding import decode_bytes
from stancecoder.io.limits import ImportLimits
from stancecoder.io.news.base import HEAD_BYTES, NewsFile
from stancecoder.io.news.dates import read_date_line
from stancecoder.io.news.fields import (
    SkippedArticle,
    add_field,
    build_article,
    line_blocks,
    where,
)
from stancecoder.io.news.rtf_text import RTF_MAGIC, rtf_plain_text

_MARKER = re.compile(
    r"^[ \t]*(?:FOCUS - )?(?:(?P<en>\d+) (?:of|OF) (?P<en_total>\d+) DOCUMENTS?"
    r"|Dokument (?P<de>\d+) von (?P<de_total>\d+)|Document (?P<fr>\d+) de (?P<fr_total>\d+))"
    r"[ \t\r]*$",
    re.MULTILINE,
)
# A word every marker holds: a text without any is not an export, found without the
# search above, which tries every position of the text.
_MARKER_WORDS = ("DOCUMENT", "Dokument", "Document")
_CAPS = "A-Z\u00c0-\u00de"
_FIELD = re.compile(rf"([{_CAPS}][{_CAPS}-]+(?: [{_CAPS}-]+)?):[ \t]+(.*)")
_LENGTH = frozenset({"LENGTH", "LÄNGE", "LONGUEUR", "LENGTE"})
# Fields that may still follow LENGTH before the body starts.
_LATE_HEADER = frozenset({"DATELINE", "HIGHLIGHT", "BYLINE", "AUTOR", "RUBRIK", "UPDATE"})
# Fields that end the body: everything after the first of them is the trailer.
_TRAILER = frozenset(
    {
        "LOAD-DATE",
        "LANGUAGE",
        "SPRACHE",
        "LANGUE",
        "TAAL",
        "GRAPHIC",
        "GRAFIK",
        "PUBLICATION-TYPE",
        "TYPE-PUBLICATION",
        "JOURNAL-CODE",
        "DOCUMENT-TYPE",
        "CORRECTION-DATE",
        "NOTES",
        "SUBJECT",
        "GEOGRAPHIC",
        "PERSON",
        "ORGANIZATION",
        "COMPANY",
        "INDUSTRY",
        "TICKER",
        "URL",
    }
)
_ERROR_DOCUMENT = "We are sorry but there is an error in this document"
_CENTRED = 2  # leading spaces that set a centred line apart from a left-aligned one


class LexisAcademicText:
    name = "lexis_academic_txt"
    label = "LexisNexis Academic (.txt)"

    def sniff(self, head: bytes, path: Path) -> bool:
        """A text whose lines include "n of m DOCUMENTS" (or its German or French form)."""
        if head.startswith((b"PK", b"{\\rtf", b"%PDF")):
            return False
        for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
            if head.startswith(bom):
                return _marked(head.decode(codec, "ignore"))
        return _marked(head[:HEAD_BYTES].decode("utf-8", "ignore"))

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        text = re.sub(r"\r\n?", "\n", decode_bytes(data, path).lstrip("\ufeff"))
        return read_lexis_text(path, text, limits)


class LexisAcademicRtf:
    name = "lexis_academic_rtf"
    label = "LexisNexis Academic (.rtf)"

    def sniff(self, head: bytes, path: Path) -> bool:
        """An RTF file whose text has an "n of m DOCUMENTS" line."""
        if not head.startswith(RTF_MAGIC):
            return False
        try:
            text = rtf_plain_text(head[:HEAD_BYTES], path, partial=True)
        except InputFileError:
            return False
        return _marked(text)

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        return read_lexis_text(path, rtf_plain_text(data, path), limits)


def _marked(text: str) -> bool:
    """Whether a line of `text` is an "n of m DOCUMENTS" marker."""
    return any(word in text for word in _MARKER_WORDS) and _MARKER.search(text) is not None


def read_lexis_text(path: Path, text: str, limits: ImportLimits) -> NewsFile:
    """The articles of a LexisNexis Academic export already made plain text."""
    markers = list(_MARKER.finditer(text))
    if not markers:
        raise InputFileError(path, "no 'n of m DOCUMENTS' line: not a LexisNexis export")
    news = NewsFile()
    totals: list[int] = []
    for index, marker in enumerate(markers):
        number, total = _numbers(marker)
        totals.append(total)
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        chunk = text[marker.end() : end]
        last = index + 1 == len(markers)
        if _ERROR_DOCUMENT in chunk:
            news.warnings.append(f"article {number} is an error notice of LexisNexis; skipped")
            continue
        try:
            news.articles.append(_article(path, number, chunk, last, limits, news.warnings))
        except SkippedArticle as skipped:
            news.warnings.append(str(skipped))
    if len(set(totals)) > 1:
        counted = ", ".join(str(t) for t in sorted(set(totals)))
        news.warnings.append(f"the DOCUMENTS lines disagree on the total: {counted}")
    news.expected = max(totals)
    news.check_count(f"'of {news.expected} DOCUMENTS'")
    return news


def _numbers(marker: re.Match[str]) -> tuple[int, int]:
    """The article's number and the export's total, in whichever language the line is."""
    for language in ("en", "de", "fr"):
        if marker.group(language) is not None:
            return int(marker.group(language)), int(marker.group(f"{language}_total"))
    raise AssertionError("a marker matches one of its forms")


def _field(line: str) -> re.Match[str] | None:
    """A field line: a capitalised label at the left margin, a colon and a value."""
    return None if line[:1].isspace() else _FIELD.fullmatch(line)


def _centred(line: str) -> bool:
    return len(line) - len(line.lstrip()) >= _CENTRED


def _read_fields(block: list[str], fields: dict[str, str]) -> None:
    """Field lines, each continued by the lines after it that are no field of their own."""
    label: str | None = None
    for line in block:
        match = _field(line)
        if match is not None:
            label = match.group(1)
            add_field(fields, label, match.group(2))
        elif label is not None:
            fields[label] = f"{fields[label]} {line.strip()}".strip()


def _article(
    path: Path,
    number: int,
    chunk: str,
    last: bool,
    limits: ImportLimits,
    warnings: list[str],
) -> ArticleDraft:
    blocks = line_blocks(chunk, keep_indent=True)
    length_at = next(
        (
            i
            for i, block in enumerate(blocks)
            if any((m := _field(line)) and m.group(1) in _LENGTH for line in block)
        ),
        None,
    )
    if length_at is None:
        raise SkippedArticle(
            f"{where(number, None)} has no LENGTH line, so no body can be told from its "
            "header (a picture or a listing); not imported"
        )
    fields: dict[str, str] = {}
    top: list[list[str]] = []
    centred: list[bool] = []
    for block in blocks[: length_at + 1]:
        if _field(block[0]) is not None:
            _read_fields(block, fields)
        else:
            top.append([line.strip() for line in block])
            centred.append(_centred(block[0]))
    title, date_line = _header_blocks(top, centred, fields)
    body_at = length_at + 1
    while (
        body_at < len(blocks) and (m := _field(blocks[body_at][0])) and (m.group(1) in _LATE_HEADER)
    ):
        _read_fields(blocks[body_at], fields)
        body_at += 1
    trailer_at = next(
        (
            i
            for i in range(body_at, len(blocks))
            if (m := _field(blocks[i][0])) and m.group(1) in _TRAILER
        ),
        None,
    )
    if trailer_at is None:
        if last:
            raise SkippedArticle(
                f"{where(number, title)} ends without its LOAD-DATE or LANGUAGE line: the "
                "export seems cut off there; not imported"
            )
        trailer_at = len(blocks)
    body = "\n\n".join("\n".join(block) for block in blocks[body_at:trailer_at])
    copyright_lines: list[str] = []
    for block in blocks[trailer_at:]:
        if _field(block[0]) is not None:
            _read_fields(block, fields)
        else:
            copyright_lines.extend(line.strip() for line in block)
    if copyright_lines:
        add_field(fields, "copyright", " ".join(copyright_lines))
    if title is not None:
        fields["title"] = title
    return build_article(path, number, body, fields, date_line, limits, warnings)


def _header_blocks(
    blocks: list[list[str]], centred: list[bool], fields: dict[str, str]
) -> tuple[str | None, str | None]:
    """The headline and the date line among the header's unlabelled blocks, which stand
    as publication, date line (the edition under it), headline. The date line is the
    first that reads as a date; failing that, the second of the centred blocks above the
    headline or, where nothing is centred (text converted from RTF), the second block.
    The publication goes into `fields`, with the edition and any other line."""
    dated = next((i for i, block in enumerate(blocks) if read_date_line(block[0])[0]), None)
    if dated is None:
        above = next((i for i, is_centred in enumerate(centred) if not is_centred), len(blocks))
        if not any(centred):
            above = len(blocks) - 1
        dated = 1 if above >= 2 else None
    if dated is None:
        if len(blocks) > 1:
            fields["source"] = " ".join(blocks[0])
        below = blocks[1:] if len(blocks) > 1 else blocks
        return " ".join(line for block in below for line in block) or None, None
    if dated >= 1:
        fields["source"] = " ".join(blocks[dated - 1])
    if dated >= 2:
        fields["header"] = " | ".join(" ".join(block) for block in blocks[: dated - 1])
    date_block = blocks[dated]
    if len(date_block) > 1:
        fields["edition"] = "; ".join(date_block[1:])
    headline = " ".join(line for block in blocks[dated + 1 :] for line in block)
    return headline or None, date_block[0]
