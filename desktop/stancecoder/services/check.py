"""`stancecoder check`: is the project intact? Storage, references, and every quote."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stancecoder.db.models import Article, Code, Passage, PassageCode, Variable
from stancecoder.services.corpus_store import text_digest

if TYPE_CHECKING:
    from stancecoder.services.project import Project


BATCH = 500
"""Articles read at a time, with their passages: the texts of 100,000 articles are some
600 MB, which a check holding every text at once kept in memory."""


def check_project(project: Project, batch: int = BATCH) -> list[str]:
    """Every problem found, one line each; an empty list means the project is sound."""
    with project.reading() as session:
        articles: list[str] = []
        passages: list[str] = []
        for texts, passage_rows in _batches(session, batch):
            articles += _articles(texts)
            passages += _passages(texts, passage_rows)
        return [*_storage(session), *articles, *passages, *_codes(session)]


def _storage(session: Session) -> list[str]:
    if session.get_bind().dialect.name != "sqlite":
        return []  # the server checks its own storage and enforces references itself
    connection = session.connection()
    verdicts = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    problems = [f"storage: {v}" for v in verdicts if v != "ok"]
    for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing {parent}")
    return problems


_Texts = dict[int, tuple[str, str]]  # article id -> (text, its digest as stored)
_PassageRow = tuple[int, int, int, int, str]  # id, article id, start, end, quote


def _batches(session: Session, size: int) -> Iterator[tuple[_Texts, list[_PassageRow]]]:
    """Articles in id order, `size` at a time, each batch with the passages whose article
    id lies between the batch's last id and the one before: every passage comes once,
    also those whose article is missing (before the first article, say, or after the last)."""
    after: int | None = None
    while True:
        query = select(Article.id, Article.text, Article.text_sha256).order_by(Article.id)
        if after is not None:
            query = query.where(Article.id > after)
        texts = {i: (text, digest) for i, text, digest in session.execute(query.limit(size))}
        last = max(texts) if len(texts) == size else None  # None: this batch is the last
        within = select(
            Passage.id, Passage.article_id, Passage.start, Passage.end, Passage.quote
        ).order_by(Passage.id)
        if after is not None:
            within = within.where(Passage.article_id > after)
        if last is not None:
            within = within.where(Passage.article_id <= last)
        yield texts, [(i, a, s, e, q) for i, a, s, e, q in session.execute(within)]
        if last is None:
            return
        after = last


def _articles(texts: _Texts) -> list[str]:
    return [
        f"article {article_id}: its text changed after import"
        for article_id, (text, digest) in texts.items()
        if text_digest(text) != digest
    ]


def _passages(texts: _Texts, rows: list[_PassageRow]) -> list[str]:
    problems = []
    for passage_id, article_id, start, end, quote in rows:
        text = texts[article_id][0] if article_id in texts else None
        if text is None:
            problems.append(f"passage {passage_id}: its article {article_id} is missing")
        elif not 0 <= start < end <= len(text):
            problems.append(f"passage {passage_id}: [{start}, {end}) lies outside its article")
        elif text[start:end] != quote:
            problems.append(
                f"passage {passage_id}: quote differs from the text at [{start}, {end})"
            )
    return problems


def _codes(session: Session) -> list[str]:
    problems = []
    mismatched = session.execute(
        select(PassageCode.passage_id, Code.label)
        .join(Code, Code.id == PassageCode.code_id)
        .where(Code.variable_id != PassageCode.variable_id)
    )
    problems += [
        f"passage {p}: code {label!r} filed under the wrong variable" for p, label in mismatched
    ]
    crowded = session.execute(
        select(PassageCode.passage_id, Variable.name)
        .join(Variable, Variable.id == PassageCode.variable_id)
        .where(Variable.multiple.is_(False))
        .group_by(PassageCode.passage_id, Variable.name)
        .having(func.count() > 1)
    )
    problems += [f"passage {p}: more than one {name} code" for p, name in crowded]
    return problems
