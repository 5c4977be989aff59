"""One coder's codings as a merge compares them, read alike from home and from a file:
named by uids (passage, article, code), never by the ids each database gave."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.sync import Side
from stancecoder.db.copy_rows import as_utc
from stancecoder.db.models import (
    Article,
    ArticleCode,
    Assignment,
    Code,
    History,
    Passage,
    PassageCode,
)


@dataclass(frozen=True)
class PassageCoding:
    id: int
    uid: str
    article_uid: str
    start: int
    end: int
    quote: str
    memo: str
    codes: frozenset[str]
    version: int

    def side(self) -> Side:
        return Side((self.article_uid, self.start, self.end, self.memo, self.codes), self.version)


@dataclass(frozen=True)
class StatusCoding:
    """A coder's status and article codes of one article: one version covers both."""

    article_id: int
    article_uid: str
    status: str
    codes: frozenset[str]
    version: int

    def side(self) -> Side:
        return Side((self.status, self.codes), self.version)


def read_passages(session: Session, coder_id: int) -> dict[str, PassageCoding]:
    codes: dict[int, set[str]] = defaultdict(set)
    coded = (
        select(PassageCode.passage_id, Code.uid)
        .join(Code, Code.id == PassageCode.code_id)
        .join(Passage, Passage.id == PassageCode.passage_id)
        .where(Passage.coder_id == coder_id)
    )
    for passage_id, code_uid in session.execute(coded):
        codes[passage_id].add(code_uid)
    rows = session.execute(
        select(Passage, Article.uid)
        .join(Article, Article.id == Passage.article_id)
        .where(Passage.coder_id == coder_id)
    )
    return {p.uid: _passage(p, article_uid, frozenset(codes[p.id])) for p, article_uid in rows}


def _passage(p: Passage, article_uid: str, codes: frozenset[str]) -> PassageCoding:
    return PassageCoding(
        p.id, p.uid, article_uid, p.start, p.end, p.quote, p.memo, codes, p.version
    )


def read_statuses(session: Session, coder_id: int) -> dict[str, StatusCoding]:
    codes: dict[int, set[str]] = defaultdict(set)
    coded = (
        select(ArticleCode.article_id, Code.uid)
        .join(Code, Code.id == ArticleCode.code_id)
        .where(ArticleCode.coder_id == coder_id)
    )
    for article_id, code_uid in session.execute(coded):
        codes[article_id].add(code_uid)
    rows = session.execute(
        select(Assignment.article_id, Article.uid, Assignment.status, Assignment.version)
        .join(Article, Article.id == Assignment.article_id)
        .where(Assignment.coder_id == coder_id)
    )
    return {
        uid: StatusCoding(article_id, uid, status, frozenset(codes[article_id]), version)
        for article_id, uid, status, version in rows
    }


HISTORY_FIELDS = ("at", "actor", "action", "coder", "article_id", "passage_uid", "before", "after")


def read_history(session: Session, coder: str) -> list[dict[str, Any]]:
    """The coder's history rows, times in UTC, as `history_key` compares them."""
    rows = session.execute(select(History).where(History.coder == coder)).scalars()
    return [{name: as_utc(getattr(row, name)) for name in HISTORY_FIELDS} for row in rows]


def history_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[name] for name in HISTORY_FIELDS)
