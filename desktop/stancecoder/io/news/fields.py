"""Turning the labelled fields of an export into an article's fields and attributes."""

from __future__ import annotations

from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.printable import printable
from stancecoder.core.text import canonical_text
from stancecoder.io.limits import ImportLimits, check_article_text
from stancecoder.io.news.dates import language_code, read_date_line


class SkippedArticle(Exception):
    """An article of an export that cannot be read whole; the reason is one line."""


# Field labels as exports write them (casefolded), in English, German and French.
_AUTHOR = {"byline", "author", "autor", "auteur", "von", "signature"}
_DATELINE = {"dateline"}
_LANGUAGE = {"language", "sprache", "langue", "language of publication"}
_URL = {"url", "link", "document url"}


def line_blocks(text: str, *, keep_indent: bool = False) -> list[list[str]]:
    """The runs of non-blank lines of `text`, white space at their ends dropped; with
    `keep_indent` the left margin stays, where an export's centring tells one line from
    another."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip() if keep_indent else line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def where(number: int, title: str | None) -> str:
    """How a warning names an article: its place in the file and, if it has one, its title."""
    return f"article {number}" + (f" ({printable(title)[:80]})" if title else "")


def build_article(
    path: Path,
    number: int,
    body: str,
    header: dict[str, str],
    date_line: str | None,
    limits: ImportLimits,
    warnings: list[str],
    external_id: str | None = None,
) -> ArticleDraft:
    """An article from its body and the fields found around it.

    `header` maps each label as found to its value, plus "title" and "source" when the
    export gave them. The date line's date becomes `published` only when it is read
    without guessing; otherwise it stays in the attributes and a warning says so.
    `external_id` is the database's own id of the article; without one the article is
    known by the file and its place in it.
    """
    title = header.pop("title", None)
    text = canonical_text(body)
    if not text:
        raise SkippedArticle(f"{where(number, title)} has no body text; not imported")
    check_article_text(path, f"article {number}: ", text, limits)
    source = header.pop("source", None)
    author = dateline = language = url = None
    extra: dict[str, str] = {}
    for label, value in header.items():
        key = label.casefold()
        if key in _AUTHOR and author is None:
            author = value
        elif key in _DATELINE and dateline is None:
            dateline = value
        elif key in _LANGUAGE and language is None:
            language = language_code(value)
            extra[key] = value
        elif key in _URL and url is None:
            url = value
        else:
            extra[key] = value
    published = None
    if date_line is not None:
        extra["date line"] = date_line
        published, _rest = read_date_line(date_line)
        if published is None:
            warnings.append(
                f"{where(number, title)}: cannot read the date {printable(date_line)[:80]!r}; "
                "kept as the attribute 'date line', no date stored"
            )
    return ArticleDraft(
        text=text,
        origin=f"{printable(path.name)}, article {number}",
        title=title or None,
        source=source or None,
        author=author or None,
        dateline=dateline or None,
        published=published,
        url=url or None,
        language=language or None,
        external_id=external_id or f"{printable(path.stem)[:180]}#{number}",
        extra=extra,
    )


def add_field(fields: dict[str, str], label: str, value: str) -> None:
    """Keep a field; one given twice (several Subject lines) keeps both values."""
    value = value.strip()
    if label in fields and value:
        fields[label] = f"{fields[label]}; {value}" if fields[label] else value
    else:
        fields[label] = value
