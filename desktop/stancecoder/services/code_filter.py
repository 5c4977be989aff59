"""Narrowing the article list by codes: "articles with Putin × sanctions" (each code named,
or one of its sub-codes, in some passage) and "articles nobody has coded for stance" (no
passage with any code of that variable), among the passages of the chosen coders.

Only passages the viewer may see count, by the reader's rules (`services.passages`): in
blind mode, or on an article of an open reliability round, a coder's own alone. A filter
must not tell a coder what the reader would hide."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from stancecoder.db.models import Article, Code, Coder, Passage, PassageCode
from stancecoder.services.passages import seen_by


@dataclass(frozen=True)
class CodeFilter:
    """`codes`: every one must occur (as itself or a sub-code); `uncoded`: a variable no
    passage codes; `coders`: whose passages count, everyone's when empty; `viewer`: the
    coder at the window, whose blind rules apply (None: the command line, which sees all)."""

    codes: tuple[int, ...] = ()
    uncoded: int | None = None
    coders: tuple[str, ...] = ()
    viewer: str | None = None

    def __bool__(self) -> bool:
        return bool(self.codes) or self.uncoded is not None


def code_conditions(session: Session, chosen: CodeFilter) -> list[ColumnElement[bool]]:
    """Conditions on `Article.id`, one per code and one for the uncoded variable: each an
    IN over the passages' codes, which the indexes on passage_code and passage answer."""
    if not chosen:
        return []
    coder_ids = (
        list(session.scalars(select(Coder.id).where(Coder.name.in_(chosen.coders))))
        if chosen.coders
        else None
    )
    family = _families(session, chosen.codes)
    visible = _visible(session, chosen.viewer)
    conditions: list[ColumnElement[bool]] = [
        Article.id.in_(_articles_with(family[code], coder_ids, visible)) for code in chosen.codes
    ]
    if chosen.uncoded is not None:
        coded = _articles_with(None, coder_ids, visible)
        coded = coded.where(PassageCode.variable_id == chosen.uncoded)
        conditions.append(Article.id.not_in(coded))
    return conditions


def _visible(session: Session, viewer: str | None) -> ColumnElement[bool] | None:
    """The passages `viewer` may see, as `article_passages` shows them."""
    return None if viewer is None else seen_by(session, viewer)


def _articles_with(
    codes: Collection[int] | None,
    coder_ids: list[int] | None,
    visible: ColumnElement[bool] | None,
) -> Select[int]:
    query = select(Passage.article_id).join(PassageCode, PassageCode.passage_id == Passage.id)
    if visible is not None:
        query = query.where(visible)
    if codes is not None:
        query = query.where(PassageCode.code_id.in_(codes))
    if coder_ids is not None:
        query = query.where(Passage.coder_id.in_(coder_ids))
    return query


def _families(session: Session, codes: Collection[int]) -> dict[int, set[int]]:
    """Each code with all its sub-codes, at any depth: a topic finds its sub-topics."""
    if not codes:
        return {}
    children: dict[int, list[int]] = {}
    for code_id, parent_id in session.execute(select(Code.id, Code.parent_id)):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(code_id)
    families = {}
    for code in codes:
        family, stack = {code}, [code]
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in family:
                    family.add(child)
                    stack.append(child)
        families[code] = family
    return families
