"""The coding history read back, oldest first: for the command line, the export's History
sheet and the window's history of a passage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from stancecoder.core.history import HistoryEntry, state_from_json, state_json
from stancecoder.db.models import Article, History
from stancecoder.io.sheets import Column
from stancecoder.services.export_rows import ExportFilter

if TYPE_CHECKING:
    from stancecoder.services.project import Project


@dataclass(frozen=True)
class HistoryFilter:
    coder: str | None = None
    """Rows of this coder's work, or done by them."""
    article_id: int | None = None
    since: datetime | None = None
    passage_uid: str | None = None


def read_history(project: Project, filters: HistoryFilter | None = None) -> list[HistoryEntry]:
    """The rows that pass `filters`, oldest first."""
    with project.reading() as session:
        return history_entries(session, filters or HistoryFilter())


def passage_history(project: Project, uid: str) -> list[HistoryEntry]:
    """Everything done to one passage, from its coding to now, oldest first."""
    return read_history(project, HistoryFilter(passage_uid=uid))


def history_entries(session: Session, filters: HistoryFilter) -> list[HistoryEntry]:
    """`read_history` inside an open transaction, for an export reading more with it."""
    return [_entry(row, title) for row, title in session.execute(history_query(filters))]


def history_query(filters: HistoryFilter) -> Select[History, str | None]:
    query = (
        select(History, Article.title)
        .outerjoin(Article, Article.id == History.article_id)
        .order_by(History.id)
    )
    if filters.coder is not None:
        query = query.where(or_(History.coder == filters.coder, History.actor == filters.coder))
    if filters.article_id is not None:
        query = query.where(History.article_id == filters.article_id)
    if filters.since is not None:
        since = filters.since
        since = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
        query = query.where(History.at >= since)
    if filters.passage_uid is not None:
        query = query.where(History.passage_uid == filters.passage_uid)
    return query


def _entry(history: History, title: str | None) -> HistoryEntry:
    at = history.at if history.at.tzinfo else history.at.replace(tzinfo=UTC)
    return HistoryEntry(
        at=at.astimezone(UTC),
        actor=history.actor,
        action=history.action,
        coder=history.coder,
        article_id=history.article_id,
        article_title=title,
        passage_uid=history.passage_uid,
        before=state_from_json(history.before),
        after=state_from_json(history.after),
    )


def history_sheet(
    session: Session, filters: ExportFilter
) -> tuple[list[Column], Sequence[Sequence[object]]]:
    """The export's History sheet: the rows of the coders and articles the export is
    narrowed to (a coder's when it was their work or they acted), each change in words
    and its states as stored, JSON, for whoever analyses the process further."""
    columns = [
        Column("at (UTC)", width=21), Column("actor", width=16), Column("action", width=16),
        Column("coder", width=14), Column("article id", "int"), Column("title", width=30),
        Column("passage uid", width=12), Column("change", wrap=True),
        Column("before", wrap=True), Column("after", wrap=True),
    ]  # fmt: skip
    coders = set(filters.coders)
    articles = set(filters.article_ids)
    rows = [
        _sheet_row(entry)
        for entry in history_entries(session, HistoryFilter())
        if (not coders or entry.coder in coders or entry.actor in coders)
        and (not articles or entry.article_id in articles)
    ]
    return columns, rows


def _sheet_row(entry: HistoryEntry) -> list[object]:
    return [
        entry.when, entry.actor, entry.action, entry.coder, entry.article_id,
        entry.article_title, entry.passage_uid, entry.change,
        state_json(entry.before), state_json(entry.after),
    ]  # fmt: skip
