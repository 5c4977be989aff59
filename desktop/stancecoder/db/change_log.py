"""Every committing transaction that wrote anything leaves one row in `change_log`.

The row is written by session events, in the transaction itself, so no writer can forget
it: the window's commands, the dialogs, an import and the command line all write through
`Store` sessions. What a transaction touched is gathered from the ORM's flushes (new,
changed and deleted rows) and from `session.execute(insert/update/delete ...)`; a statement
whose articles cannot be read from it counts as everything.

On PostgreSQL, writers take one advisory lock just before the row is inserted, held until
commit: the ids of the log then grow in the order transactions commit, so a reader that has
seen id X has seen every row below it. (Without it, a transaction that took id 10 and
committed after one that took id 11 would slip behind a reader that had read 11.) The lock
is held for the commit only, and its holder waits for nothing else, so it cannot deadlock.
SQLite serialises writers already.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Delete,
    Insert,
    Table,
    Update,
    delete,
    event,
    func,
    insert,
    inspect,
    literal,
    select,
)
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, BooleanClauseList

from stancecoder.db.models import ChangeLog, Passage, utc_now

BROAD = 1000  # more articles than this in one transaction are logged as everything
KEEP = timedelta(days=7)
_LOCK_KEY = 0x5C_4A_06_E1  # the advisory lock of the change log, the same for every writer
_TOUCHED = "stancecoder.touched"
_WRITTEN = "stancecoder.change_log_id"
_NEWEST_ROW = "stancecoder.newest_change_log_row"  # the newest log row added by hand

# How a write to each table is named: the column that holds its article, or a kind.
_ARTICLE_KEY = {"article": "id", "passage": "article_id", "article_code": "article_id",
                "assignment": "article_id", "duplicate_copy": "article_id"}  # fmt: skip
_PASSAGE_CHILD = "passage_code"  # names its passage; a statement on it names neither
PROJECT_TABLES = frozenset({"setting", "coder", "variable", "code"})
BROAD_TABLES = frozenset({"round", "round_article", "round_coder"})  # samples: rare, wide
QUIET_TABLES = frozenset(
    {"change_log", "import_batch", "history", "duplicate_cluster"}
)  # nothing a view shows by itself (a cluster shows through its copies' rows)


def named_tables() -> set[str]:
    """Every table this module knows how to name a write to; any other counts as everything."""
    return {*_ARTICLE_KEY, _PASSAGE_CHILD, *PROJECT_TABLES, *BROAD_TABLES, *QUIET_TABLES}


@dataclass
class Touched:
    """What one transaction wrote so far."""

    articles: set[int] = field(default_factory=set)
    passages: set[int] = field(default_factory=set)
    unplaced: set[int] = field(default_factory=set)  # passages whose codes alone were written
    placed: set[int] = field(default_factory=set)  # passages whose own row was written
    codebook: bool = False
    everything: bool = False

    def __bool__(self) -> bool:
        return bool(self.articles or self.passages or self.codebook or self.everything)


def record_changes(
    sessions: sessionmaker[Session],
    written: Callable[[int], None],
    logged: Callable[[int], None] | None = None,
) -> None:
    """Log every committing transaction of `sessions`; `written(id)` hears of each log row
    once its transaction committed, so the process can tell its own writes from others';
    `logged(id)` of the newest log row each committed transaction wrote, its own or rows
    added by hand (see `db.change_listener`)."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _on_execute)
    event.listen(sessions, "before_commit", _write_entry)

    def committed(session: Session) -> None:
        entry = session.info.pop(_WRITTEN, None)
        newest = max(entry or 0, session.info.pop(_NEWEST_ROW, 0))
        if entry is not None:
            written(entry)
        if newest and logged is not None:
            logged(newest)

    event.listen(sessions, "after_commit", committed)


def _touched(session: Session) -> Touched:
    touched = session.info.get(_TOUCHED)
    if touched is None:
        touched = session.info[_TOUCHED] = Touched()
    return touched


def note_articles(session: Session, ids: Iterable[int]) -> None:
    """Articles a statement wrote on the session's connection, past the session's events (a
    bulk insert that learns its ids from the database): logged with the transaction's own."""
    _touched(session).articles.update(ids)


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    """The ORM's writes: the objects flushed, with the ids the database gave new ones."""
    new = list(session.new)
    added = [instance.id for instance in new if isinstance(instance, ChangeLog)]
    if added:
        session.info[_NEWEST_ROW] = max(session.info.get(_NEWEST_ROW, 0), *added)
    for instance in (*new, *session.dirty, *session.deleted):
        table = instance.__table__.name
        if table not in QUIET_TABLES:
            _note_row(_touched(session), table, inspect(instance).dict)


def _note_row(touched: Touched, table: str, row: dict[str, Any]) -> None:
    if table in PROJECT_TABLES:
        touched.codebook = True
    elif table == _PASSAGE_CHILD:
        touched.unplaced.add(row["passage_id"])
        touched.passages.add(row["passage_id"])
    elif table in _ARTICLE_KEY and row.get(_ARTICLE_KEY[table]) is not None:
        if table == "passage":
            touched.passages.add(row["id"])
            touched.placed.add(row["id"])
        touched.articles.add(row[_ARTICLE_KEY[table]])
    else:
        touched.everything = True  # a table this module does not know: assume the worst


def _on_execute(state: ORMExecuteState) -> None:
    """Statements run through the session: rows given to an insert, or the articles an
    update or delete names in its WHERE clause; everything when it names none."""
    statement = state.statement
    if not isinstance(statement, Insert | Update | Delete):
        return
    table = statement.table
    if not isinstance(table, Table) or table.name in QUIET_TABLES:
        return
    touched = _touched(state.session)
    if table.name in PROJECT_TABLES:
        touched.codebook = True
        return
    key = _ARTICLE_KEY.get(table.name)
    if key is None:
        touched.everything = True
        return
    if isinstance(statement, Insert):
        ids = _inserted(state.parameters, key)
    else:
        ids = _named(statement.whereclause, key)
    if ids is None:
        touched.everything = True
    else:
        touched.articles.update(ids)


def _inserted(parameters: Any, key: str) -> set[int] | None:
    rows = parameters if isinstance(parameters, Sequence) else [parameters or {}]
    values = [row.get(key) for row in rows if isinstance(row, dict)]
    if not values or any(value is None for value in values):
        return None
    return {int(value) for value in values if value is not None}


def _named(clause: ColumnElement[Any] | None, key: str) -> set[int] | None:
    """The article ids a WHERE clause restricts to (`key == x` or `key IN (...)`, alone or in
    an AND), or None when it does not restrict them."""
    if clause is None:
        return None
    terms: Iterable[ColumnElement[Any]] = (
        clause.clauses
        if isinstance(clause, BooleanClauseList) and clause.operator is operators.and_
        else [clause]
    )
    for term in terms:
        if not isinstance(term, BinaryExpression) or getattr(term.left, "key", None) != key:
            continue
        right = term.right
        if not isinstance(right, BindParameter) or right.effective_value is None:
            continue
        value: Any = right.effective_value
        if term.operator is operators.eq:
            return {int(value)}
        if term.operator is operators.in_op:
            return {int(item) for item in value}
    return None


def _write_entry(session: Session) -> None:
    """Before commit: flush what is pending, then log it, all in this transaction. A
    savepoint's release (also a "commit" to the session) waits for the transaction's own."""
    if session.in_nested_transaction():
        return
    session.flush()
    touched = session.info.pop(_TOUCHED, None)
    if not touched:
        return
    pending = _place_passages(session, touched)
    if pending:
        found = session.scalars(select(Passage.article_id).where(Passage.id.in_(pending)))
        touched.articles.update(found)
    broad = touched.everything or len(touched.articles) > BROAD
    row = {
        "at": utc_now(),
        "articles": "[]" if broad else json.dumps(sorted(touched.articles)),
        "passages": "[]" if broad else json.dumps(sorted(touched.passages)),
        "codebook": touched.codebook,
        "everything": broad,
    }
    session.info[_WRITTEN] = session.scalar(_insert_entry(session, row).returning(ChangeLog.id))


def _insert_entry(session: Session, row: dict[str, Any]) -> Insert:
    """The log's row; on PostgreSQL with the advisory lock taken first in the same
    statement (one round trip): the row is made from the lock's result, so its id is drawn
    from the sequence only once the lock is held."""
    if session.get_bind().dialect.name != "postgresql":
        return insert(ChangeLog).values(row)
    columns = ChangeLog.__table__.c
    locked = select(func.pg_advisory_xact_lock(_LOCK_KEY)).cte("locked")
    values = select(*(literal(value, columns[name].type) for name, value in row.items()))
    return insert(ChangeLog).from_select(list(row), values.select_from(locked))


def _place_passages(session: Session, touched: Touched) -> set[int]:
    """Passage codes name their passage: its article is taken from the session when loaded
    there; the passages not loaded are returned, to be looked up in one query."""
    pending = set()
    for passage_id in touched.unplaced - touched.placed:
        passage = session.identity_map.get(session.identity_key(Passage, passage_id))
        if passage is None:
            pending.add(passage_id)
        else:
            touched.articles.add(passage.article_id)
    return pending


def prune(session: Session, now: datetime | None = None) -> None:
    """Forget rows older than `KEEP`: a reader polls every few seconds, and one that was away
    longer reads everything again (see `services.live`)."""
    cutoff = (now or datetime.now(UTC)) - KEEP
    old = ChangeLog.at < cutoff
    if session.scalar(select(ChangeLog.id).where(old).limit(1)) is not None:  # a read, no lock
        session.execute(delete(ChangeLog).where(old))
