"""The team server's roles, enforced by the database: a coder's login is connected with
psycopg directly, below the app, and the server itself refuses what is not theirs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from stancecoder.core.actor import Actor
from stancecoder.core.errors import NotYoursError, ProjectError, ValidationError
from stancecoder.db.migrate import SCHEMA_REVISION
from stancecoder.db.models import Article, ChangeLog, Coder, Round, RoundArticle
from stancecoder.services.articles import matching_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.commands import CreatePassage, SetStatus
from stancecoder.services.corpus import import_corpus
from stancecoder.services.live import changes_since, newest_change
from stancecoder.services.passages import passages_of
from stancecoder.services.project import open_project
from stancecoder.services.search_index import index_waiting, waiting_for_index
from stancecoder.services.team_server import add_server_coder, check_server, init_server

pytestmark = pytest.mark.postgres

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CODES = {"actor": "Russia › Vladimir Putin", "topic": "Military cooperation", "stance": "+1"}


@dataclass
class Team:
    url: str
    alice: str  # Alice's login, a coder
    lee: str  # Lee's login, a lead
    password: str
    ids: dict[str, int]  # coders' ids by name
    open_article: int  # in an open round: coded blind
    free_article: int


@pytest.fixture(scope="module")
def team(scratch_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    """A project made by `server init`; Alice (coder) and Lee (lead) log in as roles of
    their own; Bob has no login. Alice and Bob each coded two articles, one in an open
    round."""
    url = scratch_server.database()
    alice, lee = scratch_server.role("alice"), scratch_server.role("lee")
    password = f"pw {scratch_server.suffix} ünïcode"
    init_server(url, name="Team study")
    with open_project(url) as project:
        import_corpus(project, [SEEDS])
        add_coder(project, "Bob")
        add_server_coder(url, "Alice", alice, "coder", password)
        add_server_coder(url, "Lee", lee, "lead", password)
        with project.transaction() as session:
            first, second = session.scalars(select(Article.id).order_by(Article.id).limit(2))
            ids = {c.name: c.id for c in session.scalars(select(Coder))}
            round_ = Round(name="training 1", seed=1)
            session.add(round_)
            session.flush()
            session.add(RoundArticle(round_id=round_.id, article_id=second))
        for coder in ("Alice", "Bob"):
            for article in (first, second):
                add_passage(project, article, coder, 0, 5, CODES, memo=f"{coder}'s")
                set_article_codes(project, article, coder, {"genre": "News report"})
    yield Team(url, alice, lee, password, ids, second, first)


def connect(team: Team, role: str) -> psycopg.Connection[Any]:
    """The project's database as `role`, straight through the driver, in autocommit:
    each check below runs in a transaction of its own that is rolled back."""
    url = make_url(team.url)
    return psycopg.connect(
        host=url.host, port=url.port, dbname=url.database, user=role, autocommit=True
    )


def rows(connection: psycopg.Connection[Any], query: str, *args: object) -> int:
    """How many rows a statement touched, in a transaction rolled back afterwards."""
    with connection.transaction(force_rollback=True):
        return connection.execute(query, args).rowcount


def refused(connection: psycopg.Connection[Any], query: str, *args: object) -> bool:
    try:
        rows(connection, query, *args)
    except errors.InsufficientPrivilege:
        return True
    return False


def passage_of(team: Team, coder: str, article: int) -> int:
    with connect(team, team.lee) as lead:
        found = lead.execute(
            "SELECT id FROM passage WHERE coder_id = %s AND article_id = %s",
            (team.ids[coder], article),
        ).fetchone()
    assert found is not None
    return int(found[0])


INSERT_PASSAGE = (
    'INSERT INTO passage (uid, article_id, coder_id, start, "end", quote, memo, created_at, '
    "updated_at, version) VALUES (md5(random()::text), %s, %s, 0, 3, 'abc', '', now(), now(), 1)"
)


def test_a_coder_writes_only_their_own_passages(team: Team) -> None:
    mine, bobs = (
        passage_of(team, "Alice", team.free_article),
        passage_of(team, "Bob", team.free_article),
    )
    with connect(team, team.alice) as alice:
        assert refused(alice, INSERT_PASSAGE, team.free_article, team.ids["Bob"])
        assert rows(alice, INSERT_PASSAGE, team.free_article, team.ids["Alice"]) == 1
        assert rows(alice, "UPDATE passage SET memo = 'x' WHERE id = %s", bobs) == 0
        assert rows(alice, "UPDATE passage SET memo = 'x' WHERE id = %s", mine) == 1
        assert refused(
            alice, "UPDATE passage SET coder_id = %s WHERE id = %s", team.ids["Bob"], mine
        )
        assert rows(alice, "DELETE FROM passage WHERE id = %s", bobs) == 0
        assert rows(alice, "DELETE FROM passage WHERE id = %s", mine) == 1
        assert rows(alice, "DELETE FROM passage_code WHERE passage_id = %s", bobs) == 0
        assert rows(alice, "DELETE FROM passage_code WHERE passage_id = %s", mine) == 3
        assert refused(
            alice,
            "INSERT INTO passage_code (passage_id, code_id, variable_id) "
            "SELECT %s, code_id, variable_id FROM passage_code WHERE passage_id = %s LIMIT 1",
            bobs, mine,
        )  # fmt: skip
    with connect(team, team.lee) as lead:
        memos = dict(
            lead.execute("SELECT id, memo FROM passage WHERE id IN (%s, %s)", (mine, bobs))
        )
    assert memos == {mine: "Alice's", bobs: "Bob's"}


def test_a_coder_writes_only_their_own_article_codes_and_statuses(team: Team) -> None:
    article, alice_id, bob_id = team.free_article, team.ids["Alice"], team.ids["Bob"]
    with connect(team, team.alice) as alice:
        for table in ("article_code", "assignment"):
            query = f"DELETE FROM {table} WHERE article_id = %s AND coder_id = %s"
            assert rows(alice, query, article, bob_id) == 0
            assert rows(alice, query, article, alice_id) == 1
        status = "UPDATE assignment SET status = 'done' WHERE article_id = %s AND coder_id = %s"
        assert rows(alice, status, article, bob_id) == 0
        assert rows(alice, status, article, alice_id) == 1
        assert refused(
            alice,
            "INSERT INTO assignment (article_id, coder_id, status, updated_at, version) "
            "VALUES (%s, %s, 'todo', now(), 1)",
            article + 2, bob_id,
        )  # fmt: skip


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE coder SET role = 'lead'",
        "INSERT INTO coder (name, initials, role, active) VALUES ('Mallory', 'M', 'lead', true)",
        "UPDATE setting SET value = 'renamed' WHERE key = 'name'",
        "INSERT INTO setting (key, value) VALUES ('blind_mode', 'off')",
        "UPDATE variable SET name = 'renamed'",
        "DELETE FROM code",
        "UPDATE round SET closed_at = now()",
        "DELETE FROM round_article",
        "INSERT INTO round_coder SELECT id, 1 FROM round",
        "UPDATE article SET title = 'renamed'",
        "UPDATE alembic_version SET version_num = '0001'",
        "UPDATE history SET actor = 'nobody'",
        "DELETE FROM history",
        "UPDATE duplicate_copy SET excluded = true",
        "INSERT INTO duplicate_cluster (kept_article_id, found_at, jaccard, containment) "
        "SELECT min(id), now(), 1, 1 FROM article",
    ],
)
def test_a_coder_changes_no_coders_codebook_samples_settings_or_history(
    team: Team, statement: str
) -> None:
    with connect(team, team.alice) as alice:
        assert refused(alice, statement)


def test_in_an_open_round_a_coder_reads_only_their_own_codings(team: Team) -> None:
    query = (
        "SELECT c.name FROM {} t JOIN coder c ON c.id = t.coder_id WHERE t.article_id = %s "
        "ORDER BY c.name"
    )
    codes = (
        "SELECT DISTINCT c.name FROM passage_code pc JOIN passage p ON p.id = pc.passage_id "
        "JOIN coder c ON c.id = p.coder_id WHERE p.article_id = %s ORDER BY c.name"
    )

    def seen(role: str, article: int) -> list[list[str]]:
        with connect(team, role) as connection:
            return [
                [name for (name,) in connection.execute(q, (article,))]
                for q in (query.format("passage"), query.format("article_code"), codes)
            ]

    assert seen(team.alice, team.open_article) == [["Alice"]] * 3
    assert seen(team.alice, team.free_article) == [["Alice", "Bob"]] * 3
    assert seen(team.lee, team.open_article) == [["Alice", "Bob"]] * 3
    with open_project(team.url) as project, project.transaction() as session:
        session.execute(update(Round).values(closed_at=datetime.now(UTC)))
    try:
        assert seen(team.alice, team.open_article) == [["Alice", "Bob"]] * 3
    finally:
        with open_project(team.url) as project, project.transaction() as session:
            session.execute(update(Round).values(closed_at=None))


def test_a_lead_may_change_everything_but_the_history(team: Team) -> None:
    bobs = passage_of(team, "Bob", team.free_article)
    with connect(team, team.lee) as lead:
        assert rows(lead, "UPDATE passage SET memo = 'x' WHERE id = %s", bobs) == 1
        assert rows(lead, "DELETE FROM passage WHERE id = %s", bobs) == 1
        assert rows(lead, INSERT_PASSAGE, team.open_article, team.ids["Bob"]) == 1
        assert rows(lead, "UPDATE coder SET role = 'lead' WHERE name = 'Bob'") == 1
        assert rows(lead, "UPDATE setting SET value = 'renamed' WHERE key = 'name'") == 1
        assert rows(lead, "UPDATE round SET closed_at = now()") == 1
        variable = (
            "INSERT INTO variable (name, level, scope, multiple, description, position) "
            "VALUES ('extra', 'nominal', 'passage', false, '', 9)"
        )
        assert rows(lead, variable) == 1
        assert refused(lead, "DELETE FROM history")


def test_a_coder_appends_history_in_their_own_name_only(team: Team) -> None:
    insert = "INSERT INTO history (at, actor, action) VALUES (now(), %s, 'status') RETURNING id"
    with connect(team, team.alice) as alice:
        assert rows(alice, insert, "Alice") == 1
        assert refused(alice, insert, "Bob")


def test_a_coder_logs_changes_and_prunes_only_old_log_rows(team: Team) -> None:
    with open_project(team.url) as project, project.transaction() as session:
        session.add(ChangeLog(at=datetime.now(UTC) - timedelta(days=8)))
        session.add(ChangeLog(at=datetime.now(UTC)))
    with connect(team, team.alice) as alice:
        assert rows(alice, "INSERT INTO change_log (at, articles, passages, codebook, "
                           "everything) VALUES (now(), '[]', '[]', false, true)") == 1  # fmt: skip
        assert rows(alice, "SELECT pg_advisory_xact_lock(1)") == 1
        total = alice.execute("SELECT count(*) FROM change_log").fetchone()
        assert total is not None and total[0] >= 2
        assert rows(alice, "DELETE FROM change_log") == 1  # the old one only


def test_a_login_opens_the_project_as_its_coder(team: Team, scratch_server: Any) -> None:
    with open_project(scratch_server.as_role(team.url, team.alice)) as project:
        assert project.actor == Actor("Alice")
        assert project.read_only is None
        with pytest.raises(NotYoursError):
            add_passage(project, team.free_article, "Bob", 0, 5, CODES)
        project.actor = None  # the app's own check out of the way: the server refuses
        with pytest.raises(NotYoursError, match="the server does not let this login"):
            add_passage(project, team.free_article, "Bob", 0, 5, CODES)
        with pytest.raises(NotYoursError, match="the server does not let this login"):
            add_coder(project, "Mallory")
        project.actor = Actor("Alice")  # the history names her, as the server requires
        add_passage(project, team.free_article, "Alice", 1, 4, CODES)
    with open_project(scratch_server.as_role(team.url, team.lee)) as project:
        assert project.actor == Actor("Lee", lead=True)
    with open_project(team.url) as project:
        assert project.actor is None  # the administrator


def test_a_coders_commands_and_their_undo_pass_the_servers_rules(
    team: Team, scratch_server: Any
) -> None:
    """The window's commands as Alice's login: each write (passage, status, the change log
    row, the assignment it starts) is hers, so the server lets it through, and another
    login hears of it."""
    with (
        open_project(scratch_server.as_role(team.url, team.alice)) as alice,
        open_project(scratch_server.as_role(team.url, team.lee)) as lead,
    ):
        seen = newest_change(lead)
        undo, _ = CreatePassage(team.free_article, "Alice", 6, 12, memo="mine").apply(alice)
        undo.apply(alice)
        back, _ = SetStatus(team.free_article, "Alice", "done").apply(alice)
        back.apply(alice)
        heard = changes_since(lead, seen).changes
        assert heard is not None and team.free_article in heard.articles
        memos = [p.memo for p in passages_of(alice, team.free_article, "Alice")]
        assert "mine" not in memos and "Bob's" in memos


def test_a_team_login_with_no_coder_is_refused_naming_add_coder(
    team: Team, scratch_server: Any
) -> None:
    stranger = scratch_server.role("stranger")
    with open_project(team.url) as project, project.transaction() as session:
        session.connection().exec_driver_sql(
            f'CREATE ROLE "{stranger}" LOGIN IN ROLE "{make_url(team.url).database}_coders"'
        )
    with pytest.raises(ProjectError, match=f"server add-coder .* NAME --login {stranger}"):
        open_project(scratch_server.as_role(team.url, stranger))


SEARCH_TABLES_WRITTEN = [
    "DELETE FROM article_search_tokens",
    "UPDATE article_search_tokens SET tokens = '{}'",
    "INSERT INTO article_search_vocabulary (token) VALUES ('forged')",
    "DELETE FROM article_search_pending",
    "INSERT INTO article_search_pending SELECT id FROM article LIMIT 1",
]


def test_the_search_index_is_read_by_all_written_by_none_and_filled_by_anyone(
    team: Team, scratch_server: Any
) -> None:
    """Leads and coders only read the index's tables; its functions write them as their
    owner, so a lead's changes to articles keep it in step and a coder's window fills it."""
    for login in (team.alice, team.lee):
        with connect(team, login) as connection:
            for statement in SEARCH_TABLES_WRITTEN:
                assert refused(connection, statement), (login, statement)
    with connect(team, team.lee) as lead:
        changed = "UPDATE article SET title = title || ' (revised)' WHERE id = %s"
        assert rows(lead, changed, team.free_article) == 1
    with open_project(scratch_server.as_role(team.url, team.alice)) as project:
        assert waiting_for_index(project) > 0
        assert index_waiting(project) > 0
        assert waiting_for_index(project) == 0
        with project.reading() as session:
            stored = session.execute(select(Article.id, Article.title, Article.text)).all()
        for word in ("pyongyang", "PUTIN", "putin's", "treaty,", "zebracorn"):
            expected = {
                i for i, title, body in stored if word.lower() in f"{title}\n{body}".lower()
            }
            assert matching_articles(project, word) == expected, word
        assert matching_articles(project, "pyongyang")  # the seeds are about that visit


def test_a_coder_cannot_start_a_schema_upgrade(team: Team, scratch_server: Any) -> None:
    with open_project(team.url) as project, project.transaction() as session:
        session.connection().exec_driver_sql("UPDATE alembic_version SET version_num = '0006'")
    try:
        with pytest.raises(ProjectError) as caught:
            open_project(scratch_server.as_role(team.url, team.alice))
    finally:
        with psycopg.connect(**_parts(team.url), autocommit=True) as admin:
            admin.execute(f"UPDATE alembic_version SET version_num = '{SCHEMA_REVISION}'")
    assert f"needs its schema upgraded (0006 to {SCHEMA_REVISION})" in str(caught.value)
    assert "administrator" in str(caught.value)


def _parts(url: str) -> dict[str, Any]:
    parsed = make_url(url)
    return {"host": parsed.host, "port": parsed.port, "dbname": parsed.database,
            "user": parsed.username}  # fmt: skip


def test_the_password_is_stored_only_as_the_servers_verifier(team: Team) -> None:
    with psycopg.connect(**_parts(team.url), autocommit=True) as admin:
        verifier = admin.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (team.alice,)
        ).fetchone()
        tables = [t for (t,) in admin.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )]  # fmt: skip
        dumped = "".join(
            str(row) for table in tables for row in admin.execute(f"SELECT * FROM {table}")
        )
    assert verifier is not None and verifier[0].startswith("SCRAM-SHA-256$")
    assert team.password not in verifier[0]
    assert team.alice in dumped  # the login is kept, the password nowhere
    assert team.password not in dumped


def test_add_coder_refuses_a_login_taken_or_above_the_rules(team: Team) -> None:
    with pytest.raises(ValidationError, match="codes as Alice already"):
        add_server_coder(team.url, "Bob", team.alice)
    admin = make_url(team.url).username or "postgres"
    with pytest.raises(ValidationError, match="bypasses row-level security"):
        add_server_coder(team.url, "Bob", admin)
    with pytest.raises(ValidationError, match="group role"):
        add_server_coder(team.url, "Bob", f"{make_url(team.url).database}_coders")


def test_init_twice_keeps_the_project_and_check_finds_everything(team: Team) -> None:
    setup = init_server(team.url)
    assert not setup.created
    with pytest.raises(ValidationError, match="holds a project already"):
        init_server(team.url, name="Another")
    report = check_server(team.url)
    assert report.project and report.missing == []
    coders = f"{make_url(team.url).database}_coders"
    with psycopg.connect(**_parts(team.url), autocommit=True) as admin:
        admin.execute(f'GRANT UPDATE ON coder TO "{coders}"')
        admin.execute("DROP POLICY stancecoder_read ON passage")
    try:
        said = [f.what for f in check_server(team.url).missing]
    finally:
        init_server(team.url)
    assert set(said) == {
        "policy stancecoder_read on passage",
        f"SELECT on coder for {coders} (also UPDATE, which it must not have)",
    }
    assert check_server(team.url).missing == []
    assert any(f"login {team.alice} for coder Alice" in f.what for f in report.findings)


def test_check_names_what_is_missing_before_init(scratch_server: Any) -> None:
    url = scratch_server.database()
    before = check_server(url)
    assert not before.project
    database = make_url(url).database
    assert f"role {database}_leads" in [f.what for f in before.missing]
    with pytest.raises(ProjectError, match=r"is empty.*stancecoder server init"):
        open_project(url)
    assert check_server(url).findings == before.findings  # nothing was created
    with open_project_made_by_plain_init(url):
        plain = check_server(url)
    assert plain.project and any(f.what == "row-level security on passage" for f in plain.missing)
    init_server(url)
    assert check_server(url).missing == []


def open_project_made_by_plain_init(url: str) -> Any:
    from stancecoder.services.project import create_project

    return create_project(url)


def test_an_upgrade_by_the_administrator_guards_the_tables_it_adds(
    scratch_server: Any, project_at: Any
) -> None:
    """History came in 0007: a team project upgraded from 0006 gets its grants and policies
    with the upgrade; a server without team roles stays as `init URL` made it."""
    team_url, plain_url = scratch_server.database(), scratch_server.database()
    for url in (team_url, plain_url):
        project_at(url, "0006")
    database = make_url(team_url).database
    with psycopg.connect(**_parts(team_url), autocommit=True) as admin:
        for group in ("leads", "coders"):
            admin.execute(f'CREATE ROLE "{database}_{group}" NOLOGIN')
    for url in (team_url, plain_url):
        open_project(url).close()
    assert check_server(team_url).missing == []
    missing = [f.what for f in check_server(plain_url).missing]
    assert "row-level security on history" in missing


def test_a_database_of_other_tables_is_refused_naming_server_init(scratch_server: Any) -> None:
    url = scratch_server.database()
    with psycopg.connect(**_parts(url), autocommit=True) as admin:
        admin.execute("CREATE TABLE invoices (id integer PRIMARY KEY)")
    for attempt in (open_project, init_server):
        with pytest.raises(ProjectError) as caught:
            attempt(url)
        message = str(caught.value)
        assert "holds tables but is not a StanceCoder project; nothing was changed" in message
        assert f"stancecoder server init {url}" in message
    with psycopg.connect(**_parts(url), autocommit=True) as admin:
        tables = admin.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        assert [name for (name,) in tables] == ["invoices"]
