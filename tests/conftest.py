"""Fixtures shared by every test package: real project databases, never mocks.

Store tests run on a fresh SQLite file always, and on the PostgreSQL server named by
STANCECODER_TEST_DATABASE_URL whenever it is set (`.ci/run` creates one per run).
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
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


@pytest.fixture(autouse=True)
def user_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state folder of the test's own, for the registry of pending outputs: no test, and
    no process a test starts, ever reads or sweeps the real user's."""
    folder = tmp_path_factory.mktemp("user state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


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


PR_CAPBSET_DROP = 24
WRITE_OVERRIDES = (1, 3)  # CAP_DAC_OVERRIDE, CAP_FOWNER


def without_write_override() -> None:
    """For `preexec`: the process keeps root's uid but loses the capabilities that let root
    write any file, so the kernel enforces mode bits on it as on any user. (Tests run as
    root; switching to `nobody` instead would lose access to this Python under /root.)"""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in WRITE_OVERRIDES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def run_stancecoder(
    *args: str | Path,
    file_size_limit: int | None = None,
    timeout: float = 120,
    preexec: Callable[[], None] | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command in a real process; `file_size_limit` (bytes, RLIMIT_FSIZE) makes any
    write beyond it fail with EFBIG as a full disk would, without touching the real disk;
    `preexec` runs in the child before the command (e.g. `without_write_override`); `env`
    adds to the environment."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
        if preexec is not None:
            preexec()

    return subprocess.run(
        stancecoder_command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
        env={**os.environ, **env} if env else None,
    )


def kill_stancecoder_after(
    *args: str | Path,
    delay: float,
    timeout: float = 120,
    counting_from: Callable[[], bool] | None = None,
) -> int:
    """Start the command and SIGKILL it after `delay` seconds (if it is still running);
    returns its exit status (negative: killed by that signal). With `counting_from`, the
    delay starts once that condition holds (polled every 2 ms), e.g. once a file appears,
    so that kills land in one phase of the run whatever the machine's load."""
    process = subprocess.Popen(
        stancecoder_command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if counting_from is not None:
        while process.poll() is None and not counting_from():
            time.sleep(0.002)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=timeout)


class _CapHeader(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _CapData(ctypes.Structure):
    _fields_ = (
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    )


@contextmanager
def write_override_suspended() -> Iterator[None]:
    """In this process's thread: root's capabilities to write any file are taken out of
    the effective set (they stay permitted) for the block, then given back."""
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    saved = data[0].effective
    for capability in WRITE_OVERRIDES:
        data[0].effective &= ~(1 << capability)
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    try:
        yield
    finally:
        data[0].effective = saved
        libc.capset(ctypes.byref(header), data)


@pytest.fixture
def plain_user_here() -> Callable[[], AbstractContextManager[None]]:
    """`write_override_suspended` for test modules: `with plain_user_here(): ...`."""
    return write_override_suspended


@pytest.fixture
def stancecoder_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`run_stancecoder` for test modules, which `--import-mode=importlib` keeps from
    importing this file."""
    return run_stancecoder


@pytest.fixture
def stancecoder_argv() -> Callable[..., list[str]]:
    """`stancecoder_command` for test modules that run the process themselves."""
    return stancecoder_command


@pytest.fixture
def kill_stancecoder() -> Callable[..., int]:
    """`kill_stancecoder_after` for test modules."""
    return kill_stancecoder_after


@pytest.fixture
def plain_user() -> Callable[[], None]:
    """`without_write_override` for test modules: a `preexec` for `stancecoder_cli`."""
    return without_write_override


@pytest.fixture
def project_at() -> Callable[[str | Path, str], None]:
    """Makes a project whose schema stops at a given revision, as an older StanceCoder
    left it (`project_at(target, "0001")`)."""
    from stancecoder.db.alembic_ops import run_migrations
    from stancecoder.db.engine import create_project_engine

    def make(target: str | Path, revision: str) -> None:
        if not isinstance(target, str):
            sqlite3.connect(target).close()
        engine = create_project_engine(target, foreign_keys=False)
        run_migrations(engine, revision)
        engine.dispose()

    return make


@pytest.fixture
def process_temp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty temp folder (TMPDIR) for the processes a test starts, to see what they leave
    there."""
    folder = tmp_path_factory.mktemp("process temp")
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


_HOLD_WRITE_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


@contextmanager
def _write_lock(path: Path) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_WRITE_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.communicate("\n", timeout=30)


@pytest.fixture
def write_lock(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], AbstractContextManager[None]]:
    """`with write_lock(path):` another process holds the SQLite project's write lock, as
    another program would. Projects opened from here on wait 0.2 s for a lock, not 5 s."""
    from stancecoder.db import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    return _write_lock
