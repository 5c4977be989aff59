"""`stancecoder check`: is the project intact? Storage, references, and every quote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stancecoder.db.models import Article, Code, Passage, PassageCode, Variable
from stancecoder.services.corpus import text_digest

if TYPE_CHECKING:
    from stancecoder.services.project import Project


def check_project(project: Project) -> list[str]:
    """Every problem found, one line each; an empty list means the project is sound."""
    with project.reading() as session:
        return [
            *_storage(session),
            *_articles(session),
            *_passages(session),
            *_codes(session),
        ]


def _storage(session: Session) -> list[str]:
    if session.get_bind().dialect.name != "sqlite":
        return []  # the server checks its own storage and enforces references itself
    connection = session.connection()
    verdicts = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    problems = [f"storage: {v}" for v in verdicts if v != "ok"]
    for table, rowid, parent, _ in connection.exec_driver_sql("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing {parent}")
    return problems


def _articles(session: Session) -> list[str]:
    return [
        f"article {article_id}: its text changed after import"
        for article_id, text, digest in session.execute(
            select(Article.id, Article.text, Article.text_sha256)
        )
        if text_digest(text) != digest
    ]


def _passages(session: Session) -> list[str]:
    problems = []
    texts = dict(session.execute(select(Article.id, Article.text)).all())
    query = select(Passage.id, Passage.article_id, Passage.start, Passage.end, Passage.quote)
    for passage_id, article_id, start, end, quote in session.execute(query):
        text = texts.get(article_id)
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
