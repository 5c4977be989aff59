"""Text longer than its column is refused before it reaches the database, alike everywhere.

SQLite stores any length in a `VARCHAR(n)` column while PostgreSQL refuses it with a server
error that names neither the field nor the limit, so a project file could hold what the
same project on a team server cannot. Checking every flush against the `String(n)` lengths
of the models covers every write path at once (imports, coders, codebook, memos, settings)
and gives the user one line naming the field, on both databases.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Mapper, Session, UOWTransaction, sessionmaker

from stancecoder.core.errors import ValidationError


@cache
def string_limits(mapper: Mapper[Any]) -> tuple[tuple[str, str, int], ...]:
    """(attribute, name to show, length) of every column of `mapper` with a length."""
    table = mapper.local_table.description.replace("_", " ")
    return tuple(
        (prop.key, f"{table} {prop.key.replace('_', ' ')}", column.type.length)
        for prop in mapper.column_attrs
        for column in prop.columns
        if isinstance(column.type, String) and column.type.length is not None
    )


def check_lengths(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """Refuse the flush if a new or changed row holds a string longer than its column."""
    for instance in (*session.new, *session.dirty):
        state = inspect(instance)
        for key, name, length in string_limits(state.mapper):
            value = state.dict.get(key)
            if isinstance(value, str) and len(value) > length:
                raise ValidationError(f"{name} is longer than {length} characters")


def check_lengths_on_flush(sessions: sessionmaker[Session]) -> None:
    """Install the check on every session `sessions` makes."""
    event.listen(sessions, "before_flush", check_lengths)
