"""The command line's outputs: never onto the project or a read-only file, one line each."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from stancecoder.cli import main
from stancecoder.services.check import check_project
from stancecoder.services.project import open_project


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


def files(folder: Path) -> dict[str, bytes]:
    """The folder's files but SQLite's own journal files, which come and go with reading."""
    return {
        p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))
    }


def test_init_refuses_a_name_an_export_could_take(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "init", tmp_path / "data.csv")
    assert code == 1
    assert err == (
        "stancecoder: invalid: data.csv is named like a CSV file, which an export or another "
        "program could overwrite; name the project data.stance instead\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{project}", "{project}"],
        ["agreement", "{project}", "--out", "{project}"],
        ["export", "{project}", "{tmp}/read-only.xlsx"],
        ["codebook", "export", "{project}", "{tmp}/read-only.yaml"],
        ["agreement", "{project}", "--out", "{tmp}/read-only.html"],
    ],
)
def test_an_output_onto_the_project_or_a_read_only_file_is_one_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # The case: a project called data.xlsx (older versions made one from
    # `init data.xlsx`) exported to its own name became "not an SQLite database".
    assert main(["init", str(tmp_path / "data.stance")]) == 0
    project = (tmp_path / "data.stance").rename(tmp_path / "data.xlsx")
    for name in ("read-only.xlsx", "read-only.yaml", "read-only.html"):
        (tmp_path / name).write_text("the previous output", encoding="utf-8")
        (tmp_path / name).chmod(stat.S_IRUSR)
    capsys.readouterr()
    before = files(tmp_path)

    code, err = run(capsys, *(a.format(project=project, tmp=tmp_path) for a in command))

    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("stancecoder: error: Cannot write ")
    assert "it is the project itself" in line or "it is read-only" in line
    assert files(tmp_path) == before
    with open_project(project) as reopened:
        assert check_project(reopened) == []
