"""A migration that fails says why in one line and leaves the project as it was.

A full disk is simulated with RLIMIT_FSIZE in a real process (writes past the limit fail
with EFBIG, as on a full disk); a revision marker that does not match the tables is what a
project restored by hand, or edited, can carry.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from stancecoder.core.errors import ProjectError
from stancecoder.db.engine import create_project_engine
from stancecoder.db.migrate import SCHEMA_REVISION
from stancecoder.services.check import check_project
from stancecoder.services.coders import add_coder, list_coders
from stancecoder.services.project import create_project, open_project

Run = Callable[..., subprocess.CompletedProcess[str]]
MakeAt = Callable[[str | Path, str], None]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "sqlalche.me" not in lines[0] and "[SQL" not in lines[0]
    return lines[0]


def revision_of(target: str | Path) -> str:
    engine = create_project_engine(target)
    with engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return revision


def set_marker(target: str | Path, revision: str) -> None:
    engine = create_project_engine(target)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_a_marker_older_than_the_tables_fails_in_one_line_and_changes_nothing(
    project_target: str | Path, tmp_path: Path
) -> None:
    with create_project(project_target) as project:
        add_coder(project, "Ann")
    set_marker(project_target, "0001")  # the tables are already those of the newest schema
    before = digest(project_target) if isinstance(project_target, Path) else None

    with pytest.raises(ProjectError) as caught:
        open_project(project_target)

    message = str(caught.value)
    assert "\n" not in message and "sqlalche.me" not in message and "[SQL" not in message
    assert message.startswith("upgrading the schema of ") and " from 0001 failed: " in message
    assert "codebook_version" in message  # the database's own reason: the column exists
    assert message.endswith("the project was not changed")
    assert revision_of(project_target) == "0001"
    if before is not None:
        assert digest(project_target) == before
        assert not list(tmp_path.glob("*.backup-*"))  # the backup of an unchanged project
    set_marker(project_target, SCHEMA_REVISION)
    with open_project(project_target) as project:
        assert [c.name for c in list_coders(project)] == ["Ann"]


def test_the_command_line_says_it_in_one_line(
    stancecoder_cli: Run, project_at: MakeAt, tmp_path: Path
) -> None:
    project = tmp_path / "marked.stance"
    project_at(project, "head")
    set_marker(project, "0002")
    result = stancecoder_cli("info", project)
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith(f"stancecoder: error: upgrading the schema of {project} from 0002 ")
    assert "already exists" in line


def test_a_full_disk_during_the_backup_leaves_nothing_behind(
    stancecoder_cli: Run, project_at: MakeAt, tmp_path: Path
) -> None:
    project = tmp_path / "old.stance"
    project_at(project, "0001")
    before = digest(project)

    result = stancecoder_cli("info", project, file_size_limit=project.stat().st_size // 2)

    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith(f"stancecoder: error: cannot back up {project} before upgrading")
    assert "is the disk full?" in line and line.endswith("the project was not changed")
    assert digest(project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.stance"]
    assert revision_of(project) == "0001"


@pytest.mark.parametrize("share", [0.2, 0.6, 1.0, 1.05, 1.3])
def test_a_full_disk_at_any_point_of_an_upgrade_loses_nothing(
    stancecoder_cli: Run, project_at: MakeAt, tmp_path: Path, share: float
) -> None:
    """Wherever the disk fills (the backup, the upgrade's log, the checkpoint that copies
    it into the file), the command succeeds or says why in one line, and afterwards the
    project opens, is sound and still holds everything it held."""
    project = tmp_path / "old.stance"
    project_at(project, "0002")
    with closing(sqlite3.connect(project)) as connection, connection:
        connection.execute(
            "INSERT INTO coder (name, initials, role, active) VALUES ('Ann', 'A', 'coder', 1)"
        )
    limit = int(project.stat().st_size * share)

    result = stancecoder_cli("info", project, file_size_limit=limit)

    if result.returncode != 0:
        assert one_line(result).startswith("stancecoder: error: ")
    with open_project(project) as opened:
        assert check_project(opened) == []
        assert [c.name for c in list_coders(opened)] == ["Ann"]
    assert revision_of(project) == SCHEMA_REVISION
    leftovers = [p.name for p in tmp_path.iterdir() if ".backup-" not in p.name]
    assert leftovers == ["old.stance"]
    for backup in tmp_path.glob("old.stance.backup-*"):  # a backup is whole, or not there
        assert revision_of(backup) == "0002"


@pytest.mark.parametrize("limit", [8_192, 40_000, 100_000])
def test_a_full_disk_while_creating_the_schema_says_so_in_one_line(
    stancecoder_cli: Run, tmp_path: Path, limit: int
) -> None:
    result = stancecoder_cli("init", tmp_path / "new.stance", file_size_limit=limit)
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith("stancecoder: error: ")
    assert "is the disk full?" in line
