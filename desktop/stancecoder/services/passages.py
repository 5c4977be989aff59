"""The passages of one article as the reader and the passage list show them."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.core.passage_view import PassageView
from stancecoder.db.models import Coder, Passage, PassageCode, Round, RoundArticle
from stancecoder.db.store import get_setting, set_setting
from stancecoder.services.samples import blind_for

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
    """`passages_of` inside an open transaction, for a command that reads them first."""
    condition = Passage.article_id == article_id
    if viewer is not None and (is_blind(session) or blind_for(session, article_id)):
        condition = condition & (Coder.name == viewer)
    return _views(session, condition)


def passage_by_uid(project: Project, uid: str) -> PassageView:
    with project.reading() as session:
        return find_passage(session, uid)


def find_passage(session: Session, uid: str) -> PassageView:
    """`passage_by_uid` inside an open transaction, for a command that then changes it."""
    found = _views(session, Passage.uid == uid)
    if not found:
        raise ValidationError("that passage no longer exists (deleted elsewhere?)")
    return found[0]


def _views(session: Session, condition: ColumnElement[bool]) -> list[PassageView]:
    """Passages meeting `condition`, with their codes, in reading order."""
    rows = session.execute(
        select(*PASSAGE_COLUMNS, Coder.name)
        .join(Coder, Coder.id == Passage.coder_id)
        .where(condition)
        .order_by(Passage.start, Passage.end, Passage.id)
    ).all()
    links: dict[int, list[int]] = {}
    if rows:
        chosen = select(Passage.id).join(Coder, Coder.id == Passage.coder_id).where(condition)
        for passage_id, code_id in session.execute(
            select(PassageCode.passage_id, PassageCode.code_id).where(
                PassageCode.passage_id.in_(chosen)
            )
        ):
            links.setdefault(passage_id, []).append(code_id)
    return [
        PassageView(
            row.id, row.uid, row.version, row.article_id, row.name, row.start, row.end,
            row.quote, row.memo, tuple(sorted(links.get(row.id, ()))),
        )
        for row in rows
    ]  # fmt: skip


def is_blind(session: Session) -> bool:
    return get_setting(session, BLIND_KEY, "off") == "on"


def seen_by(session: Session, viewer: str) -> ColumnElement[bool]:
    """The passages `viewer` sees by the reader's rules, as one condition for a query over
    many articles: their own, and others' only outside blind mode and open rounds."""
    own = Passage.coder_id.in_(select(Coder.id).where(Coder.name == viewer))
    if is_blind(session):
        return own
    in_open_round = (
        select(RoundArticle.article_id)
        .join(Round, Round.id == RoundArticle.round_id)
        .where(Round.closed_at.is_(None))
    )
    return own | Passage.article_id.not_in(in_open_round)


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
    return (
        session.scalar(
            select(func.count())
            .select_from(Passage)
            .join(Coder, Coder.id == Passage.coder_id)
            .where(Coder.name == coder, Passage.created_at >= midnight)
        )
        or 0
    )
