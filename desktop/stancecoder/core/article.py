"""What an importer hands over: an article before it has a place in a project."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleDraft:
    """One article read from a file, its text already canonical (see `core.text`).

    `origin` says where it came from ("corpus.csv, row 7") for reports; `external_id` is an
    id the source file gave the article, kept so that codings can refer to it.
    `published` is an ISO date, possibly partial ("2024", "2024-06") or None.
    """

    text: str
    origin: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    dateline: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    external_id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
