"""On a PostgreSQL server the window's look is answered from the change log's notices: a
write by another process or another login is seen without a query, nothing costs nothing,
a lost listening connection falls back to reading the log and listens again later. The
statements each look runs are counted on the project's engine; the listening connection
is not the engine's."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text

from stancecoder.core.actor import Actor
from stancecoder.core.changes import Changes
from stancecoder.db import change_listener
from stancecoder.db.change_listener import APPLICATION
from stancecoder.db.change_notice import PAYLOAD_LIMIT, TRIGGER
from stancecoder.db.engine import engine_url
from stancecoder.db.models import ChangeLog
from stancecoder.services.articles import list_articles
from stancecoder.services.commands import CreatePassage, SetStatus
from stancecoder.services.corpus import import_corpus
from stancecoder.services.live import Seen, changes_since, newest_change
from stancecoder.services.project import Project, open_project
from stancecoder.services.team_server import add_server_coder, init_server

pytestmark = pytest.mark.postgres
ON_SERVER = pytest.mark.parametrize("project_location", ["postgres"], indirect=True)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REPO = Path(__file__).resolve().parents[2]


class Statements:
    """The statements a project's engine runs while counted."""

    def __init__(self, project: Project) -> None:
        self.count = 0
        event.listen(project.store.engine, "before_cursor_execute", self._ran)

    def _ran(self, *_args: object) -> None:
        self.count += 1

    def look(self, project: Project, after: int) -> tuple[Seen, int]:
        """A look and the statements it ran."""
        before = self.count
        seen = changes_since(project, after)
        return seen, self.count - before


@pytest.fixture
def other(seeded: Project) -> Iterator[Project]:
    """The same project opened again, as another process would: its own engine and log."""
    project = open_project(seeded.store.target)
    yield project
    project.close()


@ON_SERVER
def test_a_write_elsewhere_is_heard_and_nothing_costs_no_statement(
    seeded: Project, other: Project
) -> None:
    statements = Statements(seeded)
    last = newest_change(seeded)
    seen, ran = statements.look(seeded, last)
    assert (seen.changes, seen.last, ran) == (None, last, 0)

    article = list_articles(other)[0].id
    _, made = CreatePassage(article, "Alice", 0, 7).apply(other)
    seen, ran = statements.look(seeded, last)
    assert seen.changes == Changes(articles={article}, passages=made.passages)
    assert seen.last > last and ran == 0
    seen, ran = statements.look(seeded, seen.last)
    assert (seen.changes, ran) == (None, 0)


@ON_SERVER
def test_own_writes_are_left_out_without_a_statement(seeded: Project, other: Project) -> None:
    statements = Statements(seeded)
    last = newest_change(seeded)
    article = list_articles(seeded)[0].id
    earlier = set(seeded.store.own_changes)
    CreatePassage(article, "Alice", 0, 7).apply(seeded)
    mine = seeded.store.own_changes - earlier
    SetStatus(article, "Alice", "done").apply(other)
    seen, ran = statements.look(seeded, last)
    assert seen.changes == Changes(articles={article}) and ran == 0
    assert mine and not mine & seeded.store.own_changes  # heard, and so forgotten


@ON_SERVER
def test_a_look_from_elsewhere_than_the_last_reads_the_log(seeded: Project, other: Project) -> None:
    """The notices answer only the look that follows the one before; any other reads."""
    statements = Statements(seeded)
    first = newest_change(seeded)
    article = list_articles(other)[0].id
    SetStatus(article, "Alice", "done").apply(other)
    second = changes_since(seeded, first).last
    seen, ran = statements.look(seeded, first)
    assert seen == Seen(Changes(articles={article}), second) and ran == 1


@ON_SERVER
def test_a_row_too_long_for_a_notice_is_read_from_the_log(seeded: Project, other: Project) -> None:
    statements = Statements(seeded)
    last = newest_change(seeded)
    many = set(range(1, PAYLOAD_LIMIT // 4))
    with other.transaction() as session:
        session.add(ChangeLog(articles=str(sorted(many)), passages="[]"))
    seen, ran = statements.look(seeded, last)
    assert seen.changes == Changes(articles=many) and ran == 1
    seen, ran = statements.look(seeded, seen.last)
    assert (seen.changes, ran) == (None, 0)


def _listeners(url: str) -> list[int]:
    admin = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        found = connection.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                 "AND application_name = :listener"),
            {"listener": APPLICATION},
        ).scalars().all()  # fmt: skip
    admin.dispose()
    return list(found)


def _terminate(url: str, pid: int) -> None:
    admin = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})
    admin.dispose()


@ON_SERVER
def test_a_lost_listener_falls_back_to_the_log_and_listens_again_later(
    seeded: Project, other: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = str(seeded.store.target)
    statements = Statements(seeded)
    last = newest_change(seeded)
    (listener,) = _listeners(url)  # only the watching project listens
    _terminate(url, listener)
    article = list_articles(other)[0].id
    SetStatus(article, "Alice", "done").apply(other)  # announced to no one

    seen, ran = statements.look(seeded, last)
    assert seen.changes == Changes(articles={article}) and ran == 1
    assert seeded.store.listener is not None and not seeded.store.listener.listening
    seen, ran = statements.look(seeded, seen.last)  # not tried again yet: reads
    assert (seen.changes, ran) == (None, 1)

    monkeypatch.setattr(change_listener, "RETRY_S", 0.0)  # the retry is due
    seen, ran = statements.look(seeded, seen.last)
    assert (seen.changes, ran) == (None, 1)  # listening again from this read on
    assert seeded.store.listener.listening and _listeners(url) != [listener]
    SetStatus(article, "Alice", "todo").apply(other)
    seen, ran = statements.look(seeded, seen.last)
    assert seen.changes == Changes(articles={article}) and ran == 0


@ON_SERVER
def test_the_log_is_read_once_a_minute_whatever_was_heard(
    seeded: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements = Statements(seeded)
    last = newest_change(seeded)
    assert statements.look(seeded, last) == (Seen(None, last), 0)
    monkeypatch.setattr(change_listener, "CHECK_S", 0.0)
    assert statements.look(seeded, last) == (Seen(None, last), 1)


@ON_SERVER
def test_without_the_trigger_every_look_reads_the_log(
    seeded: Project, other: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An administrator dropped the trigger: nothing would be announced, so nothing is
    listened for, and every look reads the log as it did before the notices."""
    with other.transaction() as session:
        session.execute(text(f"DROP TRIGGER {TRIGGER} ON change_log"))
    statements = Statements(seeded)
    last = newest_change(seeded)
    assert seeded.store.listener is not None and not seeded.store.listener.listening
    article = list_articles(other)[0].id
    SetStatus(article, "Alice", "done").apply(other)
    seen, ran = statements.look(seeded, last)
    assert seen.changes == Changes(articles={article}) and ran == 1
    assert statements.look(seeded, seen.last) == (Seen(None, seen.last), 1)


@ON_SERVER
def test_a_write_by_another_process_is_heard(seeded: Project) -> None:
    """The other process's commit is announced a moment after it returns: the window sees
    it at one of its next looks, without a statement."""
    statements = Statements(seeded)
    last = newest_change(seeded)
    article = list_articles(seeded)[0].id
    script = (
        "import sys\n"
        "from stancecoder.services.commands import SetStatus\n"
        "from stancecoder.services.project import open_project\n"
        "with open_project(sys.argv[1]) as project:\n"
        "    SetStatus(int(sys.argv[2]), 'Alice', 'done').apply(project)\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(seeded.store.target), str(article)],
        check=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    heard: list[tuple[Seen, int]] = []
    for _ in range(100):  # a look every 0.1 s, as the window's every 2 s, until it is heard
        seen, ran = statements.look(seeded, last)
        heard.append((seen, ran))
        if seen.changes is not None:
            break
        time.sleep(0.1)
    assert heard[-1][0].changes == Changes(articles={article})
    assert all(ran == 0 for _, ran in heard)
    assert statements.look(seeded, heard[-1][0].last)[0].changes is None


@pytest.fixture
def team(scratch_server: Any) -> Iterator[dict[str, str]]:
    """A team project: Alice codes with a coder's login, Lee leads with a lead's."""
    url = scratch_server.database()
    alice, lee = scratch_server.role("alice"), scratch_server.role("lee")
    init_server(url, name="Team study")
    with open_project(url) as project:
        import_corpus(project, [SEEDS])
        add_server_coder(url, "Alice", alice, "coder", None)
        add_server_coder(url, "Lee", lee, "lead", None)
    yield {
        "alice": scratch_server.as_role(url, alice),
        "lee": scratch_server.as_role(url, lee),
    }


def test_team_logins_listen_and_their_writes_are_announced(team: dict[str, str]) -> None:
    with open_project(team["alice"]) as alice, open_project(team["lee"]) as lee:
        assert alice.actor == Actor("Alice") and lee.actor == Actor("Lee", lead=True)
        watching = {"alice": Statements(alice), "lee": Statements(lee)}
        last = {"alice": newest_change(alice), "lee": newest_change(lee)}
        article = list_articles(alice)[0].id
        SetStatus(article, "Alice", "done").apply(alice)
        seen, ran = watching["lee"].look(lee, last["lee"])
        assert seen.changes == Changes(articles={article}) and ran == 0
        SetStatus(article, "Lee", "done").apply(lee)
        seen, ran = watching["alice"].look(alice, last["alice"])
        assert seen.changes == Changes(articles={article}) and ran == 0
        assert alice.store.listener is not None and alice.store.listener.listening
