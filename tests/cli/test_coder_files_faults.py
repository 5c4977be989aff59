"""A full disk while a coder file is packed or merged, or a project copied to a file: one
line, nothing half made, the project as it was."""

from __future__ import annotations

import random
import shutil
import signal
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from stancecoder.core.actor import Actor
from stancecoder.db.copy_rows import row_counts
from stancecoder.services.coder_files.package import package_for_coder
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.codings_import import import_codings
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import create_project, open_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LIMIT = 48 * 1024  # bytes a file may grow to: well below a project's size
KILLS = 5


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


def test_kills_during_a_copy_leave_a_whole_copy_or_none_and_nothing_behind(
    tmp_path: Path, stancecoder_cli: Callable, kill_stancecoder: Callable,
    kill_stancecoder_at_commit: Callable, process_temp: Path, user_state: Path,
) -> None:  # fmt: skip
    """The first kill is placed just before the copy's rows are committed, in the middle of
    building it; of the others, half are timed from the start, half from the copy's
    temporary file appearing beside its target."""
    rng = random.Random(1206)
    project = home(tmp_path / "home.stance")
    codings = tmp_path / "codings.csv"  # 498 passages with long memos, in one transaction
    rows = [f"1,Alice,{start},{start + 3},-1,{'m' * 500}" for start in range(10, 2000, 4)]
    codings.write_text("\n".join(["article,coder,start,end,stance,memo", *rows]) + "\n")
    with open_project(project) as opened:
        assert import_codings(opened, codings).passages == 498
    began = time.monotonic()
    assert stancecoder_cli("copy", project, tmp_path / "whole.stance").returncode == 0
    whole_run = time.monotonic() - began
    expected = counts(tmp_path / "whole.stance")

    outcomes: Counter[str] = Counter()
    for kill in range(KILLS):
        target = tmp_path / f"copy {kill}.stance"
        building = (lambda t=target: beside(t) != []) if kill % 2 else None
        delay = rng.uniform(0, 0.2) if building else rng.uniform(0, whole_run)
        if kill == 0:
            status = kill_stancecoder_at_commit(
                "copy", project, target, statement=r"INSERT INTO passage\b"
            )
            assert status == -signal.SIGKILL and beside(target) != []
        else:
            status = kill_stancecoder("copy", project, target, delay=delay, counting_from=building)
        assert status in (0, -signal.SIGKILL)
        outcomes["killed while building" if beside(target) else "not building"] += 1
        if target.exists():
            outcomes["whole copy"] += 1
            assert counts(target) == expected
    assert stancecoder_cli("check", project).returncode == 0  # the next start sweeps
    pending = user_state / "StanceCoder" / "pending"
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert not (pending.exists() and list(pending.iterdir()))
    assert list(process_temp.iterdir()) == []
    assert outcomes["killed while building"] >= 1, outcomes
    print(f"copy kills: {dict(outcomes)}")


def beside(target: Path) -> list[Path]:
    """The temporary files of a project being built at `target`."""
    return [p for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.")]


def counts(path: Path) -> dict[str, int]:
    with open_project(path) as opened, opened.reading() as session:
        return row_counts(session.connection())
