"""A server that cannot be reached, or refuses, is one line; one that never answers is
given up on after the connect timeout instead of hanging the app."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url, text

from stancecoder.core.errors import ProjectBusyError, ProjectError
from stancecoder.db import engine as engine_module
from stancecoder.db.engine import CONNECT_TIMEOUT_S, create_project_engine, engine_url
from stancecoder.db.models import Setting
from stancecoder.services.project import Project, open_project

PG_ENV = "STANCECODER_TEST_DATABASE_URL"


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on the loopback that accepts connections and never says a word."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_never_answers_is_given_up_on_after_the_url_timeout(
    silent_server: int,
) -> None:
    url = f"postgresql://someone@127.0.0.1:{silent_server}/study?connect_timeout=2"
    started = time.monotonic()
    with pytest.raises(ProjectError) as caught:
        open_project(url)
    waited = time.monotonic() - started
    assert 1.5 < waited < 6
    message = str(caught.value)
    assert message.startswith(f"cannot open postgresql://someone@127.0.0.1:{silent_server}/")
    assert "timeout expired" in message and "connect_timeout=SECONDS" in message
    assert "\n" not in message and "sqlalche.me" not in message


def test_without_a_timeout_in_the_url_the_default_applies() -> None:
    url = make_url(engine_url("postgresql://someone@db.example.org/study"))
    assert url.query["connect_timeout"] == str(CONNECT_TIMEOUT_S) == "10"
    kept = make_url(engine_url("postgresql://someone@db.example.org/study?connect_timeout=3"))
    assert kept.query["connect_timeout"] == "3"


@pytest.mark.postgres
def test_the_default_timeout_reaches_the_connection(postgres_url: str) -> None:
    """What the driver was really given, read back from a live connection."""
    engine = create_project_engine(postgres_url)
    with engine.connect() as connection:
        parameters = connection.connection.dbapi_connection.info.get_parameters()
    engine.dispose()
    assert parameters["connect_timeout"] == "10"


def test_a_refused_connection_is_one_line() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ProjectError) as caught:
        open_project(f"postgresql://someone@127.0.0.1:{port}/study")
    message = str(caught.value)
    assert "Connection refused" in message
    assert "\n" not in message and "sqlalche.me" not in message and "psycopg" not in message


@pytest.mark.postgres
def test_a_wrong_database_name_is_the_servers_message_in_one_line(postgres_url: str) -> None:
    wrong = make_url(postgres_url).set(database="no_such_stancecoder_db")
    with pytest.raises(ProjectError) as caught:
        open_project(wrong.render_as_string(hide_password=False))
    message = str(caught.value)
    assert 'database "no_such_stancecoder_db" does not exist' in message
    assert "\n" not in message and "sqlalche.me" not in message and "psycopg" not in message


def _connection_lost(project: Project) -> None:
    """The server ends the project's pooled connection, as a restart would."""
    with project.reading() as session:
        pid = session.scalar(text("SELECT pg_backend_pid()"))
    admin = create_engine(engine_url(str(project.store.target)), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("project_location", ["postgres"], indirect=True)
def test_a_connection_lost_while_idle_is_replaced_unnoticed(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "PING_AFTER_S", 0.0)
    _connection_lost(project)
    with project.transaction() as session:
        session.add(Setting(key="note", value="written"))
    with project.brief() as session:
        assert session.get(Setting, "note") is not None


@pytest.mark.postgres
@pytest.mark.parametrize("project_location", ["postgres"], indirect=True)
def test_a_connection_lost_just_after_use_fails_one_action_that_may_pass(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not checked before every use (a round trip each): the action that finds it dead
    fails as a lost server does, nothing written, and the next one has a new connection."""
    monkeypatch.setattr(engine_module, "PING_AFTER_S", 3600.0)
    _connection_lost(project)
    with pytest.raises(ProjectBusyError), project.transaction() as session:
        session.add(Setting(key="note", value="written"))
    with project.transaction() as session:
        assert session.get(Setting, "note") is None
        session.add(Setting(key="note", value="written"))
    with project.brief() as session:
        assert session.get(Setting, "note") is not None
