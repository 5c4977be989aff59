"""An article and the coder about to code it, with what a new passage of theirs needs to
know, read in one query.

Read one by one (the article, the coder, their assignment of it, the codebook's version,
whether the article is a copy left out of coding) that was five statements, each a round
trip to a team server, for every coding; together it is one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Article, Assignment, Coder, Setting
from stancecoder.services.coders import require_coder
from stancecoder.services.duplicate_marks import kept_instead, refuse_copy


@dataclass
class CodingTarget:
    """`assignment` is the coder's of the article, None while they have none; a write that
    makes one puts it here, so the rest of the transaction sees it."""

    article: Article
    coder: Coder
    assignment: Assignment | None
    codebook_version: str | None
    kept_instead: int | None
    """The copy kept for coding when the article is a copy left out of it, else None."""

    def refuse_excluded(self) -> None:
        """A new coding of an excluded copy is refused, naming the copy to code instead."""
        refuse_copy(self.article.id, self.kept_instead)


def get_article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise ValidationError(f"no article with id {article_id}")
    return article


def coding_target(session: Session, article_id: int, coder_name: str) -> CodingTarget:
    """The article and coder (refused as before when either does not exist), with the
    coder's assignment of the article, the codebook's version and the copy kept instead."""
    row = session.execute(_TARGET, {"article_id": article_id, "coder": coder_name}).first()
    if row is None:  # say which is missing, or take the coder's name as stored
        get_article(session, article_id)
        coder = require_coder(session, coder_name)  # found whatever the name's case
        if coder.name != coder_name:
            return coding_target(session, article_id, coder.name)
        raise ValidationError(f"no article with id {article_id}")  # removed meanwhile
    return CodingTarget(*row)


# built once: every coding saved runs it, and building it cost as much as running it
_TARGET = (
    select(
        Article,
        Coder,
        Assignment,
        select(Setting.value).where(Setting.key == "codebook_version").scalar_subquery(),
        kept_instead(Article.id).scalar_subquery(),
    )
    .select_from(Article)
    .join(Coder, Coder.name == bindparam("coder"))
    .outerjoin(
        Assignment, and_(Assignment.article_id == Article.id, Assignment.coder_id == Coder.id)
    )
    .where(Article.id == bindparam("article_id"))
)
