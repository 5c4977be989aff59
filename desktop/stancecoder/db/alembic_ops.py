"""Alembic's side of migrations: the revisions shipped in the package and running them.

Kept apart from `migrate` because importing Alembic takes a tenth of a second, and an
up-to-date project (every open but the first after an update) never needs it.
"""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from stancecoder.core.errors import ProjectError
from stancecoder.db.errors import database_reason


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("stancecoder.db") / "migrations"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def run_migrations(engine: Engine, revision: str) -> None:
    """Upgrade (or downgrade, for tests) in one transaction; refuse broken references.

    Any failure rolls the whole transaction back and is raised as a `ProjectError` with
    the database's reason in one line."""
    try:
        _run(engine, revision)
    except (SQLAlchemyError, CommandError) as exc:
        raise ProjectError(database_reason(exc)) from exc


def _run(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        if revision.startswith("-") or _is_older(connection, revision):
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ProjectError(
                    f"migration would leave {len(broken)} broken references "
                    f"(first: table {broken[0][0]})"
                )


def _is_older(connection: Connection, revision: str) -> bool:
    current = current_revision(connection)
    if current is None or revision == "head":
        return False
    script = ScriptDirectory.from_config(alembic_config())
    ancestors = {rev.revision for rev in script.iterate_revisions(current, "base")}
    return revision in ancestors and revision != current
