"""The passages of one article as the reader and the passage list show them."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.core.passage_view import PassageView
from stancecoder.db.models import Coder, Passage, PassageCode, Round, RoundArticle, Setting
from stancecoder.db.store import get_setting, set_setting

if TYPE_CHECKING:
    from stancecoder.services.project import Project

BLIND_KEY = "blind_mode"
PASSAGE_COLUMNS = (
    Passage.id, Passage.uid, Passage.version, Passage.article_id, Passage.start, Passage.end,
    Passage.quote, Passage.memo,
)  # fmt: skip


def passages_of(project: Project, article_id: int, viewer: str | None) -> list[PassageView]:
    """In blind mode, or in an open reliability round, a coder sees only their own
    passages; otherwise everyone's."""
    with project.reading() as session:
        return article_passages(session, article_id, viewer)


def article_passages(session: Session, article_id: int, viewer: str | None) -> list[PassageView]:
    """`passages_of` inside an open transaction, for a command that reads them first. The
    blind rules are part of the one query: no statement of their own to wait for."""
    if viewer is None:
        return _views(session, _OF_ARTICLE, {"article_id": article_id})
    return _views(session, _SEEN_IN_ARTICLE, {"article_id": article_id, "viewer": viewer})


def passage_by_uid(project: Project, uid: str) -> PassageView:
    with project.reading() as session:
        return find_passage(session, uid)


def find_passage(session: Session, uid: str) -> PassageView:
    """`passage_by_uid` inside an open transaction, for a command that then changes it."""
    found = _views(session, _WITH_UID, {"uid": uid})
    if not found:
        raise ValidationError("that passage no longer exists (deleted elsewhere?)")
    return found[0]


def _views(
    session: Session, query: Select[*tuple[Any, ...]], values: dict[str, object]
) -> list[PassageView]:
    """The passages `query` (one of the statements below) finds with `values`, with their
    codes (a row per code), in reading order."""
    found: dict[int, tuple[list[Any], list[int]]] = {}
    # by position, not by name: naming each column of each row cost as much as the query
    for *columns, code_id in session.execute(query, values):
        passage = found.get(columns[0])
        if passage is None:
            passage = found[columns[0]] = (columns, [])
        if code_id is not None:
            passage[1].append(code_id)
    return [
        PassageView(
            passage_id, uid, version, article_id, coder, start, end, quote, memo,
            tuple(sorted(codes)),
        )
        for (passage_id, uid, version, article_id, start, end, quote, memo, coder), codes
        in found.values()
    ]  # fmt: skip


def _passages_where(condition: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    return (
        select(*PASSAGE_COLUMNS, Coder.name, PassageCode.code_id)
        .join(Coder, Coder.id == Passage.coder_id)
        .outerjoin(PassageCode, PassageCode.passage_id == Passage.id)
        .where(condition)
        .order_by(Passage.start, Passage.end, Passage.id)
    )


def is_blind(session: Session) -> bool:
    return get_setting(session, BLIND_KEY, "off") == "on"


def _blind_mode_on() -> ColumnElement[bool]:
    """`is_blind` as a condition of a larger query."""
    return exists(select(Setting.key).where(Setting.key == BLIND_KEY, Setting.value == "on"))


def seen_by(session: Session, viewer: str) -> ColumnElement[bool]:
    """The passages `viewer` sees by the reader's rules, as one condition for a query over
    many articles: their own, and others' only outside blind mode and open rounds."""
    own = Passage.coder_id.in_(select(Coder.id).where(Coder.name == viewer))
    if is_blind(session):
        return own
    return own | Passage.article_id.not_in(_in_open_rounds())


def _in_open_rounds() -> Select[int]:
    """The articles of the reliability rounds still open, which coders code blind."""
    return (
        select(RoundArticle.article_id)
        .join(Round, Round.id == RoundArticle.round_id)
        .where(Round.closed_at.is_(None))
    )


def blind_mode(project: Project) -> bool:
    with project.reading() as session:
        return is_blind(session)


def set_blind_mode(project: Project, on: bool) -> None:
    with project.transaction() as session:
        set_setting(session, BLIND_KEY, "on" if on else "off")


def coded_today(project: Project, coder: str) -> int:
    """Passages this coder made since local midnight: the status bar's daily count."""
    with project.reading() as session:
        return count_coded_today(session, coder)


def count_coded_today(session: Session, coder: str) -> int:
    """`coded_today` inside an open transaction, for a refresh that reads more with it."""
    midnight = datetime.combine(datetime.now().date(), time()).astimezone().astimezone(UTC)
    return session.scalar(_CODED_SINCE, {"coder": coder, "since": midnight}) or 0


# Built once: building a statement of joins and subqueries costs more than running it, and
# the window reads an article's passages at every switch and every Enter.
_IN_ARTICLE = Passage.article_id == bindparam("article_id")
_OF_ARTICLE = _passages_where(_IN_ARTICLE)
_BLIND = or_(_blind_mode_on(), Passage.article_id.in_(_in_open_rounds()))
_SEEN_IN_ARTICLE = _passages_where(_IN_ARTICLE & or_(Coder.name == bindparam("viewer"), ~_BLIND))
_WITH_UID = _passages_where(Passage.uid == bindparam("uid"))
_CODED_SINCE = (
    select(func.count())
    .select_from(Passage)
    .join(Coder, Coder.id == Passage.coder_id)
    .where(Coder.name == bindparam("coder"), Passage.created_at >= bindparam("since"))
)
