"""The passages of one article as the reader and the passage list show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Coder, Passage, PassageCode
from stancecoder.db.store import get_setting, set_setting
from stancecoder.services.samples import blind_for

if TYPE_CHECKING:
    from stancecoder.services.project import Project

BLIND_KEY = "blind_mode"
PASSAGE_COLUMNS = (
    Passage.id, Passage.uid, Passage.version, Passage.article_id, Passage.start, Passage.end,
    Passage.quote, Passage.memo,
)  # fmt: skip


@dataclass(frozen=True)
class PassageView:
    id: int
    uid: str
    version: int
    article_id: int
    coder: str
    start: int
    end: int
    quote: str
    memo: str
    codes: tuple[int, ...]  # code ids, in codebook order of their variables


def passages_of(project: Project, article_id: int, viewer: str | None) -> list[PassageView]:
    """In blind mode, or in an open reliability round, a coder sees only their own
    passages; otherwise everyone's."""
    with project.transaction() as session:
        query = (
            select(*PASSAGE_COLUMNS, Coder.name)
            .join(Coder, Coder.id == Passage.coder_id)
            .where(Passage.article_id == article_id)
            .order_by(Passage.start, Passage.end, Passage.id)
        )
        if viewer is not None and (is_blind(session) or blind_for(session, article_id)):
            query = query.where(Coder.name == viewer)
        rows = session.execute(query).all()
        links: dict[int, list[int]] = {}
        link_query = (
            select(PassageCode.passage_id, PassageCode.code_id)
            .join(Passage, Passage.id == PassageCode.passage_id)
            .where(Passage.article_id == article_id)
        )
        for passage_id, code_id in session.execute(link_query):
            links.setdefault(passage_id, []).append(code_id)
        return [
            PassageView(
                row.id, row.uid, row.version, row.article_id, row.name, row.start, row.end,
                row.quote, row.memo, tuple(sorted(links.get(row.id, ()))),
            )
            for row in rows
        ]  # fmt: skip


def passage_by_uid(project: Project, uid: str) -> PassageView:
    with project.transaction() as session:
        found = session.scalar(select(Passage.article_id).where(Passage.uid == uid))
    if found is None:
        raise ValidationError("that passage no longer exists (deleted elsewhere?)")
    return next(p for p in passages_of(project, found, None) if p.uid == uid)


def is_blind(session) -> bool:  # type: ignore[no-untyped-def]
    return get_setting(session, BLIND_KEY, "off") == "on"


def blind_mode(project: Project) -> bool:
    with project.transaction() as session:
        return is_blind(session)


def set_blind_mode(project: Project, on: bool) -> None:
    with project.transaction() as session:
        set_setting(session, BLIND_KEY, "on" if on else "off")


def coded_today(project: Project, coder: str) -> int:
    """Passages this coder made since local midnight: the status bar's daily count."""
    midnight = datetime.combine(datetime.now().date(), time()).astimezone().astimezone(UTC)
    with project.transaction() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(Passage)
                .join(Coder, Coder.id == Passage.coder_id)
                .where(Coder.name == coder, Passage.created_at >= midnight)
            )
            or 0
        )
