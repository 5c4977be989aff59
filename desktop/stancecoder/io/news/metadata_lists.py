"""Lists of articles from Media Cloud and GDELT: their metadata, usually without text.

An article is stored with its text, which every coding points into, so a list without
text has nothing to import: it is refused with what to do instead. A list that does carry
a text column (a user's own export with the pages fetched) imports the rows that have
text, each row without one left out with a warning. The lists are known by their header,
never by their name, and only when they have the columns of their source, so an ordinary
table of articles stays with the table importer. Every column is kept: the ones an
article has a field for fill it, the rest become the article's attributes.

- Media Cloud, search.mediacloud.org (2023 on): id, indexed_date, language, media_name,
  media_url, publish_date, title, url; the legacy Explorer's story lists: stories_id,
  publish_date, title, url, language, media_id, media_name, media_url and more.
- GDELT DOC 2.0 article lists: url, url_mobile, title, seendate (20210304T061233Z),
  socialimage, domain, language, sourcecountry.
- GDELT GKG 2.1 and Events files: tab-separated without a header, 27 and 61 columns.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.core.newsmeta import normalise_date
from stancecoder.core.printable import printable
from stancecoder.core.text import canonical_text
from stancecoder.io.encoding import decode_bytes
from stancecoder.io.limits import ImportLimits, check_article_text, check_storable
from stancecoder.io.news.base import NewsFile
from stancecoder.io.news.dates import language_code
from stancecoder.io.tables import csv_table

# The columns an article's text may stand in, as the table importer knows them.
_TEXT_COLUMNS = ("text", "body", "content", "article")
_SEENDATE = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})T\d{6}Z")
_GKG_ID = re.compile(r"\d{14}-T?\d+")


@dataclass(frozen=True)
class _Layout:
    """One list format: the columns that tell it, and the column of each article field."""

    marks: frozenset[str]
    fields: Mapping[str, tuple[str, ...]]


_MEDIA_CLOUD = (
    _Layout(
        frozenset({"id", "indexed_date", "media_name", "publish_date", "title", "url"}),
        {
            "external_id": ("id",),
            "published": ("publish_date",),
            "title": ("title",),
            "url": ("url",),
            "source": ("media_name",),
            "language": ("language",),
        },
    ),
    _Layout(
        frozenset({"stories_id", "publish_date", "title", "url", "media_name"}),
        {
            "external_id": ("stories_id",),
            "published": ("publish_date",),
            "title": ("title",),
            "url": ("url",),
            "source": ("media_name",),
            "language": ("language",),
        },
    ),
)
_GDELT_DOC = _Layout(
    frozenset({"url", "title", "seendate", "domain"}),
    {
        "published": ("seendate",),
        "title": ("title",),
        "url": ("url",),
        "source": ("domain",),
        "language": ("language",),
    },
)


class MediaCloudCsv:
    name = "media_cloud_csv"
    label = "Media Cloud (.csv)"
    _advice = (
        "a Media Cloud list holds no article text (only titles and links); fetch the pages, "
        "save them as .html and import those"
    )

    def sniff(self, head: bytes, path: Path) -> bool:
        """A table whose header has Media Cloud's columns (either generation)."""
        columns = _header(head)
        return any(layout.marks <= columns for layout in _MEDIA_CLOUD)

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        columns = _header(data)
        layout = next(layout for layout in _MEDIA_CLOUD if layout.marks <= columns)
        return _read_list(path, data, layout, self._advice, limits)


class GdeltCsv:
    name = "gdelt_csv"
    label = "GDELT (.csv)"
    _advice = (
        "a GDELT list holds no article text (only titles and links); fetch the pages, save "
        "them as .html and import those"
    )

    def sniff(self, head: bytes, path: Path) -> bool:
        """A DOC API article list by its header, or a GKG or Events file by its first
        record: tab-separated, 27 or 61 fields, starting with GDELT's id and date."""
        return _GDELT_DOC.marks <= _header(head) or _raw_gdelt(head) is not None

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile:
        raw = _raw_gdelt(data)
        if raw is not None:
            raise InputFileError(
                path,
                f"a GDELT {raw} file holds no article text, only the address of each "
                "article; fetch the pages, save them as .html and import those",
            )
        return _read_list(path, data, _GDELT_DOC, self._advice, limits)


def _first_line(data: bytes) -> str:
    start = data[:4096]
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = start.decode("utf-16", "ignore")
    else:
        text = start.decode("utf-8", "replace").lstrip("\ufeff")
    return text.split("\n", 1)[0].rstrip("\r")


def _header(data: bytes) -> frozenset[str]:
    """The casefolded column names of the first line, split at the delimiter that gives
    the most; an empty set for anything that does not look like a header."""
    line = _first_line(data)
    if "<" in line or "{" in line:
        return frozenset()
    best: list[str] = []
    for delimiter in (",", ";", "\t"):
        names = [name.strip().strip('"').casefold() for name in line.split(delimiter)]
        if len(names) > len(best):
            best = names
    return frozenset(best)


def _raw_gdelt(data: bytes) -> str | None:
    """ "GKG" or "Events" when the first line is a record of one of those files."""
    fields = _first_line(data).split("\t")
    if len(fields) == 27 and _GKG_ID.fullmatch(fields[0]) and fields[1].isdigit():
        return "GKG"
    if len(fields) in (57, 58, 61) and fields[0].isdigit() and re.fullmatch(r"\d{8}", fields[1]):
        return "Events"
    return None


def _read_list(
    path: Path, data: bytes, layout: _Layout, advice: str, limits: ImportLimits
) -> NewsFile:
    """The rows with text, or the refusal `advice` when the list has no text at all."""
    table = csv_table(path, decode_bytes(data, path), limits)
    by_key = {name.casefold(): name for name in table.columns}
    text_column = next((by_key[name] for name in _TEXT_COLUMNS if name in by_key), None)
    if text_column is None:
        raise InputFileError(path, advice)
    columns = {
        field: next(by_key[name] for name in names if name in by_key)
        for field, names in layout.fields.items()
        if any(name in by_key for name in names)
    }
    news = NewsFile(expected=len(table.rows))
    seen: dict[str, int] = {}
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        title = row.get(columns.get("title", ""), "").strip() or None
        text = canonical_text(row[text_column])
        if not text:
            news.warnings.append(f"row {number}{_named(title)} has no text; not imported")
            continue
        draft = _draft(path, number, row, text, text_column, columns, limits, news.warnings)
        if draft.external_id is not None:
            if draft.external_id in seen:
                news.warnings.append(
                    f"row {number}: id {draft.external_id!r} is already used in row "
                    f"{seen[draft.external_id]}; not imported"
                )
                continue
            seen[draft.external_id] = number
        news.articles.append(draft)
    if not news.articles:
        raise InputFileError(path, f"no row has text in column {text_column!r}")
    news.check_count("rows in the list")
    return news


def _named(title: str | None) -> str:
    return f" ({printable(title)[:80]})" if title else ""


def _draft(
    path: Path,
    number: int,
    row: Mapping[str, str],
    text: str,
    text_column: str,
    columns: Mapping[str, str],
    limits: ImportLimits,
    warnings: list[str],
) -> ArticleDraft:
    at = f"row {number}: "
    check_article_text(path, at, text, limits)
    for name, value in row.items():
        check_storable(path, at, "a column name", name)
        check_storable(path, at, f"the {printable(name)}", value)
    values = {field: row[column].strip() for field, column in columns.items()}
    used = {text_column, *columns.values()}
    extra = {name: value for name, value in row.items() if name not in used}
    published = _date(values.get("published", ""))
    if values.get("published") and published is None:
        extra[columns["published"]] = values["published"]
        warnings.append(
            f"row {number}{_named(values.get('title'))}: cannot read the date "
            f"{printable(values['published'])[:40]!r}; kept as an attribute, no date stored"
        )
    language = values.get("language")
    return ArticleDraft(
        text=text,
        origin=f"{printable(path.name)}, row {number}",
        title=values.get("title") or None,
        source=values.get("source") or None,
        published=published,
        url=values.get("url") or None,
        language=language_code(language) if language else None,
        external_id=values.get("external_id") or None,
        extra=extra,
    )


def _date(raw: str) -> str | None:
    seen = _SEENDATE.fullmatch(raw)
    if seen is not None:
        return f"{seen['y']}-{seen['m']}-{seen['d']}"
    return normalise_date(raw) if raw else None
