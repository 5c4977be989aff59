"""News conventions: the header lines of an article and the date formats of news sources.

The article text is never cut: the header is described by values and by the offset where
the body begins, so stored offsets keep pointing into the whole canonical text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = (
    r"(?:[T ,]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|[a-z]{2,5})?)?"
)
_NAMED = r"(?P<name>[a-z]{3,9})\.?"
_DATE_FORMATS = [
    re.compile(_WEEKDAY + pattern + _TIME, re.IGNORECASE)
    for pattern in (
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
        r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\.?",
        r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})",
        r"(?P<y>\d{4})\s*\ub144\s*(?P<m>\d{1,2})\s*\uc6d4\s*(?P<d>\d{1,2})\s*\uc77c",
        rf"{_NAMED} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})",
        rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.? {_NAMED},? (?P<y>\d{{4}})",
        rf"{_NAMED},? (?P<y>\d{{4}})",
        r"(?P<y>\d{4})-(?P<m>\d{1,2})",
        r"(?P<y>\d{4})",
    )
]
# Every format above and below has a year of digits: a value without one is none of them.
_DIGIT = re.compile(r"\d")
# "06/07/2024" is June 7 in the United States and 6 July in Europe: it is read only when
# one of the two numbers cannot be a month.
_SLASHED = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})" + _TIME, re.IGNORECASE)

# At most this many short lines (section label, title, date, byline) precede the body.
_MAX_HEADER_LINES = 6
_MAX_TITLE_LENGTH = 200
_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_SOURCE_LINE = re.compile(r"^source:[ \t]*(\S[^\n]{0,99})$", re.IGNORECASE | re.MULTILINE)
_DATE_LINE = re.compile(
    r"(?:(?P<label>published|posted|dated|date|updated)(?: on)?\s*:?\s*)?(?P<date>.+)",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w.'\u2019-]*"
_BYLINE = re.compile(rf"By (?P<name>{_NAME}(?: {_NAME}){{0,4}})(?:,? .*)?")
_CITY_WORD = r"[A-Z][A-Z.'\u2019-]*"
_DATELINE = re.compile(
    rf"(?P<dateline>{_CITY_WORD}(?: {_CITY_WORD})*"
    r"(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)??"  # a state or country: "JACKSON, Miss."
    r"(?:, (?P<date>(?P<month>[A-Z][a-z]{2,8})\.? \d{1,2}(?P<year>, \d{4})?))?"
    r"(?: ?\((?P<agency>[^()\n]{1,40})\))?)"
    r"(?:[ \t]*[\u2014\u2013][ \t]*| --? )"
)


@dataclass(frozen=True)
class NewsHeader:
    """What the opening lines of an article say about it.

    `body_start` is the code-point offset where the body begins (after the title lines
    and the dateline); `published` is an ISO date, possibly partial, or None.
    """

    title: str | None = None
    dateline: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    body_start: int = 0


def normalise_date(raw: str) -> str | None:
    """Return `raw` as an ISO date ("2024-06-17"), partial when the source is ("2024-06",
    "2024"), or None when it is not a date that can be read without guessing."""
    value = raw.strip()
    if _DIGIT.search(value) is None:
        return None
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(value)
        if match:
            parts = match.groupdict()
            if "name" not in parts:
                return _iso(parts["y"], parts.get("m"), parts.get("d"))
            month = _month_number(parts["name"])
            return _iso(parts["y"], month, parts.get("d")) if month else None
    match = _SLASHED.fullmatch(value)
    if match:
        first, second = int(match.group("a")), int(match.group("b"))
        if first > 12 >= second:
            return _iso(match.group("y"), second, first)
        if second > 12 >= first or first == second:
            return _iso(match.group("y"), first, second)
    return None


def split_news_header(text: str) -> NewsHeader:
    """Recognise title, date, byline and dateline of a canonical article text.

    The header is a run of single-line paragraphs, each followed by a blank line, before
    the first body paragraph: date lines ("June 17, 2024", "Published: 2024-06-17"),
    bylines ("By Kim Soo-yeon"), "Source: X" lines and short lines without a final
    period. Of the short lines the last one, the one the body follows, is the title, so
    a section label such as "General" above the title is not taken for it. A text that
    opens straight with its body has no title. A dateline such as "WASHINGTON, June 17
    (Yonhap) — " at the start of the body gives `dateline` and, through the agency,
    `source`; without an agency there, a "Source: X" line anywhere in the text does.
    """
    title: str | None = None
    author: str | None = None
    published: str | None = None
    body: re.Match[str] | None = None
    for block in itertools.islice(_BLOCK.finditer(text), _MAX_HEADER_LINES + 1):
        line = block.group()
        if "\n" in line:
            body = block
            break
        line_date, label = _line_date(line)
        if line_date is not None:
            if published is None and label != "updated":
                published = line_date
        elif _SOURCE_LINE.fullmatch(line):
            continue
        elif byline := _BYLINE.fullmatch(line):
            author = author or byline.group("name")
        elif _is_title_like(line):
            title = line
        else:
            body = block
            break
    if body is None:
        return NewsHeader(source=_source_line(text))
    dateline, agency, dated, body_start = _dateline(body)
    return NewsHeader(
        title=title,
        dateline=dateline,
        source=agency or _source_line(text),
        author=author,
        published=published or dated,
        body_start=body_start,
    )


def _month_number(name: str) -> int | None:
    """1-12 for an English month name or its abbreviation of three letters or more."""
    name = name.lower()
    for number, month in enumerate(_MONTHS, start=1):
        if len(name) >= 3 and month.startswith(name):
            return number
    return None


def _iso(year: str, month: str | int | None, day: str | int | None) -> str | None:
    try:
        checked = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if month is None:
        return f"{checked.year:04d}"
    if day is None:
        return f"{checked.year:04d}-{checked.month:02d}"
    return checked.isoformat()


def _line_date(line: str) -> tuple[str | None, str]:
    """The date a header line consists of, if it is one, and its label ("updated", ...)."""
    match = _DATE_LINE.fullmatch(line)
    if match is None:
        return None, ""
    return normalise_date(match.group("date")), (match.group("label") or "").lower()


def _is_title_like(line: str) -> bool:
    ending = line.rstrip("\"'\u2019\u201d)")
    return len(line) <= _MAX_TITLE_LENGTH and not ending.endswith((".", ",", ";", ":"))


def _source_line(text: str) -> str | None:
    match = _SOURCE_LINE.search(text)
    return match.group(1).strip() if match else None


def _dateline(body: re.Match[str]) -> tuple[str | None, str | None, str | None, int]:
    """Dateline, agency, ISO date and body offset after the dateline, if `body` has one."""
    match = _DATELINE.match(body.group())
    month = match.group("month") if match else None
    if (
        match is None
        or not (month or match.group("agency"))
        or (month and not _month_number(month))
    ):
        return None, None, None, body.start()
    dated = normalise_date(match.group("date")) if match.group("year") else None
    return match.group("dateline"), match.group("agency"), dated, body.start() + match.end()
