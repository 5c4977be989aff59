"""Every table of the project has its place in the team server's rules, so a table added
by a migration cannot be left open to every coder, or closed to all of them, by oversight."""

from __future__ import annotations

from stancecoder.db.models import Base
from stancecoder.db.team_policies import SEQUENCE_TABLES, TABLES, UNGUARDED
from stancecoder.db.token_search import TABLES as SEARCH_TABLES


def test_every_table_has_rules() -> None:
    tables = set(Base.metadata.tables) | set(SEARCH_TABLES) | {"alembic_version"}
    assert set(TABLES) | set(UNGUARDED) == tables


def test_coders_number_rows_only_in_tables_they_insert_into() -> None:
    for table in SEQUENCE_TABLES:
        assert "INSERT" in TABLES[table].coders
        assert "id" in Base.metadata.tables[table].columns
