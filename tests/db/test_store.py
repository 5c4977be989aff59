"""Which failures of a transaction pass (try again later) and which are final."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from stancecoder.core.errors import ProjectBusyError, ProjectError
from stancecoder.db.models import Setting
from stancecoder.services.project import Project, create_project

Lock = Callable[[Path], AbstractContextManager[None]]


def test_a_write_lock_held_elsewhere_is_a_passing_failure_and_nothing_is_written(
    tmp_path: Path, write_lock: Lock
) -> None:
    path = tmp_path / "locked.stance"
    with create_project(path) as project:
        refused = pytest.raises(ProjectBusyError, match="database is locked")
        with write_lock(path), refused, project.transaction() as session:
            session.add(Setting(key="note", value="written"))
        with project.transaction() as session:
            assert session.get(Setting, "note") is None
            session.add(Setting(key="note", value="written"))  # and once the lock is gone
        with project.transaction() as session:
            assert session.get(Setting, "note").value == "written"


def test_projects_opened_beside_a_write_lock_wait_its_shortened_timeout(
    tmp_path: Path, write_lock: Lock
) -> None:
    """The fixture's 0.2 s reaches every new connection (a default bound when the engine
    module loaded would keep the real 5 s and make each refused write wait that long)."""
    with create_project(tmp_path / "waiting.stance") as project, project.reading() as session:
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 200


def test_a_duplicate_row_is_a_final_refusal(project: Project) -> None:
    with project.transaction() as session:
        session.add(Setting(key="note", value="one"))
    with pytest.raises(ProjectError) as raised, project.transaction() as session:
        session.execute(text("INSERT INTO setting (key, value) VALUES ('note', 'two')"))
    assert not isinstance(raised.value, ProjectBusyError)


def test_a_missing_table_is_a_final_refusal_though_sqlite_calls_it_operational(
    project: Project,
) -> None:
    with pytest.raises(ProjectError) as raised, project.transaction() as session:
        session.execute(text("DELETE FROM no_such_table"))
    assert not isinstance(raised.value, ProjectBusyError)


@pytest.mark.postgres
@pytest.mark.parametrize("project_location", ["postgres"], indirect=True)
def test_a_brief_read_on_a_server_keeps_no_transaction_open(project: Project) -> None:
    """Each statement commits on its own (no BEGIN and COMMIT to wait for); a reading() is
    one transaction, as before."""
    with project.brief() as session:
        assert session.scalar(select(Setting.value).where(Setting.key == "name")) is not None
        assert _server_status(session) == TransactionStatus.IDLE
    with project.reading() as session:
        assert session.scalar(select(Setting.value).where(Setting.key == "name")) is not None
        assert _server_status(session) == TransactionStatus.INTRANS
    with project.transaction() as session:  # a connection given back leaves autocommit behind
        session.scalar(select(Setting.value).where(Setting.key == "name"))
        assert _server_status(session) == TransactionStatus.INTRANS


def _server_status(session: Session) -> TransactionStatus:
    return TransactionStatus(
        session.connection().connection.dbapi_connection.info.transaction_status
    )


def test_a_project_in_a_file_never_loads_the_server_driver(tmp_path: Path) -> None:
    """The change listener, which only a server needs, brings psycopg: a file's project
    opens and writes without it (it costs a window's start a tenth of a second)."""
    code = (
        "import sys\n"
        "from stancecoder.services.project import create_project\n"
        "from stancecoder.services.coders import add_coder\n"
        f"with create_project({str(tmp_path / 'study.stance')!r}) as project:\n"
        "    add_coder(project, 'Ann')\n"
        "print('psycopg' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "False\n"
