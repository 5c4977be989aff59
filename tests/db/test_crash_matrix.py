"""Killed at any moment while it upgrades a project, StanceCoder loses nothing.

An old-schema project with thousands of coded passages is opened by `stancecoder info` in
a real process and SIGKILLed: the first kill is placed just before the upgrade commits,
every migration run; the others come at a seeded random moment, most timed from the
moment its backup file appears (some within 40 ms, to land in the copy itself), so that
they land in the backup, the upgrade or the checkpoint after it whatever the machine's
load; the rest from the start. Then the
project is opened again: it must open (migrating if the kill came first), `check` must
find nothing wrong, every committed row must be there, and nothing but the project and
whole backups may be left beside it.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from signal import SIGKILL

import pytest
from sqlalchemy import Engine, create_engine, text

from stancecoder.db.alembic_ops import run_migrations
from stancecoder.db.engine import create_project_engine, engine_url
from stancecoder.db.migrate import SCHEMA_REVISION
from stancecoder.services.check import check_project
from stancecoder.services.project import open_project

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from synthetic import build_project  # noqa: E402

KILLS_IN_UPGRADE = 8  # the first placed before the upgrade's commit
KILLS_IN_BACKUP = 4  # of those, timed to land while the backup is being copied
KILLS_FROM_START = 2
UPGRADE_COMMITS = r"UPDATE alembic_version\b"  # the last statement of the upgrade
SEED = 20261205
TABLES = ("article", "passage", "passage_code", "article_code", "coder", "code", "assignment")
OLD = "0001"


def counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def revision(path: Path) -> str:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def has_backup(folder: Path) -> Callable[[], bool]:
    return lambda: any(".backup-" in p.name for p in folder.iterdir())


@pytest.fixture(scope="module")
def old_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A coded project taken back to the first schema, and what it holds."""
    path = tmp_path_factory.mktemp("template") / "study.stance"
    build_project(path, articles=1000, coders=3, passages=10_000, seed=3).close()
    engine = create_project_engine(path, foreign_keys=False)
    run_migrations(engine, OLD)
    engine.dispose()
    return path, counts(path)


def calibrate(template: Path, folder: Path, argv: Callable[..., list[str]]) -> tuple[float, float]:
    """One whole run, watched: when its backup appears and when it is done."""
    folder.mkdir()
    shutil.copy(template, folder / "study.stance")
    started = time.monotonic()
    process = subprocess.Popen(argv("info", folder / "study.stance"), stdout=subprocess.DEVNULL)
    backup_appears = None
    while process.poll() is None:
        if backup_appears is None and has_backup(folder)():
            backup_appears = time.monotonic() - started
        time.sleep(0.002)
    assert process.returncode == 0 and backup_appears is not None
    return backup_appears, time.monotonic() - started


def state_after_kill(folder: Path) -> str:
    """What the kill left, looked at before anything opens the project again."""
    names = [p.name for p in folder.iterdir()]
    partial = any(".partial" in n for n in names)
    whole = any(".backup-" in n and ".partial" not in n for n in names)
    schema = "new" if revision(folder / "study.stance") == SCHEMA_REVISION else "old"
    return f"{schema} schema, " + (
        "half-written backup" if partial else "whole backup" if whole else "no backup"
    )


def test_kills_at_random_moments_of_an_upgrade_lose_nothing(
    old_project: tuple[Path, dict[str, int]],
    kill_stancecoder: Callable[..., int],
    kill_stancecoder_at_commit: Callable[..., int],
    stancecoder_argv: Callable[..., list[str]],
    tmp_path: Path,
) -> None:
    template, held = old_project
    backup_appears, whole_run = calibrate(template, tmp_path / "calibration", stancecoder_argv)
    rest = whole_run - backup_appears

    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for kill in range(KILLS_IN_UPGRADE + KILLS_FROM_START):
        folder = tmp_path / f"kill-{kill:02d}"
        folder.mkdir()
        project = folder / "study.stance"
        shutil.copy(template, project)
        if kill == 0:
            status = kill_stancecoder_at_commit("info", project, statement=UPGRADE_COMMITS)
            assert (status, state_after_kill(folder)) == (-SIGKILL, "old schema, whole backup")
        elif kill < KILLS_IN_UPGRADE:
            delay = rng.uniform(0, 0.04 if kill < KILLS_IN_BACKUP else rest * 1.1)
            status = kill_stancecoder(
                "info", project, delay=delay, counting_from=has_backup(folder)
            )
        else:
            status = kill_stancecoder("info", project, delay=rng.uniform(0.1, whole_run))
        outcomes[("killed" if status < 0 else "finished") + ": " + state_after_kill(folder)] += 1

        with open_project(project) as opened:
            assert check_project(opened) == [], kill
        left = sorted(p.name for p in folder.iterdir())  # before a reader adds its -shm
        assert revision(project) == SCHEMA_REVISION
        assert counts(project) == held, kill
        assert left[0] == "study.stance", left
        for backup in left[1:]:
            assert ".backup-" in backup and ".partial" not in backup, left
            assert revision(folder / backup) == OLD and counts(folder / backup) == held

    print(f"\nbackup appears at {backup_appears:.2f} s of a {whole_run:.2f} s run; after kills:")
    for outcome, times in sorted(outcomes.items()):
        print(f"  {times:2d} × {outcome}")
    killed = sum(times for outcome, times in outcomes.items() if outcome.startswith("killed"))
    assert killed >= (KILLS_IN_UPGRADE + KILLS_FROM_START) // 2


PG_ENV = "STANCECODER_TEST_DATABASE_URL"
PG_KILLS = 4


def pg_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES}


def pg_revision(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def pg_upgrade_running(engine: Engine) -> Callable[[], bool]:
    """True while another connection holds the exclusive lock of a schema change."""
    query = text(
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
        "WHERE d.datname = current_database() AND l.mode = 'AccessExclusiveLock' "
        "AND l.pid <> pg_backend_pid()"
    )

    def running() -> bool:
        with engine.connect() as connection:
            return bool(connection.execute(query).scalar())

    return running


@pytest.mark.postgres
def test_kills_during_an_upgrade_on_the_server_lose_nothing(
    kill_stancecoder: Callable[..., int],
    kill_stancecoder_at_commit: Callable[..., int],
    project_at: Callable[[str | Path, str], None],
    postgres_url: str,
) -> None:
    """The same on PostgreSQL, which rolls back the upgrade of a client that died."""
    url = postgres_url
    engine = create_engine(engine_url(url))
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    try:
        for kill in range(PG_KILLS):
            with engine.begin() as connection:
                connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
                connection.exec_driver_sql("CREATE SCHEMA public")
            project_at(url, "0001")
            with engine.begin() as connection:
                for name in ("Ann", "Ben", "Cleo"):
                    connection.execute(
                        text(
                            "INSERT INTO coder (name, initials, role, active) "
                            "VALUES (:n, '', 'coder', true)"
                        ),
                        {"n": name},
                    )
            held = pg_counts(engine)
            timed = "in the upgrade" if kill % 2 == 0 else "from the start"
            if kill == 0:  # placed: every migration run, none committed
                status = kill_stancecoder_at_commit("info", url, statement=UPGRADE_COMMITS)
                assert (status, pg_revision(engine)) == (-SIGKILL, "0001")
            elif kill % 2 == 0:
                status = kill_stancecoder(
                    "info",
                    url,
                    delay=rng.uniform(0, 0.05),
                    counting_from=pg_upgrade_running(engine),
                )
            else:
                status = kill_stancecoder("info", url, delay=rng.uniform(0.3, 1.5))
            schema = "new" if pg_revision(engine) == SCHEMA_REVISION else "old"
            ended = "killed" if status < 0 else "finished"
            outcomes[f"{timed}: {ended}, {schema} schema"] += 1

            with open_project(url) as opened:
                assert check_project(opened) == [], kill
            assert pg_revision(engine) == SCHEMA_REVISION
            assert pg_counts(engine) == held, kill
    finally:
        engine.dispose()
    print(f"\n{PG_KILLS} kills on the server: {dict(sorted(outcomes.items()))}")
