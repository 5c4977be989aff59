"""A coder's article-level codes and status, for the article form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from stancecoder.db.models import ArticleCode, Coder, Variable
from stancecoder.services.codings import read_assignment

if TYPE_CHECKING:
    from stancecoder.services.project import Project


@dataclass(frozen=True)
class ArticleCoding:
    """Where a coder stands with an article and the codes they gave it as a whole, with the
    version both were read at: the one a command changing either carries back (0 while the
    coder has no assignment of the article)."""

    status: str
    codes: dict[str, list[int]]
    version: int


def read_article_coding(session: Session, article_id: int, coder: str) -> ArticleCoding:
    status, version = read_assignment(session, article_id, coder)
    return ArticleCoding(status, read_article_codes(session, article_id, coder), version)


def article_codes(project: Project, article_id: int, coder: str) -> dict[str, list[int]]:
    """Variable name -> code ids this coder gave the article (every article variable)."""
    with project.reading() as session:
        return read_article_codes(session, article_id, coder)


def read_article_codes(session: Session, article_id: int, coder: str) -> dict[str, list[int]]:
    """`article_codes` inside an open transaction, for a command that then replaces them:
    every article variable's codes, and those of any other variable the coder gave the
    article (one whose scope changed since), in one query."""
    rows = session.execute(_GIVEN, {"article_id": article_id, "coder": coder})
    found: dict[str, list[int]] = {}
    for name, code_id in rows:
        codes = found.setdefault(name, [])
        if code_id is not None:
            codes.append(code_id)
    return found


def _given_codes() -> Select[str, int]:
    given = and_(
        ArticleCode.variable_id == Variable.id,
        ArticleCode.article_id == bindparam("article_id"),
        ArticleCode.coder_id.in_(select(Coder.id).where(Coder.name == bindparam("coder"))),
    )
    return (
        select(Variable.name, ArticleCode.code_id)
        .outerjoin(ArticleCode, given)
        .where(or_(Variable.scope == "article", ArticleCode.code_id.is_not(None)))
        .order_by(Variable.position, ArticleCode.code_id)
    )


_GIVEN = _given_codes()  # built once: building it costs more than running it
