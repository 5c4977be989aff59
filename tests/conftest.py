"""Fixtures shared by every test package: real project databases, never mocks.

Store tests run on a fresh SQLite file always, and on the PostgreSQL server named by
STANCECODER_TEST_DATABASE_URL whenever it is set (`.ci/run` creates one per run).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from stancecoder.db.engine import engine_url
from stancecoder.services.project import Project

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
PG_ENV = "STANCECODER_TEST_DATABASE_URL"


def reset_postgres(url: str) -> None:
    """An empty public schema, so each test starts from nothing, as with a new file."""
    engine = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def project_target(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a new project goes: a `.stance` file, or the test PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "test.stance"
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} to a database URL to run this")
    reset_postgres(url)
    return url


@pytest.fixture
def project(project_target: str | Path) -> Iterator:
    from stancecoder.services.project import create_project

    project = create_project(project_target)
    yield project
    project.close()


@pytest.fixture
def seeded(project: Project):
    """The sample corpus imported and one coder, Alice."""
    from stancecoder.services.coders import add_coder
    from stancecoder.services.corpus import import_corpus

    import_corpus(project, [SEEDS])
    add_coder(project, "Alice")
    return project
