"""What a Factiva article's fields mean, for the .rtf and the .html exports alike.

Exported "plus indexing", every field carries its code (HD headline, BY byline, WC word
count, PD date, SN source, LA language, LP and TD the text, NS, RE, CO, IN the indexing,
AN the accession number, ...). Exported without it, the header has no codes: its lines
stand in a fixed order around the word count ("131 words", "412 Wörter"), the one line
that can be told for sure, so they are read relative to it and the file says so. Either
way an article ends with its "Document <accession number>" line, which also counts the
export's articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.repair import repair_export_text, repair_field
from stancecoder.io.limits import ImportLimits
from stancecoder.io.news.dates import language_code
from stancecoder.io.news.fields import SkippedArticle, add_field, build_article, where

# The line that ends every article, in the languages of Factiva's interface.
TRAILER = re.compile(r"(?:AN\s+)?(?:Document|Dokument|Documento)\s+(?P<an>[A-Za-z0-9]{16,40})")
COUNTER = "its 'Document <accession number>' lines"
UNINDEXED = (
    "exported without indexing: headline, byline, section and source were read by their "
    "position; export 'Full Article/Report plus Indexing' to have them for certain"
)
_WORDS = re.compile(
    r"\d[\d,.\u00a0 ]*\s*(?:words?|wörter|wort|mots?|palabras?|parole|字)",
    re.IGNORECASE,
)
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|GMT|ET|CET|CEST))?", re.IGNORECASE)
_SOURCE_CODE = re.compile(r"[A-Z][A-Z0-9]{1,11}")
_COPYRIGHT = re.compile(r"(?:\(c\)|©|copyright\b)", re.IGNORECASE)
_BYLINE = re.compile(r"(?:by|von|par|por)\s", re.IGNORECASE)
_BANNERS = frozenset({"Factiva", "Dow Jones Factiva", "Factiva RTF Display Format"})
# The attributes the codes are kept under; a code not named here is kept as itself.
_NAMES = {
    "BY": "byline",
    "LA": "language",
    "SE": "section",
    "CR": "credit",
    "WC": "length",
    "ET": "time",
    "SC": "source code",
    "ED": "edition",
    "PG": "page",
    "CY": "copyright",
    "CT": "contact",
    "RF": "notes",
    "CO": "companies",
    "IN": "industries",
    "NS": "subjects",
    "RE": "regions",
    "IPC": "information provider codes",
    "IPD": "information provider descriptors",
    "PUB": "publisher",
    "CLM": "column",
    "VOL": "volume",
    "CX": "correction",
    "ART": "captions",
    "HEADER": "header",
}
# Codes that are the article itself rather than attributes of it.
_OWN = frozenset({"HD", "SN", "PD", "LP", "TD", "AN"})


@dataclass
class FactivaArticle:
    """One article as the export gave it: each field code with its lines (LP and TD: one
    per paragraph), and the accession number of its closing line, None when the export
    ends before it. `unreadable` says why an article without codes could not be read."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    accession: str | None = None
    indexed: bool = True
    unreadable: str | None = None

    def add(self, code: str, line: str) -> None:
        if line.strip():
            self.fields.setdefault(code, []).append(line.strip())


def is_trailer(line: str) -> re.Match[str] | None:
    return TRAILER.fullmatch(line.strip())


def read_unindexed(lines: list[str], article: FactivaArticle) -> list[str]:
    """Read the header lines of an article exported without indexing into `article` and
    return the lines after them, its text. Nothing is read when no line gives the word
    count: then the header cannot be told from the text (`article.unreadable`)."""
    article.indexed = False
    lines = [line.strip() for line in lines if line.strip() and line.strip() not in _BANNERS]
    anchor = next((i for i, line in enumerate(lines) if _WORDS.fullmatch(line)), None)
    if anchor is None:
        article.unreadable = (
            "has neither field codes nor a word count ('131 words'), so its header cannot "
            "be told from its text"
        )
        return []
    _read_top(lines[:anchor], article)
    article.add("WC", lines[anchor])
    return read_after_words(lines[anchor + 1 :], article)


def _read_top(before: list[str], article: FactivaArticle) -> None:
    """Section, headline and byline stand above the word count, the section and the
    byline optional: three lines are all three; of two, the second is a byline only if
    it reads like one ("By ...", "Von ..."). Lines above those are the export's front
    matter (a table of contents), not this article's."""
    if not before:
        return
    three = len(before) == 3
    if three or (len(before) >= 2 and _BYLINE.match(before[-1])):
        article.add("BY", before[-1])
        before = before[:-1]
    article.add("HD", before[-1])
    if len(before) == 2:
        article.add("SE", before[0])


def read_marked_header(lines: list[str], article: FactivaArticle) -> list[str]:
    """The unlabelled header lines of an article whose headline and byline are marked
    (a page without indexing): a line above the word count is the section, the lines
    below it are read as `read_after_words` does. Returns the lines left over."""
    article.indexed = False
    anchor = next((i for i, line in enumerate(lines) if _WORDS.fullmatch(line)), None)
    if anchor is None:
        return lines
    for line in lines[:anchor]:
        article.add("SE" if anchor == 1 else "HEADER", line)
    article.add("WC", lines[anchor])
    return read_after_words(lines[anchor + 1 :], article)


def read_after_words(lines: list[str], article: FactivaArticle) -> list[str]:
    """The fields below the word count, in Factiva's order: the date, a time, the source
    and its code, edition and page, the language and the copyright. Returns the lines
    after them."""
    rest = list(lines)
    if rest:
        article.add("PD", rest.pop(0))
    if rest and _TIME.fullmatch(rest[0]):
        article.add("ET", rest.pop(0))
    if rest:
        article.add("SN", rest.pop(0))
    if rest and _SOURCE_CODE.fullmatch(rest[0]):
        article.add("SC", rest.pop(0))
    language = next((i for i, line in enumerate(rest[:3]) if _is_language(line)), None)
    if language is not None:
        for line in rest[:language]:
            article.add("HEADER", line)
        article.add("LA", rest[language])
        rest = rest[language + 1 :]
    if rest and _COPYRIGHT.match(rest[0]):
        article.add("CY", rest.pop(0))
    return rest


def _is_language(line: str) -> bool:
    return language_code(line) != line.strip()


def factiva_draft(
    path: Path, number: int, article: FactivaArticle, limits: ImportLimits, warnings: list[str]
) -> ArticleDraft:
    """The article, or SkippedArticle with the one-line reason it cannot be read whole."""
    fields = article.fields
    title = repair_field(" ".join(fields["HD"])) if "HD" in fields else None
    if article.unreadable is not None:
        raise SkippedArticle(f"{where(number, title)} {article.unreadable}; not imported")
    if article.accession is None:
        raise SkippedArticle(
            f"{where(number, title)} has no 'Document <accession number>' line at its end: "
            "the export seems cut off there; not imported"
        )
    lead, tail = fields.get("LP", []), fields.get("TD", [])
    body = repair_export_text("\n\n".join(lead + tail))
    header: dict[str, str] = {}
    if title:
        header["title"] = title
    if "SN" in fields:
        header["source"] = repair_field(" ".join(fields["SN"]))
    for code, lines in fields.items():
        if code not in _OWN:
            add_field(header, _NAMES.get(code, code), repair_field(" ".join(lines)))
    if lead:
        header["lead paragraphs"] = str(len(lead))
    date_line = " ".join(fields["PD"]) if "PD" in fields else None
    if date_line is None:
        warnings.append(f"{where(number, title)} has no date (PD); none stored")
    return build_article(
        path, number, body, header, date_line, limits, warnings, external_id=article.accession
    )
