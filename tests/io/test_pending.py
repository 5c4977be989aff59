"""The registry of pending outputs: what a killed write leaves is removed at the next start,
and nothing else ever is."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from stancecoder.core.errors import StanceCoderError
from stancecoder.io.atomic_files import atomic_output, publish_new
from stancecoder.io.pending import pending_folder, sweep_abandoned, temporary_sibling, tracked

KILLED_WRITER = r"""
import os, signal, sys
from pathlib import Path
from stancecoder.io.pending import temporary_sibling, tracked

target = Path(sys.argv[1])
part = temporary_sibling(target)
with tracked([part]) as scratch:
    part.write_bytes(b"half an export")
    (scratch / "sheet1.xml").write_text("<rows>")
    print(part, scratch, sep="\n", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def killed_writer(target: Path) -> tuple[Path, Path]:
    """A real process that records a part file and a scratch folder, fills both and is
    killed before it can clean up; returns what it left."""
    result = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(target)], capture_output=True, text=True
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    part, scratch = result.stdout.splitlines()
    return Path(part), Path(scratch)


def this_host() -> str:
    """The machine part of an entry's name, as the registry writes it."""
    with tracked() as entry:
        return entry.name.rsplit("-", 3)[0]


def dead_pid() -> str:
    """The pid of a real process that has ended."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return ended.stdout.strip()


def test_the_registry_lives_in_the_state_folder_the_tests_give(user_state: Path) -> None:
    assert pending_folder() == user_state / "StanceCoder" / "pending"


def test_a_write_that_ends_leaves_no_entry_and_no_part_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with atomic_output(target) as temporary:
        assert [p.name for p in tmp_path.iterdir()] == [temporary.name]
        assert len(list(pending_folder().iterdir())) == 1
        temporary.write_text("done", encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    assert list(pending_folder().iterdir()) == []


def test_what_a_killed_write_left_is_swept_at_the_next_start(tmp_path: Path) -> None:
    (tmp_path / "out.csv").write_text("the previous export", encoding="utf-8")
    part, scratch = killed_writer(tmp_path / "out.csv")
    assert part.exists() and (scratch / "sheet1.xml").exists()

    removed = sweep_abandoned()

    assert part in removed and scratch in removed
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "the previous export"
    assert list(pending_folder().iterdir()) == []


def test_the_writes_of_a_running_process_are_left_alone(tmp_path: Path) -> None:
    part = temporary_sibling(tmp_path / "out.csv")
    with tracked([part]) as scratch:
        part.write_bytes(b"being written")
        assert sweep_abandoned() == []
        assert part.exists() and scratch.exists()
    assert not part.exists() and not scratch.exists()


def test_a_reused_pid_does_not_keep_a_dead_writers_leftovers(tmp_path: Path) -> None:
    # Our own pid is alive, but the entry says it was started at another time: the process
    # that wrote it is gone and the pid now belongs to someone else.
    if not Path(f"/proc/{os.getpid()}/stat").exists():
        pytest.skip("process start times are read from /proc")
    part = temporary_sibling(tmp_path / "out.xlsx")
    part.write_bytes(b"left by a process long gone")
    entry = pending_folder() / f"{this_host()}-{os.getpid()}-1-{'0' * 12}"
    entry.mkdir(parents=True)
    (entry / "paths.json").write_text(json.dumps([str(part)]), encoding="utf-8")

    assert sweep_abandoned() == [part, entry]
    assert not part.exists()


def test_a_sweep_never_deletes_a_file_that_is_not_a_temporary_sibling(tmp_path: Path) -> None:
    precious = tmp_path / "thesis.docx"
    precious.write_bytes(b"three years of work")
    dead = dead_pid()
    entry = pending_folder() / f"{this_host()}-{dead}-x-{'0' * 12}"
    entry.mkdir(parents=True)
    (entry / "paths.json").write_text(json.dumps([str(precious), str(tmp_path)]), "utf-8")

    sweep_abandoned()

    assert precious.read_bytes() == b"three years of work"
    assert not entry.exists()


def test_an_entry_killed_before_its_listing_was_written_is_removed(tmp_path: Path) -> None:
    dead = dead_pid()
    entry = pending_folder() / f"{this_host()}-{dead}-x-{'1' * 12}"
    entry.mkdir(parents=True)
    (entry / "paths.json.new").write_text('["/half', encoding="utf-8")

    assert sweep_abandoned() == [entry]
    assert list(pending_folder().iterdir()) == []


def test_an_unusable_registry_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, user_state: Path
) -> None:
    (user_state / "StanceCoder").write_text("a file where the folder should be")
    target = tmp_path / "out.csv"
    with (
        pytest.raises(StanceCoderError, match=r"Cannot note this write's temporary files"),
        atomic_output(target),
    ):
        pass
    assert list(tmp_path.iterdir()) == []
    assert sweep_abandoned() == []  # a start is not stopped by it either


def test_publishing_never_replaces_an_existing_file(tmp_path: Path) -> None:
    finished = tmp_path / ".study.stance.0123456789ab.new"
    finished.write_bytes(b"new project")
    target = tmp_path / "study.stance"
    target.write_bytes(b"someone else's project")

    with pytest.raises(FileExistsError):
        publish_new(finished, target)
    assert target.read_bytes() == b"someone else's project"

    target.unlink()
    publish_new(finished, target)
    assert target.read_bytes() == b"new project" and not finished.exists()


def test_the_entries_of_another_machine_sharing_the_home_folder_are_left_alone(
    tmp_path: Path,
) -> None:
    # Its pid means nothing here: the process may well be writing at this moment.
    part = temporary_sibling(tmp_path / "out.csv")
    part.write_bytes(b"being written on the other machine")
    entry = pending_folder() / f"other-lab-pc.example.org-{dead_pid()}-x-{'2' * 12}"
    entry.mkdir(parents=True)
    (entry / "paths.json").write_text(json.dumps([str(part)]), encoding="utf-8")

    assert sweep_abandoned() == []
    assert part.exists() and entry.exists()
