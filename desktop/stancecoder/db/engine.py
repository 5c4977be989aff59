"""Connections to a project: one SQLite file, or a PostgreSQL server shared by a team.

SQLite gets the pragmas that make one transaction per user action safe and fast (WAL,
synchronous=NORMAL, foreign keys, a busy timeout for a second window on the same file).
Python's sqlite3 module would commit DDL outside our transactions and never wraps reads,
so transactions are begun explicitly, as SQLAlchemy's documentation recommends.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from stancecoder.core.errors import ProjectError

PROJECT_SUFFIX = ".stance"
BUSY_TIMEOUT_MS = 5000


def is_server_url(target: str | Path) -> bool:
    """A PostgreSQL URL rather than a project file path."""
    return isinstance(target, str) and target.startswith(("postgresql:", "postgresql+"))


def engine_url(target: str | Path) -> str:
    if is_server_url(target):
        url = make_url(str(target))
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    return f"sqlite:///{Path(target)}"


def display_name(target: str | Path) -> str:
    """How to name a project to a user: file path, or server URL without the password."""
    if is_server_url(target):
        return make_url(str(target)).render_as_string(hide_password=True)
    return str(Path(target))


def create_project_engine(target: str | Path, *, foreign_keys: bool = True) -> Engine:
    """An engine for a project; `foreign_keys=False` only for migrations (see DESIGN.md)."""
    if is_server_url(target):
        try:
            return create_engine(engine_url(target), pool_pre_ping=True)
        except Exception as exc:  # malformed URL, missing driver
            raise ProjectError(f"cannot use database URL {display_name(target)}: {exc}") from exc
    engine = create_engine(engine_url(target))
    _configure_sqlite(engine, foreign_keys=foreign_keys)
    return engine


def _configure_sqlite(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")
