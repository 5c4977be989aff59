"""Rows of a project's tables moved as they are, ids and uids kept, between two databases.

Used to copy a whole project (SQLite <-> PostgreSQL) and to pack part of one into a coder's
file. The rows go table by table in dependency order, and within `code`, whose codes name
their parent code, parents first, so foreign keys hold at every insert on either database.
Times are moved as UTC: SQLite keeps them without a zone and a server gives them in its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, DateTime, Table, func, select, text

from stancecoder.db.models import Base

Row = dict[str, Any]
Filter = Callable[[Table], ColumnElement[bool] | None]
BATCH = 1000  # rows per INSERT: big enough to be quick, small enough for any driver's limits


def project_tables() -> list[Table]:
    """Every table of a project, each after the tables it refers to."""
    return list(Base.metadata.sorted_tables)


def read_rows(
    connection: Connection, table: Table, where: ColumnElement[bool] | None = None
) -> list[Row]:
    """The table's rows (those `where` keeps), in primary key order, times in UTC."""
    query = select(table).order_by(*table.primary_key.columns)
    if where is not None:
        query = query.where(where)
    times = [c.name for c in table.columns if isinstance(c.type, DateTime)]
    rows = []
    for row in connection.execute(query).mappings():
        values = dict(row)
        for name in times:
            values[name] = as_utc(values[name])
        rows.append(values)
    return rows


def write_rows(connection: Connection, table: Table, rows: Iterable[Row]) -> int:
    """Insert the rows as they are, ids included; returns how many."""
    ordered = list(_parents_first(table, list(rows)))
    for start in range(0, len(ordered), BATCH):
        connection.execute(table.insert(), ordered[start : start + BATCH])
    return len(ordered)


def copy_tables(
    source: Connection,
    target: Connection,
    keep: Filter = lambda _table: None,
) -> dict[str, int]:
    """Every project table's rows that `keep` lets through, from `source` to `target`;
    returns the rows written per table."""
    written = {}
    for table in project_tables():
        written[table.name] = write_rows(target, table, read_rows(source, table, keep(table)))
    if target.dialect.name == "postgresql":
        reset_sequences(target)
    return written


def reset_sequences(connection: Connection) -> None:
    """A server's id sequences past the largest id copied, so the next row gets a new one."""
    for table in project_tables():
        if "id" not in table.columns or len(table.primary_key.columns) != 1:
            continue
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
        )
        if sequence is None:
            continue
        highest = connection.scalar(select(func.max(table.c.id)))
        connection.execute(
            text("SELECT setval(CAST(:sequence AS regclass), :value, :called)"),
            {"sequence": sequence, "value": highest or 1, "called": highest is not None},
        )


def row_counts(connection: Connection) -> dict[str, int]:
    """Rows per project table."""
    return {
        table.name: connection.scalar(select(func.count()).select_from(table)) or 0
        for table in project_tables()
    }


def as_utc(value: Any) -> Any:
    """A time as one database gives it (SQLite without a zone, meaning UTC; a server in
    its own zone) in UTC; anything else as it is."""
    if not isinstance(value, datetime):
        return value
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _parents_first(table: Table, rows: list[Row]) -> Iterator[Row]:
    """Rows of a table that refers to itself ordered so a row's parent comes before it."""
    own = [fk for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        yield from rows
        return
    column, key = own[0].parent.name, own[0].column.name
    ids = {row[key] for row in rows}
    children: dict[Any, list[Row]] = {}
    queue: deque[Row] = deque()
    for row in rows:
        parent = row[column]
        if parent is None or parent not in ids:
            queue.append(row)
        else:
            children.setdefault(parent, []).append(row)
    while queue:
        row = queue.popleft()
        yield row
        queue.extend(children.pop(row[key], []))
    for rest in children.values():  # a cycle: written as found, for the database to refuse
        yield from rest
