"""Real processes on a full disk and under SIGKILL, during export and init.

Each failure ends in one line; the project stays sound and openable; the file that was at
the target before is either still there or replaced by a complete one; and once the next
start has run, nothing of the interrupted write is left: no part file beside the target,
no entry in the pending registry, nothing in the temp folder. The first kills are placed
(the moment the temporary file appears; just before init commits its schema or its
codebook), so that some certainly land in the middle of the work; the other kills' delays
come from a seeded generator, so a failure reproduces.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stancecoder.db.models import Variable
from stancecoder.services.check import check_project
from stancecoder.services.project import create_project, open_project

REPO = Path(__file__).resolve().parents[2]
TEMPORARY_SIBLING = re.compile(r"\..+\.[0-9a-f]{12}\.[a-z]+(-wal|-shm|-journal)?")
EXPORT_KILLS, INIT_KILLS = 10, 8


@pytest.fixture(scope="module")
def coded_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 articles and 2,000 passages: the export's sheet streams run to megabytes while
    the project's reads never spill to SQLite temp files, and an export takes long enough
    to be killed in the middle."""
    folder = tmp_path_factory.mktemp("coded")
    path = folder / "study.stance"
    command = [sys.executable, str(REPO / "bench" / "synthetic.py"), "project", str(path),
               "--articles", "200", "--passages", "2000"]  # fmt: skip
    env = {**os.environ, "XDG_STATE_HOME": str(folder / "state")}
    subprocess.run(command, check=True, capture_output=True, env=env)
    return path


def left_behind(user_state: Path, process_temp: Path, *folders: Path) -> list[Path]:
    """Everything of an unfinished write: temporary siblings in `folders`, pending entries,
    and anything at all in the processes' temp folder."""
    pending = user_state / "StanceCoder" / "pending"
    found = [p for f in folders for p in f.rglob("*") if TEMPORARY_SIBLING.fullmatch(p.name)]
    found += list(pending.iterdir()) if pending.exists() else []
    return found + list(process_temp.iterdir())


@dataclass(frozen=True)
class Kill:
    """One kill: `delay` seconds after the start, or, when `in_write`, after the target's
    temporary file first appears; or, with `before_commit`, just before the command commits
    a transaction that ran a statement this pattern matches."""

    in_write: bool = True
    delay: float = 0.0
    before_commit: str | None = None

    def __call__(
        self, kill_stancecoder, kill_stancecoder_at_commit, target: Path, *args: str | Path
    ) -> int:
        if self.before_commit is not None:
            return kill_stancecoder_at_commit(*args, statement=self.before_commit)
        once = (lambda: has_temporary_sibling(target)) if self.in_write else None
        return kill_stancecoder(*args, delay=self.delay, counting_from=once)


def seeded_kill(rng: random.Random, start_span: float, write_span: float) -> Kill:
    """Three kills in four land in the write (the part of a run that matters), the others
    in the start (the part that takes longest)."""
    in_write = rng.random() < 0.75
    return Kill(in_write, rng.uniform(0, write_span if in_write else start_span))


def one_at_a_time(
    run: Callable[[Kill, Path], int], kills: list[Kill], targets: list[Path]
) -> tuple[list[int], list[bool]]:
    """The placed kills one after the other, what each left looked at before the next
    start's sweep rightly removes it (run side by side, the other's start may come after
    the kill)."""
    statuses, left = [], []
    for kill, target in zip(kills, targets, strict=True):
        statuses.append(run(kill, target))
        left.append(has_temporary_sibling(target))
    return statuses, left


def spans(stancecoder_cli, target: Path, *args: str | Path) -> tuple[float, float]:
    """How long a whole run takes, and how long its temporary file is there (polled)."""
    seen: list[float] = []
    with ThreadPoolExecutor(1) as pool:
        began = time.monotonic()
        run = pool.submit(stancecoder_cli, *args)
        while not run.done():
            if has_temporary_sibling(target):
                seen.append(time.monotonic())
            time.sleep(0.002)
        assert run.result().returncode == 0
        ended = time.monotonic()
    assert seen, "the run never showed a temporary file"
    return ended - began, seen[-1] - seen[0]


def has_temporary_sibling(target: Path) -> bool:
    """Whether a write to `target` has its temporary file beside it."""
    return any(
        p.name.startswith(f".{target.name}.") and TEMPORARY_SIBLING.fullmatch(p.name)
        for p in target.parent.iterdir()
    )


def assert_sound(project_path: Path) -> None:
    with open_project(project_path) as project:
        assert check_project(project) == []
        with project.transaction() as session:
            assert session.scalar(select(func.count()).select_from(Variable)) > 0


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("out.csv", 300_000),  # fails in a row
        ("out.csv", 600_000),  # fails flushing the last rows on close
        ("out.xlsx", 100_000),  # fails in the first sheet's stream
        ("out.xlsx", 1_500_000),  # fails late in the Codings sheet's stream
    ],
)
def test_a_full_disk_during_export_is_one_line_and_changes_nothing(
    coded_project: Path,
    tmp_path: Path,
    stancecoder_cli,
    process_temp: Path,
    user_state: Path,
    name: str,
    limit: int,
) -> None:
    target = tmp_path / name
    target.write_bytes(b"the previous export")

    result = stancecoder_cli("export", coded_project, target, file_size_limit=limit)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"stancecoder: error: Cannot write {target}: File too large."
    ]
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert left_behind(user_state, process_temp, coded_project.parent) == []
    assert_sound(coded_project)


@pytest.mark.parametrize("limit", [8_192, 60_000, 150_000])
def test_a_full_disk_during_init_is_one_line_and_creates_nothing(
    tmp_path: Path, stancecoder_cli, process_temp: Path, user_state: Path, limit: int
) -> None:
    target = tmp_path / "study.stance"

    result = stancecoder_cli("init", target, file_size_limit=limit)

    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"stancecoder: error: Cannot create {target}: ")
    assert line.endswith("Nothing was created.")
    assert list(tmp_path.iterdir()) == []
    assert left_behind(user_state, process_temp, tmp_path) == []
    create_project(target).close()  # the name is free for the next try
    assert_sound(target)


def test_kills_during_export_leave_the_project_sound_and_nothing_behind(
    coded_project: Path,
    tmp_path: Path,
    kill_stancecoder,
    kill_stancecoder_at_commit,
    stancecoder_cli,
    process_temp: Path,
    user_state: Path,
) -> None:
    # Two exports run at a time, to a CSV and a workbook, so that each start's sweep meets
    # the other's write in progress, which it must leave alone.
    rng = random.Random(20261205)
    reference = tmp_path / "reference"
    reference.mkdir()
    timings = {
        suffix: spans(stancecoder_cli, full, "export", coded_project, full)
        for suffix, full in ((".csv", reference / "full.csv"), (".xlsx", reference / "full.xlsx"))
    }
    full_csv = (reference / "full.csv").read_bytes()
    xlsx_parts = sorted(zipfile.ZipFile(reference / "full.xlsx").namelist())

    def run(kill: Kill, target: Path) -> int:
        killers = (kill_stancecoder, kill_stancecoder_at_commit)
        return kill(*killers, target, "export", coded_project, target)

    out = tmp_path / "out"
    out.mkdir()
    targets = [out / "study.csv", out / "study.xlsx"]
    for target in targets:
        target.write_bytes(b"the previous export")
    outcomes: Counter[str] = Counter()
    with ThreadPoolExecutor(len(targets)) as pool:
        for round_ in range(EXPORT_KILLS // len(targets)):
            before = [target.read_bytes() for target in targets]
            # the first round's kills as their temporary files appear: mid-write for certain
            kills = [
                seeded_kill(rng, *timings[target.suffix]) if round_ else Kill()
                for target in targets
            ]
            if round_:
                statuses = list(pool.map(run, kills, targets))
                writing = list(map(has_temporary_sibling, targets))
            else:
                statuses, writing = one_at_a_time(run, kills, targets)
                assert statuses == [-signal.SIGKILL] * 2 and writing == [True, True]
            for status in statuses:
                assert status in (0, -signal.SIGKILL)  # never failed by the other's sweep
                outcomes["killed" if status else "finished"] += 1
            outcomes["killed mid-write"] += sum(writing)
            for target, old in zip(targets, before, strict=True):
                if target.read_bytes() != old:  # only ever replaced by a complete export
                    assert_complete(target, full_csv, xlsx_parts)
            assert_sound(coded_project)

    next_start = stancecoder_cli("check", coded_project)
    assert next_start.stdout == "ok: no problems found\n"
    assert left_behind(user_state, process_temp, out, coded_project.parent) == []
    assert outcomes["killed mid-write"] >= 3, outcomes  # the kills did reach the writing
    print(f"export kills: {dict(outcomes)}")


def assert_complete(target: Path, full_csv: bytes, xlsx_parts: list[str]) -> None:
    if target.suffix == ".csv":
        assert target.read_bytes() == full_csv
    else:
        with zipfile.ZipFile(target) as book:
            assert book.testzip() is None and sorted(book.namelist()) == xlsx_parts


def test_kills_during_init_leave_a_whole_project_or_none_and_nothing_behind(
    tmp_path: Path,
    stancecoder_cli,
    kill_stancecoder,
    kill_stancecoder_at_commit,
    process_temp: Path,
    user_state: Path,
) -> None:
    rng = random.Random(1205)
    reference = tmp_path / "reference.stance"
    start_span, write_span = spans(stancecoder_cli, reference, "init", reference)
    # the first two kills just before the schema and the codebook are committed
    placed = [Kill(before_commit=r"INSERT INTO alembic_version\b"),
              Kill(before_commit=r"INSERT INTO code\b")]  # fmt: skip

    def run(kill: Kill, target: Path) -> int:
        return kill(kill_stancecoder, kill_stancecoder_at_commit, target, "init", target)

    outcomes: Counter[str] = Counter()
    targets = [tmp_path / f"study {kill}.stance" for kill in range(INIT_KILLS)]
    with ThreadPoolExecutor(2) as pool:
        for pair in zip(targets[::2], targets[1::2], strict=True):
            kills = (
                placed
                if pair[0] == targets[0]
                else [seeded_kill(rng, start_span, write_span) for _ in pair]
            )
            if kills is placed:
                statuses, building = one_at_a_time(run, kills, pair)
                assert statuses == [-signal.SIGKILL] * 2 and building == [True, True]
            else:
                statuses = list(pool.map(run, kills, pair))
                building = list(map(has_temporary_sibling, pair))
            for status in statuses:
                assert status in (0, -signal.SIGKILL)
                outcomes["killed" if status else "finished"] += 1
            outcomes["killed while building"] += sum(building)
            for target in pair:
                if target.exists():
                    outcomes["whole project"] += 1
                else:
                    outcomes["no project"] += 1
                    create_project(target).close()  # nothing stands in the way of a new init
                assert_sound(target)

    assert stancecoder_cli("check", reference).returncode == 0  # the next start
    assert left_behind(user_state, process_temp, tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [reference.name, *(target.name for target in targets)]
    )
    assert outcomes["killed while building"] >= 3, outcomes
    print(f"init kills: {dict(outcomes)}")
