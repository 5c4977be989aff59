"""Text a team server cannot store is refused before it reaches the database, alike
everywhere: longer than its column, or holding a NUL character.

SQLite stores any length in a `VARCHAR(n)` column, and a NUL in any text, while PostgreSQL
refuses both with a server error that names no field, so a project file could hold what the
same project on a team server cannot. Checking every flush against the models' text columns
covers every write path at once (imports, coders, codebook, memos, settings) and gives the
user one line naming the field, on both databases.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Engine, String, event, inspect
from sqlalchemy.orm import Mapper, Session, UOWTransaction, sessionmaker

from stancecoder.core.errors import ValidationError


@cache
def string_limits(mapper: Mapper[Any]) -> tuple[tuple[str, str, int | None], ...]:
    """(attribute, name to show, length or None) of every text column of `mapper`."""
    table = mapper.local_table.description.replace("_", " ")
    return tuple(
        (prop.key, f"{table} {prop.key.replace('_', ' ')}", column.type.length)
        for prop in mapper.column_attrs
        for column in prop.columns
        if isinstance(column.type, String)
    )


def check_lengths(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """Refuse the flush if a new or changed row holds a string longer than its column, or
    one with a NUL character."""
    for instance in (*session.new, *session.dirty):
        state = inspect(instance)
        for key, name, length in string_limits(state.mapper):
            value = state.dict.get(key)
            if not isinstance(value, str):
                continue
            if length is not None and len(value) > length:
                raise ValidationError(f"{name} is longer than {length} characters")
            if "\x00" in value:
                raise ValidationError(
                    f"{name} holds a NUL character (code 0), which has no place in text"
                )


def check_lengths_on_flush(sessions: sessionmaker[Session]) -> None:
    """Install the check on every session `sessions` makes."""
    event.listen(sessions, "before_flush", check_lengths)


def refuse_nul_parameters(engine: Engine) -> None:
    """The same refusal for what no flush sees: a lookup by a name typed with a NUL, a bulk
    insert. PostgreSQL's driver would raise a DataError naming no field."""
    event.listen(engine, "before_cursor_execute", _refuse_nul)


def _refuse_nul(
    _connection: object,
    _cursor: object,
    _statement: str,
    parameters: object,
    _context: object,
    _executemany: bool,
) -> None:
    if any("\x00" in text for text in _texts(parameters)):
        raise ValidationError("text holding a NUL character (code 0) cannot be stored or looked up")


def _texts(parameters: object) -> Iterator[str]:
    """The strings among a statement's parameters, however the dialect nests them (one
    row, a list of rows, a mapping per row)."""
    pending = [parameters]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, Mapping):
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
