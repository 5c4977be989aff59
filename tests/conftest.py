"""Fixtures shared by every test package: real project databases, never mocks.

Store tests run on a fresh SQLite file always, and on the PostgreSQL server named by
STANCECODER_TEST_DATABASE_URL whenever it is set (`.ci/run` creates one per run).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine

from stancecoder.db.engine import engine_url
from stancecoder.services.project import Project

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
PG_ENV = "STANCECODER_TEST_DATABASE_URL"

# Fuzz tests stay a few seconds in the suite; `pytest --hypothesis-profile=thorough` runs
# them long by hand.
settings.register_profile(
    "quick", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("quick")


def reset_postgres(url: str) -> None:
    """An empty public schema, so each test starts from nothing, as with a new file."""
    engine = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def project_target(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a new project goes: a `.stance` file, or the test PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "test.stance"
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} to a database URL to run this")
    reset_postgres(url)
    return url


@pytest.fixture
def project(project_target: str | Path) -> Iterator:
    from stancecoder.services.project import create_project

    project = create_project(project_target)
    yield project
    project.close()


@pytest.fixture
def seeded(project: Project):
    """The sample corpus imported and one coder, Alice."""
    from stancecoder.services.coders import add_coder
    from stancecoder.services.corpus import import_corpus

    import_corpus(project, [SEEDS])
    add_coder(project, "Alice")
    return project


def stancecoder_command(*args: str | Path) -> list[str]:
    """The `stancecoder` command line run by this Python, as a user would run it."""
    return [sys.executable, "-m", "stancecoder", *map(str, args)]


def run_stancecoder(
    *args: str | Path, file_size_limit: int | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the command in a real process; `file_size_limit` (bytes, RLIMIT_FSIZE) makes any
    write beyond it fail with EFBIG as a full disk would, without touching the real disk."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        stancecoder_command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )


def kill_stancecoder_after(*args: str | Path, delay: float, timeout: float = 120) -> int:
    """Start the command and SIGKILL it after `delay` seconds (if it is still running);
    returns its exit status (negative: killed by that signal)."""
    process = subprocess.Popen(
        stancecoder_command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=timeout)


# Test modules cannot import this file under --import-mode=importlib: they take the two
# process helpers as fixtures.
@pytest.fixture
def stancecoder_run() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`run_stancecoder`: the command in a real process, optionally with a file-size limit."""
    return run_stancecoder


@pytest.fixture
def stancecoder_kill() -> Callable[..., int]:
    """`kill_stancecoder_after`: the command in a real process, SIGKILLed after a delay."""
    return kill_stancecoder_after
