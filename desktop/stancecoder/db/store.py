"""A project's database once its schema is right: sessions, one transaction per action.

A project file this user cannot write is opened read-only: reading and exporting work,
and a write fails as one `ProjectError` that says so, whichever action attempted it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from stancecoder.core.actor import Actor
from stancecoder.core.errors import NotYoursError, ProjectBusyError, ProjectError, ValidationError
from stancecoder.db.access import read_only_message, server_write_refusal, write_refusal
from stancecoder.db.change_log import record_changes
from stancecoder.db.engine import (
    WRITE_OPTION,
    create_project_engine,
    display_name,
    is_server_url,
)
from stancecoder.db.errors import database_reason, is_privilege_refusal, is_read_only_refusal
from stancecoder.db.limits import check_lengths_on_flush, refuse_nul_parameters
from stancecoder.db.models import Setting

if TYPE_CHECKING:
    from stancecoder.db.change_listener import ChangeListener

ACTOR_KEY = "stancecoder.actor"
GLANCE_WAIT_MS = 50  # how long a look waits for a lock on SQLite
WRITE_ATTEMPTS = 3  # a whole write re-run when SQLite's lock stayed taken past the timeout

T = TypeVar("T")


class Store:
    """Owns the engine; every user action runs in one transaction and commits whole:
    `transaction()` for one that writes, `reading()` for one that only reads."""

    def __init__(self, target: str | Path) -> None:
        self.target = target
        self.name = display_name(target)
        server = is_server_url(target)
        self.read_only: str | None = None if server else write_refusal(Path(target))
        """Why this project cannot be written, or None when it can."""
        self.engine: Engine = create_project_engine(target, read_only=self.read_only is not None)
        if server:
            self.read_only = server_write_refusal(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        check_lengths_on_flush(self._sessions)
        refuse_nul_parameters(self.engine)
        self.own_changes: set[int] = set()
        """The change log rows this process committed, not to be announced back to it."""
        self.listener: ChangeListener | None = None
        """On a server, what tells a window of others' writes without asking it each time."""
        logged: Callable[[int], None] | None = None
        if server:  # imported here: it brings psycopg, which a project in a file never needs
            from stancecoder.db.change_listener import ChangeListener, written_here

            self.listener = ChangeListener(self.engine)
            logged = partial(written_here, self.engine.url)
        record_changes(self._sessions, self.own_changes.add, logged)
        self.actor: Actor | None = None
        """Who acts through this project; every session carries it (see `acting`)."""
        self._glance_engine: Engine | None = None  # made by the first `glance`
        self._glances = sessionmaker()

    def transaction(self) -> AbstractContextManager[Session]:
        """A write: commit on success; roll back everything on any error. On SQLite it takes
        the write lock as it begins (`BEGIN IMMEDIATE`), so a second writer waits its turn
        for up to the busy timeout instead of being refused at its first change."""
        return self._unit(self._sessions, write=self.read_only is None)

    def reading(self) -> AbstractContextManager[Session]:
        """A read: begins deferred, so in WAL mode it never waits for a writer."""
        return self._unit(self._sessions, write=False)

    def retrying(self, work: Callable[[Session], T]) -> T:
        """`work` in a write transaction, re-run whole a bounded number of times while
        another writer holds SQLite's lock past the busy timeout: only for work that reads
        everything it needs inside the transaction and so can safely run again."""
        for _ in range(WRITE_ATTEMPTS - 1):
            try:
                with self.transaction() as session:
                    return work(session)
            except ProjectBusyError as exc:
                if not _lock_taken(exc.__cause__):
                    raise
        with self.transaction() as session:
            return work(session)

    def brief(self) -> AbstractContextManager[Session]:
        """A read of a few small statements that the window makes after each action (the
        article shown, its passages after a change): on a server each statement commits on
        its own, with no `BEGIN` and `COMMIT`, two round trips fewer. It sees what it would
        see in a transaction, since in the server's READ COMMITTED every statement of one
        sees the latest commits anyway; on SQLite it is `reading()`, one snapshot. Not for a
        read that streams its rows (`yield_per`): the server's cursors need a transaction."""
        if self.engine.dialect.name == "sqlite":
            return self.reading()
        return self._unit(self._sessions, autocommit=True)

    def glance(self) -> AbstractContextManager[Session]:
        """A read that gives up at once on a locked SQLite file instead of waiting up to the
        busy timeout: for a look taken every few seconds on the event loop, where waiting
        would freeze the window. It has a connection of its own with a short busy timeout
        (its opening pragmas must not wait either); a server's reads never wait for writers,
        and a look there is `brief()`."""
        if self.engine.dialect.name != "sqlite":
            return self.brief()
        if self._glance_engine is None:
            self._glance_engine = create_project_engine(
                self.target, read_only=self.read_only is not None, busy_timeout_ms=GLANCE_WAIT_MS
            )
            self._glances = sessionmaker(self._glance_engine)
        return self._unit(self._glances)

    @contextmanager
    def _unit(
        self, sessions: sessionmaker[Session], *, write: bool = False, autocommit: bool = False
    ) -> Iterator[Session]:
        session = sessions()
        session.info[ACTOR_KEY] = self.actor
        try:
            with session.begin():
                if write and self.engine.dialect.name == "sqlite":
                    session.connection(execution_options={WRITE_OPTION: True})
                if autocommit:
                    session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
                yield session
        except StaleDataError as exc:
            raise ValidationError(
                "someone else changed this coding in the meantime; refresh and try again"
            ) from exc
        except DBAPIError as exc:
            reason = database_reason(exc)
            if is_read_only_refusal(exc):
                if self.read_only is not None:  # opened read-only: it stays so
                    raise ProjectError(read_only_message(self.read_only)) from exc
                if is_server_url(self.target) and is_privilege_refusal(exc):
                    raise NotYoursError(
                        f"the server does not let this login make that change ({reason}); "
                        "nothing was changed"
                    ) from exc
                raise ProjectBusyError(read_only_message(reason)) from exc  # since opened
            if _passing(exc):
                raise ProjectBusyError(
                    f"the project cannot be written just now ({reason}); another program "
                    "may be using it, or it is read-only, full or out of reach"
                ) from exc
            raise ProjectError(f"the project database refused the change: {reason}") from exc
        finally:
            session.close()

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()
        self.engine.dispose()
        if self._glance_engine is not None:
            self._glance_engine.dispose()


# SQLite's failures that come from the file's surroundings, not from the change itself.
_SQLITE_PASSING = {
    sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL,
}  # fmt: skip


def _passing(exc: DBAPIError) -> bool:
    """A failure that trying again later can cure: a lock, a read-only or full disk, a lost
    server. SQLite also reports a missing table as an operational error, so its error code
    decides; a server's operational errors (connection, deadlock, serialization) all pass."""
    if exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError):
        return False
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return code is None or code & 0xFF in _SQLITE_PASSING


def _lock_taken(exc: BaseException | None) -> bool:
    """SQLite said busy: another connection held the lock for the whole busy timeout."""
    code = getattr(getattr(exc, "orig", None), "sqlite_errorcode", None)
    return code is not None and code & 0xFF in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def acting(session: Session) -> Actor | None:
    """Who acts in this session's transaction: None for the command line or a script."""
    actor: Actor | None = session.info.get(ACTOR_KEY)
    return actor


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))
