"""Rows written straight through the database driver, for building the synthetic project:
at 1,000,000 passages SQLAlchemy's per-row work (parameter processing, the project's own
check of every statement's text for NUL characters) took longer than the database itself.

The generated rows hold no NUL and fit their columns, so the checks the application needs
for what users write are not needed here. Values still go through each column type's
own conversion (SQLite keeps times as text in SQLAlchemy's format), so the project reads
back as if SQLAlchemy had written it. PostgreSQL gets `COPY`, its bulk path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table

Row = tuple[Any, ...]


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: list[Row]
) -> None:
    """Insert `rows` (values in the order of `columns`) into `table` inside the connection's
    transaction."""
    if not rows:
        return
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    cursor = connection.connection.cursor()
    try:
        if connection.dialect.name == "postgresql":
            with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        converters = _converters(connection, table, columns)
        if converters:
            rows = [_converted(row, converters) for row in rows]
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", rows)
    finally:
        cursor.close()


def _converters(
    connection: Connection, table: Table, columns: Sequence[str]
) -> dict[int, Callable[[Any], Any]]:
    """The column types' conversions to what the driver stores, by position; none for most."""
    dialect = connection.dialect
    found = {}
    for position, name in enumerate(columns):
        convert = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            found[position] = convert
    return found


def _converted(row: Row, converters: dict[int, Callable[[Any], Any]]) -> Row:
    values = list(row)
    for position, convert in converters.items():
        values[position] = convert(values[position])
    return tuple(values)
