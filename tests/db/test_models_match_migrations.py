"""The ORM models and the migrations describe the same schema.

A new project is built by the migrations, while every query is written against the
models; a column added to one and forgotten in the other would pass every other test on
a database the migrations never touched. Alembic compares tables, columns, types,
nullability, indexes, unique and foreign keys, and here server defaults; it does not
compare check constraints (the one on statuses has its own test in test_status_column).
The search index's tables on SQLite are not models and are left out, as the migrations'
environment leaves them out."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from stancecoder.db.engine import create_project_engine
from stancecoder.db.migrate import prepare_schema
from stancecoder.db.models import Base
from stancecoder.db.text_search import outside_models


def test_a_migrated_database_has_the_schema_of_the_models(project_target: str | Path) -> None:
    prepare_schema(project_target, create=True)
    engine = create_project_engine(project_target)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(
                    connection,
                    opts={"compare_server_default": True, "include_name": outside_models},
                ),
                Base.metadata,
            )
    finally:
        engine.dispose()
    assert differences == []
