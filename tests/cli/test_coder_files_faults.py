"""A full disk while a coder file is packed or merged, or a project copied to a file: one
line, nothing half made, the project as it was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from stancecoder.core.actor import Actor
from stancecoder.services.coder_files.package import package_for_coder
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import create_project, open_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LIMIT = 48 * 1024  # bytes a file may grow to: well below a project's size


def home(path: Path) -> Path:
    with create_project(path) as project:
        import_corpus(project, [SEEDS])
        add_coder(project, "Alice")
        add_passage(project, 1, "Alice", 0, 7, {"stance": "+1"})
    return path


def one_line(result) -> bool:
    lines = result.stderr.strip().splitlines()
    return result.returncode == 1 and len(lines) == 1 and lines[0].startswith("stancecoder: ")


@pytest.mark.parametrize("command", ["package", "copy"])
def test_a_full_disk_leaves_no_file(
    tmp_path: Path, stancecoder_cli: Callable, command: str
) -> None:
    project = home(tmp_path / "home.stance")
    pristine = project.read_bytes()
    out = tmp_path / "out.stance"
    args = (project, "Alice", out) if command == "package" else (project, out)

    full = stancecoder_cli(command, *args, file_size_limit=LIMIT)

    assert one_line(full) and "Nothing was created" in full.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["home.stance"]
    assert project.read_bytes() == pristine
    assert stancecoder_cli(command, *args).returncode == 0


def test_a_full_disk_during_a_merge_merges_nothing(
    tmp_path: Path, stancecoder_cli: Callable
) -> None:
    project = home(tmp_path / "home.stance")
    with open_project(project) as opened:
        package_for_coder(opened, "Alice", tmp_path / "alice.stance")
    with open_project(tmp_path / "alice.stance") as file:
        file.actor = Actor("Alice")
        for start in range(10, 400, 10):
            add_passage(file, 1, "Alice", start, start + 5, {"stance": "-1"}, memo="x" * 2000)
    pristine = tmp_path / "pristine.stance"
    shutil.copyfile(project, pristine)

    full = stancecoder_cli("merge", project, tmp_path / "alice.stance", file_size_limit=LIMIT)

    assert one_line(full) and "cannot be written just now" in full.stderr
    assert project.read_bytes() == pristine.read_bytes()
    merged = stancecoder_cli("merge", project, tmp_path / "alice.stance")
    assert merged.returncode == 0 and merged.stdout.startswith("added 39,")
