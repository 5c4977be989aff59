"""The schema files in the top-level db/ folder describe what the migrations create."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancecoder.db.schema_sql import DIALECT_URLS, schema_file, schema_sql

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("dialect", sorted(DIALECT_URLS))
def test_checked_in_schema_matches_the_migrations(dialect: str) -> None:
    path = schema_file(REPO / "db", dialect)
    assert path.read_text(encoding="utf-8") == schema_sql(dialect), (
        f"{path.name} is out of date: run python -m stancecoder.db.schema_sql db/"
    )
