"""The backup made before an upgrade: a whole project under its final name, or nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from stancecoder.db.backup import backup_sqlite
from stancecoder.db.migrate import SCHEMA_REVISION
from stancecoder.services.project import create_project, open_project


def test_a_backup_is_a_whole_project_with_nothing_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "study.stance"
    create_project(path).close()
    backup = backup_sqlite(path, SCHEMA_REVISION)
    assert backup.name.startswith(f"study.stance.backup-{SCHEMA_REVISION}-")
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_REVISION,
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.stance", backup.name]


def test_half_written_backups_are_swept_when_the_project_is_next_opened(
    tmp_path: Path, project_at: Callable[[str | Path, str], None]
) -> None:
    path = tmp_path / "study.stance"
    project_at(path, "head")
    half = path.read_bytes()[: path.stat().st_size // 2]
    stale = [
        "study.stance.backup-0001-20261101-101010.partial",
        "study.stance.backup-0001-20261101-101010.partial-journal",
    ]
    kept = [
        "study.stance.backup-0001-20261101-090909",  # a whole backup is the user's
        "other.stance.backup-0001-20261101-101010.partial",  # another project's business
    ]
    for name in stale + kept:
        (tmp_path / name).write_bytes(half)

    open_project(path).close()

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["study.stance", *kept])


def test_a_backup_another_window_is_writing_is_left_alone(
    tmp_path: Path, project_at: Callable[[str | Path, str], None]
) -> None:
    path = tmp_path / "study.stance"
    project_at(path, "head")
    writing = tmp_path / "study.stance.backup-0001-20261101-101010.partial"
    with closing(sqlite3.connect(writing, isolation_level=None)) as other:
        other.execute("PRAGMA journal_mode = OFF")
        other.execute("BEGIN EXCLUSIVE")  # as SQLite's backup holds its copy
        other.execute("CREATE TABLE t (x)")
        open_project(path).close()
        assert writing.exists()
        other.execute("COMMIT")
    open_project(path).close()
    assert not writing.exists()
