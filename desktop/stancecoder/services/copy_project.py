"""`stancecoder copy SRC DEST`: a whole project moved between a file and a team server.

Every table's rows go across as they are (ids, uids, history, samples, the change log), so
the copy is the same project: its identity too (see `project_identity`). The target must
be new: a file is written whole or not at all (`build_project_file`); on a server the
schema is made and the rows are copied in one transaction, and a copy that fails leaves
the database as empty as it was found. Each side's row counts are returned, and the copy
is checked as `stancecoder check` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, Table, inspect
from sqlalchemy.exc import DBAPIError

from stancecoder.core.errors import ProjectError
from stancecoder.db.copy_rows import copy_tables, row_counts
from stancecoder.db.engine import create_project_engine, display_name, is_server_url
from stancecoder.db.errors import database_reason
from stancecoder.db.migrate import prepare_schema
from stancecoder.db.models import Base
from stancecoder.db.store import Store
from stancecoder.db.token_search import drop_index
from stancecoder.services.check import check_project
from stancecoder.services.project import Project, normalise_target, open_project
from stancecoder.services.project_file import build_project_file


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    source_rows: dict[str, int]
    target_rows: dict[str, int]
    problems: list[str]
    """What `check` finds in the copy; empty when it is sound."""

    @property
    def equal(self) -> bool:
        return self.source_rows == self.target_rows


def copy_project(source: str | Path, target: str | Path) -> CopyReport:
    """Copy the project at `source` to the new project `target`."""
    target = normalise_target(target)
    with open_project(source) as original, original.reading() as session:
        connection = session.connection()
        source_rows = row_counts(connection)
        if is_server_url(target):
            _copy_to_server(connection, str(target))
        else:
            build_project_file(Path(target), lambda aside: _copy_to_file(connection, aside))
        name = original.location
    # opened without `open_project`, whose pruning of the change log would change the copy
    with Project(Store(target)) as copy:
        with copy.reading() as copied:
            target_rows = row_counts(copied.connection())
        return CopyReport(name, copy.location, source_rows, target_rows, check_project(copy))


def _copy_to_file(source: Connection, path: Path) -> None:
    prepare_schema(path, create=True)
    engine = create_project_engine(path)
    try:
        with engine.begin() as target:
            copy_tables(source, target)
    finally:
        engine.dispose()  # the file is renamed next: no connection may hold it


def _copy_to_server(source: Connection, url: str) -> None:
    """Refused by `prepare_schema` when the database holds a project or other tables."""
    prepare_schema(url, create=True)
    engine = create_project_engine(url)
    try:
        with engine.begin() as target:
            copy_tables(source, target)
    except BaseException as error:
        _drop_schema(engine)
        if isinstance(error, DBAPIError):
            raise ProjectError(
                f"Cannot copy to {display_name(url)}: {database_reason(error)}. Nothing was copied."
            ) from error
        raise
    finally:
        engine.dispose()


def _drop_schema(engine: Engine) -> None:
    """The tables `prepare_schema` made, dropped again after a failed copy: the search
    index's first, whose tables refer to the articles."""
    with engine.begin() as connection:
        drop_index(connection)
        Base.metadata.drop_all(connection)
        if inspect(connection).has_table("alembic_version"):
            Table("alembic_version", MetaData()).drop(connection)
