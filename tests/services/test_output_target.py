"""No output ever lands on the project, its journal files or backups, or a read-only file:
whichever service writes it, the target is refused and left as it was."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from stancecoder.core.errors import OutputError
from stancecoder.services.agreement.export import write_report
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.check import check_project
from stancecoder.services.codebook import export_codebook
from stancecoder.services.export import export
from stancecoder.services.output_target import check_output
from stancecoder.services.project import Project, create_project, open_project

Write = Callable[[Project, Path], object]
WRITERS: dict[str, tuple[Write, str]] = {
    "export xlsx": (lambda project, path: export(project, path), ".xlsx"),
    "export csv": (lambda project, path: export(project, path), ".csv"),
    "codebook": (export_codebook, ".yaml"),
    "agreement": (
        lambda project, path: write_report(project, project_agreement(project), path),
        ".html",
    ),
}


def legacy_project(folder: Path, name: str) -> Path:
    """A project under a name init now refuses, as older versions made them."""
    create_project(folder / "made.stance").close()
    return (folder / "made.stance").rename(folder / name)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_project_named_like_the_output_is_never_replaced_by_it(
    tmp_path: Path, writer: str
) -> None:
    write, suffix = WRITERS[writer]
    path = legacy_project(tmp_path, f"data{suffix}")
    with open_project(path) as project:
        before = path.read_bytes()
        with pytest.raises(OutputError, match="it is the project itself"):
            write(project, path)
        assert path.read_bytes() == before
        assert check_project(project) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"data{suffix}"]


@pytest.mark.parametrize("writer", WRITERS)
def test_the_project_under_another_name_is_refused(tmp_path: Path, writer: str) -> None:
    write, suffix = WRITERS[writer]
    path = tmp_path / "study.stance"
    with create_project(path) as project:
        os.link(path, tmp_path / f"hard link{suffix}")
        (tmp_path / f"symlink{suffix}").symlink_to(path)
        before = path.read_bytes()
        for alias in (tmp_path / f"hard link{suffix}", tmp_path / f"symlink{suffix}"):
            with pytest.raises(OutputError, match="it is the project itself"):
                write(project, alias)
        assert path.read_bytes() == before
        assert (tmp_path / f"symlink{suffix}").is_symlink()


def test_another_spelling_of_the_projects_path_is_refused(tmp_path: Path) -> None:
    path = legacy_project(tmp_path, "data.xlsx")
    (tmp_path / "sub").mkdir()
    with (
        open_project(path) as project,
        pytest.raises(OutputError, match="it is the project itself"),
    ):
        export(project, tmp_path / "sub" / ".." / "data.xlsx")


@pytest.mark.parametrize(
    ("ending", "what"),
    [
        ("-wal", "a journal file"),
        ("-shm", "a journal file"),
        ("-journal", "a journal file"),
        (".backup-0002-20240101-120000", "a backup"),
    ],
)
def test_the_projects_journal_files_and_backups_are_refused(
    tmp_path: Path, ending: str, what: str
) -> None:
    # Every writer checks its suffix first, so only a future name scheme could reach these;
    # the check refuses them by name whether or not the file exists at the moment.
    path = tmp_path / "study.stance"
    backup = tmp_path / "study.stance.backup-0002-20240101-120000"
    backup.write_bytes(b"a backup")
    with (
        create_project(path) as project,
        pytest.raises(OutputError, match=f"it is {what} of the project"),
    ):
        check_output(tmp_path / f"study.stance{ending}", project)


def test_a_copy_of_a_project_is_not_replaced_by_an_export(tmp_path: Path) -> None:
    path = tmp_path / "study.stance"
    with create_project(path) as project:
        copy = tmp_path / "study copy.csv"
        copy.write_bytes(path.read_bytes())
        with pytest.raises(OutputError, match="it is a database"):
            export(project, copy)
        assert copy.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("writer", WRITERS)
def test_a_read_only_file_is_refused_not_replaced(
    project_target: str | Path, tmp_path: Path, writer: str
) -> None:
    # The tests run as root, for whom os.access says every file is writable: the mode bits
    # alone must be enough to refuse.
    write, suffix = WRITERS[writer]
    target = tmp_path / f"out{suffix}"
    target.write_text("the previous output", encoding="utf-8")
    target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    with create_project(project_target) as project, pytest.raises(OutputError, match="read-only"):
        write(project, target)
    assert target.read_text(encoding="utf-8") == "the previous output"
    assert not list(tmp_path.glob(".*"))  # no temporary file was even started


def test_a_writable_file_is_replaced_as_before(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the previous output", encoding="utf-8")
    with create_project(tmp_path / "study.stance") as project:
        export(project, target)
    assert target.read_text(encoding="utf-8-sig").startswith("article")
