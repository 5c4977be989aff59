"""ProQuest exports as plain text ("Text only").

Records stand between lines of 60 underscores, after the report's preamble and table of
contents and before ProQuest's contact note. Each starts "Document 3 of 10", whose second
number counts the export, then the title, then blocks separated by blank lines, each a
"Label: value" field. "Full text:" runs on over the paragraphs after it up to the fields
that follow the text; its paragraphs may start "Subject: " too, so the text ends only at
a known label whose next block is another field, or at the record's end.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.core.printable import printable
from stancecoder.core.repair import repair_export_text, repair_field
from stancecoder.io.encoding import decode_bytes
from stancecoder.io.limits import ImportLimits
from stancecoder.io.news.base import HEAD_BYTES, NewsFile
from stancecoder.io.news.fields import SkippedArticle, build_article, line_blocks, where

_RULE = re.compile(r"^_{40,}[ \t]*$", re.MULTILINE)
_RULE_START = "_" * 40  # found first: the search above tries every position of a text
_COUNTER = re.compile(r"Document (?P<number>\d+) of (?P<total>\d+)")
_SNIFF = re.compile(
    r"^(?:Document \d+ of \d+|ProQuest document ID: .*|Report Information from ProQuest)\s*$",
    re.MULTILINE,
)
_PREAMBLE = ("Report Information from ProQuest", "Table of contents", "Contact ProQuest")
_LABELS = frozenset(
    {
        "Title", "Author", "Publication info", "Publication title", "Publication year",
        "Publication date", "Full text", "Abstract", "Dateline", "People",
        "Business indexing term", "Company / organization", "Credit", "Pages", "Links",
        "Section", "Publication subject", "ISSN", "Copyright", "Last updated",
        "Place of publication", "Location", "Publisher", "Identifier / keyword",
        "Source type", "ProQuest document ID", "Country of publication",
        "Language of publication", "Subject", "Database", "Document type", "Document URL",
        "Volume", "Issue", "Edition",
    }
)  # fmt: skip
_LABEL = re.compile(r"(?P<label>[A-Z][A-Za-z /]{1,40}): ?(?P<value>.*)")
_TEXT = "Full text"
_ID = "ProQuest document ID"


@dataclass
class _Record:
    """One record's number, the export's total it gives, its blocks of lines, and
    whether a rule closes it (the file goes on after it)."""

    number: int
    total: int
    blocks: list[list[str]] = field(default_factory=list)
    closed: bool = True


class ProQuestText:
    name = "proquest_txt"
    label = "ProQuest (.txt)"

    def sniff(self, head: bytes, path: Path) -> bool:
        """A text with a rule of underscores and a "Document n of m" line, a ProQuest
        document ID or ProQuest's report heading."""
        if head.startswith((b"PK", b"{\\rtf", b"%PDF")):
            return False
        for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            if head.startswith(bom):
                text = head.decode("utf-16", "ignore")
                break
        else:
            text = head[:HEAD_BYTES].decode("utf-8", "ignore")
        text = text.replace("\r", "")
        if _RULE_START not in text:
            return False
        return _RULE.search(text) is not None and _SNIFF.search(text) is not None

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        text = re.sub(r"\r\n?", "\n", decode_bytes(data, path).lstrip("\ufeff"))
        news = NewsFile()
        records = _records(text, news.warnings)
        if not records:
            raise InputFileError(path, "no 'Document n of m' line: not a ProQuest export")
        for record in records:
            try:
                news.articles.append(_article(path, record, limits, news.warnings))
            except SkippedArticle as skipped:
                news.warnings.append(str(skipped))
        totals = sorted({record.total for record in records})
        if len(totals) > 1:
            news.warnings.append(
                f"the 'Document n of m' lines disagree on the total: {', '.join(map(str, totals))}"
            )
        news.expected = totals[-1]
        news.check_count(f"'Document n of {news.expected}'")
        return news


def _records(text: str, warnings: list[str]) -> list[_Record]:
    """The records between the rules; a part that is neither a record nor ProQuest's own
    preamble or note is named in a warning (a file holding another export too)."""
    parts = _RULE.split(text)
    records: list[_Record] = []
    for index, part in enumerate(parts):
        blocks = line_blocks(part)
        if not blocks:
            continue
        counter = _COUNTER.fullmatch(blocks[0][0].strip())
        if counter is None:
            if not blocks[0][0].strip().startswith(_PREAMBLE):
                after = f"after document {records[-1].number}" if records else "before the first"
                first = printable(blocks[0][0].strip())[:60]
                warnings.append(
                    f"text {after} that is no ProQuest record (starting {first!r}); not imported"
                )
            continue
        record = _Record(int(counter.group("number")), int(counter.group("total")))
        record.blocks = [blocks[0][1:], *blocks[1:]] if len(blocks[0]) > 1 else blocks[1:]
        record.closed = index + 1 < len(parts)
        records.append(record)
    return records


def _label(block: list[str]) -> tuple[str, str] | None:
    """The known label a block starts with, and the rest of its first line."""
    match = _LABEL.match(block[0])
    if match is None or match.group("label") not in _LABELS:
        return None
    return match.group("label"), match.group("value")


def _article(
    path: Path, record: _Record, limits: ImportLimits, warnings: list[str]
) -> ArticleDraft:
    # each label's values, joined once at the end: a label may come many times
    fields: dict[str, list[str]] = {}
    heading: list[str] = []
    body: list[str] = []
    blocks = record.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        labelled = _label(block)
        if labelled is None:
            if not fields and not heading:
                heading = block
            elif block[0].startswith(("http://", "https://")):
                fields.setdefault("document link", []).append(" ".join(block))
            else:
                fields.setdefault("header", []).append(" ".join(block))
            index += 1
            continue
        label, value = labelled
        if label == _TEXT:
            end = _text_end(blocks, index + 1)
            # a paragraph's own line breaks may be hard wraps: repair and the canonical
            # text decide them on their evidence
            body = ["\n".join([value, *block[1:]]).strip()]
            body += ["\n".join(b) for b in blocks[index + 1 : end]]
            index = end
            continue
        fields.setdefault(label, []).append(" ".join([value, *block[1:]]).strip())
        index += 1
    titles = [value for value in fields.pop("Title", []) if value]
    title = titles[0] if titles else " ".join(heading) or None
    title = repair_field(title) if title else None
    number = record.number
    if not record.closed and _ID not in fields:
        raise SkippedArticle(
            f"{where(number, title)} ends without its fields after the text (no ProQuest "
            "document ID): the export seems cut off there; not imported"
        )
    text = "\n\n".join(paragraph for paragraph in body if paragraph)
    if not text:
        reason = "only an abstract" if "Abstract" in fields else "no full text"
        raise SkippedArticle(f"{where(number, title)} has {reason}; not imported")
    header = {
        label: repair_field("; ".join(value for value in values if value))
        for label, values in fields.items()
    }
    if title:
        header["title"] = title
    if "Publication title" in header:
        header["source"] = header.pop("Publication title")
    date_line = header.pop("Publication date", None) or None
    if date_line is None:
        warnings.append(f"{where(number, title)} has no publication date; none stored")
    external_id = header.pop(_ID, None)
    return build_article(
        path,
        number,
        repair_export_text(text),
        header,
        date_line,
        limits,
        warnings,
        external_id=external_id,
    )


def _text_end(blocks: list[list[str]], start: int) -> int:
    """Where the full text ends: at the first block with a known label that another such
    block follows, or that ends the record."""
    for index in range(start, len(blocks)):
        if _label(blocks[index]) is None:
            continue
        if index + 1 == len(blocks) or _label(blocks[index + 1]) is not None:
            return index
    return len(blocks)
