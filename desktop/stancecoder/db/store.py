"""A project's database once its schema is right: sessions, one transaction per action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from stancecoder.core.errors import ProjectError, ValidationError
from stancecoder.db.engine import create_project_engine, display_name
from stancecoder.db.limits import check_lengths_on_flush
from stancecoder.db.models import Setting


class Store:
    """Owns the engine; every user action runs in `transaction()` and commits whole."""

    def __init__(self, target: str | Path) -> None:
        self.target = target
        self.name = display_name(target)
        self.engine: Engine = create_project_engine(target)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        check_lengths_on_flush(self._sessions)

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
            raise ProjectError(f"the project database refused the change: {exc.orig}") from exc
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))
