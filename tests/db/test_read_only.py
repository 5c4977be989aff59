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

from stancecoder.services.coders import add_coder
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import create_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
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
