"""Connections to a project: one SQLite file, or a PostgreSQL server shared by a team.

A server gets a connect timeout (a `connect_timeout` in the URL wins): without one, a
server that accepts the connection and never answers would keep the user waiting for
minutes. SQLite gets the pragmas that make one transaction per user action safe and
fast (WAL, synchronous=NORMAL, foreign keys, a busy timeout for a second window on the
same file).
Python's sqlite3 module would commit DDL outside our transactions and never wraps reads,
so transactions are begun explicitly, as SQLAlchemy's documentation recommends. A write
begins IMMEDIATE: it takes the write lock up front, where the busy timeout applies, rather
than on its first change, where SQLite refuses at once to avoid a deadlock. A file the
user cannot write is opened read-only (see `stancecoder.db.access`).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from stancecoder.core.errors import ProjectError
from stancecoder.db.errors import not_an_address

PROJECT_SUFFIX = ".stance"
BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 10
WRITE_OPTION = "stancecoder_write"
"""The execution option that makes an SQLite transaction begin IMMEDIATE (see `Store`)."""


def is_server_url(target: str | Path) -> bool:
    """A PostgreSQL URL rather than a project file path."""
    return isinstance(target, str) and target.startswith(("postgresql:", "postgresql+"))


def engine_url(target: str | Path) -> str:
    if is_server_url(target):
        url = make_url(str(target))
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        if "connect_timeout" not in url.query:
            url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
        return url.render_as_string(hide_password=False)
    return f"sqlite:///{Path(target)}"


def display_name(target: str | Path) -> str:
    """How to name a project to a user: file path, or server URL without the password."""
    if is_server_url(target):
        try:
            return make_url(str(target)).render_as_string(hide_password=True)
        except (ArgumentError, ValueError):  # a URL too malformed to parse: hide by hand
            return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", str(target))
    return str(Path(target))


def sqlite_uri(path: Path, **parameters: str) -> str:
    """An SQLite URI for `path` (any character in a file name survives) with parameters."""
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"file:{quote(str(path.absolute()))}" + (f"?{query}" if query else "")


def read_only_parameters(path: Path) -> dict[str, str]:
    """How to open a project read-only without writing anything beside it.

    In WAL mode even a reader needs the `-shm` index: when a writer has one open it is
    used (and the reader sees the writer's commits); without one, a reader that cannot
    create it must treat the file as immutable, and then sees it as it was when opened."""
    if path.with_name(f"{path.name}-shm").exists():
        return {"mode": "ro"}
    return {"mode": "ro", "immutable": "1"}


def create_project_engine(
    target: str | Path,
    *,
    foreign_keys: bool = True,
    read_only: bool = False,
    busy_timeout_ms: int | None = None,
) -> Engine:
    """An engine for a project; `foreign_keys=False` only for migrations (see db/migrate.py);
    `read_only` opens a project file so that neither it nor its folder is written;
    `busy_timeout_ms` is how long SQLite waits for another connection's lock (by default
    `BUSY_TIMEOUT_MS`, read as each connection opens, so that a test can shorten it)."""
    if is_server_url(target):
        try:
            return create_engine(engine_url(target), pool_pre_ping=True)
        except Exception as exc:  # malformed URL, missing driver
            raise ProjectError(
                f"cannot use database URL {display_name(target)}: {exc}",
                plain=not_an_address(display_name(target)),
            ) from exc
    if read_only:
        path = Path(target)
        database = sqlite_uri(path, **read_only_parameters(path))
        engine = create_engine(URL.create("sqlite", database=database, query={"uri": "true"}))
    else:
        engine = create_engine(engine_url(target))
    _configure_sqlite(engine, foreign_keys=foreign_keys, wal=not read_only, busy=busy_timeout_ms)
    return engine


def _configure_sqlite(engine: Engine, *, foreign_keys: bool, wal: bool, busy: int | None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS if busy is None else busy}")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writing = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
