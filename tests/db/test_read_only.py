"""A project this user cannot write opens read-only: reading and exporting work, writes
say why in one line, and nothing is written beside it.

The tests run as root, who may write any file; the commands here run in a real process
that has lost root's capabilities to override file permissions, so the kernel enforces
the mode bits on it as on any other user.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url

from stancecoder.core.errors import ProjectError
from stancecoder.db.engine import engine_url
from stancecoder.services.check import check_project
from stancecoder.services.coders import add_coder, list_coders
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import create_project, open_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PG_ENV = "STANCECODER_TEST_DATABASE_URL"
READ_ONLY = stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH

Run = Callable[..., subprocess.CompletedProcess[str]]


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a coded project; made writable again afterwards for the clean-up."""
    folder = tmp_path / "shared"
    folder.mkdir()
    with create_project(folder / "study.stance") as project:
        import_corpus(project, [SEEDS])
        add_coder(project, "Alice")
    yield folder
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)


def listing(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_project_that_cannot_be_written_is_read_and_exported_but_not_changed(
    stancecoder_cli: Run, plain_user: Callable[[], None], folder: Path, tmp_path: Path, what: str
) -> None:
    project = folder / "study.stance"
    if what == "folder":
        folder.chmod(READ_ONLY)
    else:
        project.chmod(0o444)
    before, content = listing(folder), project.read_bytes()

    info = stancecoder_cli("info", project, preexec=plain_user)
    check = stancecoder_cli("check", project, preexec=plain_user)
    export = stancecoder_cli("export", project, tmp_path / "out.xlsx", preexec=plain_user)
    add = stancecoder_cli("coders", "add", project, "Bob", preexec=plain_user)
    imported = stancecoder_cli("import", project, SEEDS, preexec=plain_user)

    assert info.returncode == 0 and "Alice" in info.stdout, info.stderr
    assert check.returncode == 0 and "no problems" in check.stdout, check.stderr
    assert export.returncode == 0 and (tmp_path / "out.xlsx").stat().st_size > 0, export.stderr
    assert add.returncode == 1
    reason = "its folder" if what == "folder" else "you cannot write to"
    assert one_line(add).startswith("stancecoder: error: this project is open read-only: ")
    assert reason in one_line(add)
    assert imported.returncode == 1 and "open read-only" in one_line(imported)
    assert listing(folder) == before  # no -wal, -shm or backup left beside it
    assert project.read_bytes() == content


def test_without_dropping_the_override_root_would_write(stancecoder_cli: Run, folder: Path) -> None:
    """The check the tests above rely on: as plain root, the same folder is writable."""
    folder.chmod(READ_ONLY)
    assert stancecoder_cli("coders", "add", folder / "study.stance", "Bob").returncode == 0


def test_an_old_schema_that_cannot_be_written_is_refused_in_one_line(
    stancecoder_cli: Run,
    plain_user: Callable[[], None],
    project_at: Callable[[str | Path, str], None],
    tmp_path: Path,
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    project = folder / "old.stance"
    project_at(project, "0002")
    folder.chmod(READ_ONLY)
    content = project.read_bytes()
    try:
        result = stancecoder_cli("info", project, preexec=plain_user)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    line = one_line(result)
    assert "needs its schema upgraded (0002 to" in line and "its folder" in line
    assert "damaged" not in line
    assert project.read_bytes() == content
    assert sorted(os.listdir(folder)) == ["old.stance"]


@pytest.fixture
def reader_url(postgres_url: str) -> Iterator[str]:
    """The test database as seen by a role that may only read it; the role is dropped
    afterwards."""
    url = postgres_url
    role = f"stancecoder_reader_{os.getpid()}"
    admin = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    with create_project(url) as project:
        import_corpus(project, [SEEDS])
        add_coder(project, "Alice")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {role}")
        connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    try:
        yield make_url(url).set(username=role, password=None).render_as_string(False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP OWNED BY {role}")
            connection.exec_driver_sql(f"DROP ROLE {role}")
        admin.dispose()


@pytest.mark.postgres
def test_a_role_that_may_only_read_opens_the_project_read_only(reader_url: str) -> None:
    with open_project(reader_url) as project:
        assert project.read_only is not None and "may only read it" in project.read_only
        assert [c.name for c in list_coders(project)] == ["Alice"]
        assert check_project(project) == []
        with pytest.raises(ProjectError) as caught:
            add_coder(project, "Bob")
    message = str(caught.value)
    assert message.startswith("this project is open read-only: the role stancecoder_reader_")
    assert "\n" not in message


def test_a_reader_sees_what_a_writer_beside_it_commits(
    stancecoder_cli: Run, plain_user: Callable[[], None], folder: Path
) -> None:
    """With a writer's -shm present the reader uses it (not an immutable snapshot), so a
    coding committed a moment ago, still only in the writer's log, is read."""
    project = folder / "study.stance"
    with open_project(project) as writer:
        add_coder(writer, "Bob")
        assert (folder / "study.stance-wal").stat().st_size > 0  # Bob is in the log only
        project.chmod(0o444)
        listed = stancecoder_cli("coders", "list", project, preexec=plain_user)
        added = stancecoder_cli("coders", "add", project, "Cleo", preexec=plain_user)
        project.chmod(0o644)
        assert [c.name for c in list_coders(writer)] == ["Alice", "Bob"]
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()[1:]] == ["Alice", "Bob"]
    assert added.returncode == 1 and "open read-only" in one_line(added)
