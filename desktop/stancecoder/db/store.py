"""A project's database once its schema is right: sessions, one transaction per action.

A project file this user cannot write is opened read-only: reading and exporting work,
and a write fails as one `ProjectError` that says so, whichever action attempted it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from stancecoder.core.errors import ProjectError, ValidationError
from stancecoder.db.access import read_only_message, server_write_refusal, write_refusal
from stancecoder.db.engine import create_project_engine, display_name, is_server_url
from stancecoder.db.errors import database_reason, is_read_only_refusal
from stancecoder.db.models import Setting


class Store:
    """Owns the engine; every user action runs in `transaction()` and commits whole."""

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

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Commit on success; roll back everything on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except StaleDataError as exc:
            raise ValidationError(
                "someone else changed this coding in the meantime; refresh and try again"
            ) from exc
        except DBAPIError as exc:
            if is_read_only_refusal(exc):
                refusal = self.read_only or database_reason(exc)
                raise ProjectError(read_only_message(refusal)) from exc
            raise ProjectError(
                f"the project database refused the change: {database_reason(exc)}"
            ) from exc
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))
