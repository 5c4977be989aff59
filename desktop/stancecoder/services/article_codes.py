"""A coder's article-level codes, for the article form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.db.models import ArticleCode, Coder, Variable

if TYPE_CHECKING:
    from stancecoder.services.project import Project


def article_codes(project: Project, article_id: int, coder: str) -> dict[str, list[int]]:
    """Variable name -> code ids this coder gave the article (every article variable)."""
    with project.transaction() as session:
        return read_article_codes(session, article_id, coder)


def read_article_codes(session: Session, article_id: int, coder: str) -> dict[str, list[int]]:
    """`article_codes` inside an open transaction, for a command that then replaces them."""
    names = session.scalars(
        select(Variable.name).where(Variable.scope == "article").order_by(Variable.position)
    ).all()
    found: dict[str, list[int]] = {name: [] for name in names}
    rows = session.execute(
        select(Variable.name, ArticleCode.code_id)
        .join(Variable, Variable.id == ArticleCode.variable_id)
        .join(Coder, Coder.id == ArticleCode.coder_id)
        .where(ArticleCode.article_id == article_id, Coder.name == coder)
    )
    for name, code_id in rows:
        found.setdefault(name, []).append(code_id)
    return found
