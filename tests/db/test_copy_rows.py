"""Rows moved as they are: a code written after its parent whatever their ids, times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from stancecoder.db.copy_rows import as_utc, read_rows, write_rows
from stancecoder.db.engine import create_project_engine
from stancecoder.db.migrate import prepare_schema
from stancecoder.db.models import Code, Variable
from stancecoder.services.project import create_project


def test_codes_whose_parents_have_higher_ids_are_written_parents_first(tmp_path: Path) -> None:
    create_project(tmp_path / "source.stance").close()
    source = create_project_engine(tmp_path / "source.stance")
    with source.connect() as connection:
        variables = read_rows(connection, Variable.__table__)
        codes = read_rows(connection, Code.__table__)
    source.dispose()
    top = max(row["id"] for row in codes) + 1
    flipped = [  # every child now has a lower id than its parent
        {**row, "id": top - row["id"], "parent_id": row["parent_id"] and top - row["parent_id"]}
        for row in codes
    ]
    assert any(row["parent_id"] and row["parent_id"] > row["id"] for row in flipped)

    prepare_schema(tmp_path / "target.stance", create=True)
    target = create_project_engine(tmp_path / "target.stance")  # foreign keys enforced
    with target.begin() as connection:
        write_rows(connection, Variable.__table__, variables)
        assert write_rows(connection, Code.__table__, list(reversed(flipped))) == len(codes)
    with target.connect() as connection:
        written = read_rows(connection, Code.__table__)
    target.dispose()
    assert sorted(written, key=lambda r: r["id"]) == sorted(flipped, key=lambda r: r["id"])


def test_times_are_moved_as_utc() -> None:
    naive = datetime(2026, 1, 2, 3, 4, 5)
    berlin = datetime(2026, 1, 2, 4, 4, 5, tzinfo=timezone(timedelta(hours=1)))
    assert as_utc(naive) == as_utc(berlin) == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert as_utc("text") == "text"
