"""The history is append-only in the database itself: a script that goes round the app,
on a project file or the team server, can add rows but neither change nor delete one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError

from stancecoder.db.engine import engine_url
from stancecoder.db.models import History
from stancecoder.services.articles import list_articles
from stancecoder.services.codings import set_status
from stancecoder.services.project import Project

REFUSED = "append-only"


@pytest.mark.parametrize(
    "statement",
    ["UPDATE history SET actor = 'someone else'", "DELETE FROM history"],
)
def test_a_row_is_never_changed_nor_deleted(
    seeded: Project, project_target: str | Path, statement: str
) -> None:
    set_status(seeded, list_articles(seeded)[0].id, "Alice", "done")
    engine = create_engine(engine_url(project_target))
    try:
        with engine.connect() as connection:
            before = connection.execute(select(History.id, History.actor)).all()
            with pytest.raises(DBAPIError, match=REFUSED):
                connection.execute(text(statement))
            connection.rollback()
            assert connection.execute(select(History.id, History.actor)).all() == before
            connection.execute(
                History.__table__.insert().values(
                    at=datetime.now(UTC), actor="a script", action="note"
                )
            )
            connection.commit()
            assert len(connection.execute(select(History.id)).all()) == len(before) + 1
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("project_location", ["postgres"], indirect=True)
def test_the_server_refuses_to_empty_the_history(seeded: Project, project_target: str) -> None:
    engine = create_engine(engine_url(project_target))
    try:
        with engine.connect() as connection, pytest.raises(DBAPIError, match=REFUSED):
            connection.execute(text("TRUNCATE history"))
    finally:
        engine.dispose()
