"""Fixtures shared by every test package: real project databases, never mocks.

Store tests run on a fresh SQLite file always, and on the PostgreSQL server named by
STANCECODER_TEST_DATABASE_URL whenever it is set (`.ci/run` creates one per run).
"""

from __future__ import annotations

import ctypes
import functools
import io
import os
import resource
import secrets
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import make_url

from stancecoder.db.engine import engine_url
from stancecoder.services.project import Project

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
PG_ENV = "STANCECODER_TEST_DATABASE_URL"
POSTGRES_ASIDE = pytest.StashKey[int]()
PROJECT_MADE = pytest.StashKey[bool]()
WORKER_DATABASE = pytest.StashKey[str]()

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
def project_location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where the test's project goes, on each back end: a `.stance` file, or the test
    PostgreSQL database as it is (see `project_target` and `project`)."""
    if request.param == "sqlite":
        return tmp_path / "test.stance"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def project_target(project_location: str | Path, request: pytest.FixtureRequest) -> str | Path:
    """Where a new project goes: a `.stance` file, or the test PostgreSQL database, emptied
    unless the test's `project` has been made there already."""
    if isinstance(project_location, str) and PROJECT_MADE not in request.node.stash:
        reset_postgres(project_location)
    return project_location


@pytest.fixture
def postgres_url() -> str:
    """The test database on the PostgreSQL server (tests that need it are deselected
    without one: see `pytest_collection_modifyitems`)."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} to an existing database's URL")
    return url


class ScratchServer:
    """Databases and roles of a test module's own on the PostgreSQL server: unique names,
    all dropped when the module ends, whether its tests passed or not."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.suffix = secrets.token_hex(4)
        self.databases: list[str] = []
        self.roles: list[str] = []
        self.admin = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")

    def database(self) -> str:
        """A new empty database; its team group roles are dropped with it."""
        name = f"sc_{self.suffix}_{len(self.databases)}"
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self.databases.append(name)
        self.roles += [f"{name}_leads", f"{name}_coders"]
        return self.url.set(database=name).render_as_string(hide_password=False)

    def role(self, label: str) -> str:
        """A unique role name, dropped at the end (the test creates the role, or not)."""
        name = f"sc_{self.suffix}_{label}"
        self.roles.append(name)
        return name

    def as_role(self, url: str, role: str) -> str:
        return make_url(url).set(username=role, password=None).render_as_string(False)

    def drop(self) -> None:
        with self.admin.connect() as connection:
            for name in self.databases:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in self.roles:
                connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        self.admin.dispose()


@pytest.fixture(scope="module")
def scratch_server() -> Iterator[ScratchServer]:
    """A module's own databases and roles on the test server (see `ScratchServer`)."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} to an existing database's URL")
    scratch = ScratchServer(url)
    try:
        yield scratch
    finally:
        scratch.drop()


@pytest.fixture
def empty_postgres(postgres_url: str) -> str:
    """The test database on the server, emptied: where a new project may go."""
    reset_postgres(postgres_url)
    return postgres_url


def needs_postgres(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    return item.get_closest_marker("postgres") is not None or bool(
        {"postgres_url", "scratch_server"} & set(names)
    )


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist each worker resets the test database's schema for every test, so
    each gets a database of its own beside the one named, for its processes too."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get(PG_ENV)
    if not (worker and url):
        return
    own = make_url(url).set(database=f"{make_url(url).database}_{worker}")
    with _administering(url) as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{own.database}"')
    config.stash[WORKER_DATABASE] = url
    os.environ[PG_ENV] = own.render_as_string(hide_password=False)


def pytest_unconfigure(config: pytest.Config) -> None:
    if (named := config.stash.get(WORKER_DATABASE, None)) is None:
        return
    own = make_url(os.environ[PG_ENV]).database
    os.environ[PG_ENV] = named
    with _administering(named) as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')


@contextmanager
def _administering(url: str) -> Iterator[Connection]:
    engine = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a test server, the tests that need one are set aside and counted in one
    line at the end, instead of a skip line each."""
    if os.environ.get(PG_ENV):
        return
    aside = [item for item in items if needs_postgres(item)]
    if aside:
        config.hook.pytest_deselected(items=aside)
        items[:] = [item for item in items if not needs_postgres(item)]
        config.stash[POSTGRES_ASIDE] = len(aside)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A pytest-xdist worker hands its count of tests set aside to the controller, which
    prints the line; every worker collects all tests, so each count is the whole."""
    if (output := getattr(session.config, "workeroutput", None)) is not None:
        output["postgres_aside"] = session.config.stash.get(POSTGRES_ASIDE, 0)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    aside = node.workeroutput.get("postgres_aside", 0)
    node.config.stash[POSTGRES_ASIDE] = max(node.config.stash.get(POSTGRES_ASIDE, 0), aside)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if aside := terminalreporter.config.stash.get(POSTGRES_ASIDE, 0):
        terminalreporter.write_line(
            f"{aside} tests need the PostgreSQL test server and did not run: set {PG_ENV} "
            "to an existing database's URL (see the README)"
        )


class ProjectTemplates:
    """New project files made once per test process and copied for each test that asks for
    one: a closed project file copied is that project, in a millisecond where creating it
    (the schema's migrations, the codebook) takes a tenth of a second. Each template is
    made under the target's own file name, since a new project is named after its file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[tuple[str, Callable[[Project], None] | None], Path] = {}

    def new(self, target: Path, fill: Callable[[Project], None] | None = None) -> Project:
        """What `create_project(target)` makes, then `fill` (a function of this module's,
        which must not depend on the test) ran on it."""
        from stancecoder.db.store import Store
        from stancecoder.services.project import create_project

        key = (target.name, fill)
        if key not in self.made:
            template = self.folder / str(len(self.made)) / target.name
            with create_project(template) as project:
                if fill is not None:
                    fill(project)
            assert [p.name for p in template.parent.iterdir()] == [target.name]  # no log left
            self.made[key] = template
        shutil.copyfile(self.made[key], target)
        return Project(Store(target))


# Everything of the public schema a test might change beyond its rows, in one value.
_SCHEMA_FINGERPRINT = """
SELECT md5(string_agg(item, ',' ORDER BY item)) FROM (
    SELECT concat_ws(' ', 'relation', c.oid::regclass, c.relkind, c.relowner::regrole, c.relacl,
                     c.relrowsecurity, c.relforcerowsecurity) AS item
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
    UNION ALL
    SELECT concat_ws(' ', 'column', a.attrelid::regclass, a.attname, a.atttypid::regtype,
                     a.atttypmod, a.attnotnull, a.attacl, pg_get_expr(d.adbin, d.adrelid))
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT concat_ws(' ', 'constraint', conrelid::regclass, conname, pg_get_constraintdef(oid))
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT concat_ws(' ', 'index', pg_get_indexdef(i.indexrelid))
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE c.relnamespace = 'public'::regnamespace
    UNION ALL
    SELECT concat_ws(' ', 'trigger', t.tgenabled, pg_get_triggerdef(t.oid))
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace
    UNION ALL
    SELECT concat_ws(' ', 'policy', polrelid::regclass, polname, polcmd, polpermissive, polroles,
                     pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid))
    FROM pg_policy
    UNION ALL
    SELECT concat_ws(' ', 'function', p.oid::regprocedure, p.proowner::regrole, p.proacl,
                     md5(p.prosrc))
    FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
    UNION ALL
    SELECT concat_ws(' ', 'schema', nspowner::regrole, nspacl) FROM pg_namespace
    WHERE nspname = 'public'
    UNION ALL
    SELECT concat_ws(' ', 'default privileges', defaclrole::regrole, defaclnamespace,
                     defaclobjtype, defaclacl)
    FROM pg_default_acl
) AS schema_items
"""


class ServerTemplate:
    """A new project in the test server's database, made by putting a new project's rows
    back where the schema is still exactly a new project's (`_SCHEMA_FINGERPRINT`):
    emptying and refilling its tables takes a twentieth of the time of dropping the schema
    and running the migrations again. A schema a test changed (dropped, upgraded, downgraded,
    secured for a team) is dropped and the project created anew, and its rows kept."""

    def __init__(self) -> None:
        self.fingerprint: str | None = None
        self.rows: list[tuple[Any, list[dict[str, Any]]]] = []  # (table, rows), parents first
        self.sequences: dict[str, int | None] = {}  # last value given, None if none yet
        self.refilling = True  # until the server refuses it

    def new(self, url: str) -> Project:
        """What `create_project(url)` makes on an emptied database."""
        from stancecoder.db.store import Store
        from stancecoder.services.project import create_project

        engine = create_engine(engine_url(url))
        try:
            if not self._refilled(engine):
                reset_postgres(url)
                create_project(url).close()
                self._keep(engine)
        finally:
            engine.dispose()
        return Project(Store(url))

    def _keep(self, engine: Any) -> None:
        from sqlalchemy import MetaData

        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as connection:
            self.fingerprint = connection.exec_driver_sql(_SCHEMA_FINGERPRINT).scalar()
            self.rows = [
                (table, [dict(row._mapping) for row in connection.execute(table.select())])
                for table in tables.sorted_tables
            ]
            query = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            self.sequences = {name: last for name, last in connection.exec_driver_sql(query)}

    def _refilled(self, engine: Any) -> bool:
        from sqlalchemy.exc import DBAPIError

        if not self.refilling or self.fingerprint is None:
            return False
        try:
            with engine.begin() as connection:
                if connection.exec_driver_sql(_SCHEMA_FINGERPRINT).scalar() != self.fingerprint:
                    return False
                # no triggers: the history refuses deletes, and the rows go back as they were
                connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
                for table, _ in reversed(self.rows):
                    connection.execute(table.delete())
                for table, rows in self.rows:
                    if rows:
                        connection.execute(table.insert(), rows)
                for sequence, last in self.sequences.items():
                    connection.exec_driver_sql(
                        "SELECT setval(%s, %s, %s)",
                        (f'public."{sequence}"', last or 1, last is not None),
                    )
        except DBAPIError:  # a test server whose user may not switch triggers off
            self.refilling = False
            return False
        return True


@pytest.fixture(scope="session")
def project_templates(tmp_path_factory: pytest.TempPathFactory) -> ProjectTemplates:
    """`ProjectTemplates` for the test process."""
    return ProjectTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture(scope="session")
def server_template() -> ServerTemplate:
    """`ServerTemplate` for the test process, whose database is its own (see
    `pytest_configure`)."""
    return ServerTemplate()


@pytest.fixture
def project(
    project_location: str | Path,
    project_templates: ProjectTemplates,
    server_template: ServerTemplate,
    request: pytest.FixtureRequest,
) -> Iterator:
    """A new project: a copy of a new project file, or one put in the server's database."""
    if isinstance(project_location, Path):
        project = project_templates.new(project_location)
    else:
        project = server_template.new(project_location)
    request.node.stash[PROJECT_MADE] = True
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


# (article index, coder, phrase, codes): a passage over the first place the phrase stands
Coding = tuple[int, str, str, Mapping[str, Any]]


def _coded_by_hand(
    project: Project,
    articles: list[tuple[str, ...]],
    codings: list[Coding],
    *,
    folder: Path,
    header: tuple[str, ...] = ("title", "source", "date", "text"),
    coders: tuple[str, ...] = ("Alice", "Bob"),
) -> list[int]:
    import csv

    from stancecoder.services.articles import list_articles, read_article
    from stancecoder.services.coders import add_coder
    from stancecoder.services.codings import add_passage
    from stancecoder.services.corpus import import_corpus

    table = folder / "articles.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *articles])
    import_corpus(project, [table])
    for coder in coders:
        add_coder(project, coder)
    ids = [a.id for a in sorted(list_articles(project), key=lambda a: a.id)]
    assert len(ids) == len(articles), "every article is imported, none taken for a copy"
    for index, coder, phrase, codes in codings:
        start = read_article(project, ids[index]).text.index(phrase)
        add_passage(project, ids[index], coder, start, start + len(phrase), dict(codes))
    return ids


@pytest.fixture
def coded_by_hand(tmp_path: Path) -> Callable[..., list[int]]:
    """`coded_by_hand(project, articles, codings, header=..., coders=...)`: into a project
    without articles, the rows of `articles` (under `header`, title, source, date and text
    by default) imported from a spreadsheet, the coders added (Alice and Bob by default)
    and each `Coding` added as a passage; returns the articles' ids in their rows' order.
    The small hand-made projects of the tests are built this way, so each test states only
    its rows and checks them against figures it works out itself."""
    return functools.partial(_coded_by_hand, folder=tmp_path)


# A small dated corpus for the charts: (title, source, date); each text names its title, so
# no two are the same article
CHART_ARTICLES = [
    ("Summit", "Yonhap", "2024-06-03"),  # ISO week 23, June
    ("Visit", "TASS", "2024-06-05"),  # week 23
    ("Treaty", "Yonhap", "2024-06-12"),  # week 24
    ("Drills", "TASS", "2024-07-01"),  # week 27, July
    ("Review", "Yonhap", "2024-07"),  # a month alone: in no week
    ("Archive", "Yonhap", ""),  # no date: in no period
]
CHART_PHRASES = ("Vladimir Putin spoke", "Kim Jong-un answered", "Analysts warned",
                 "Moscow replied")  # fmt: skip
# (article, coder, phrase, actor, stance or None)
PUTIN = "Russia › Vladimir Putin"
CHART_CODINGS = [
    (0, "Alice", 0, PUTIN, "+1"), (0, "Bob", 0, PUTIN, "+2"),
    (0, "Alice", 2, "Analysts", "-1"), (0, "Bob", 2, "Analysts", "-2"),
    (1, "Alice", 0, PUTIN, "+2"), (1, "Alice", 3, "Russia", "0"),
    (1, "Bob", 1, "North Korea › Kim Jong-un", "+1"),
    (2, "Alice", 0, PUTIN, "-1"), (2, "Bob", 0, PUTIN, "0"),
    (2, "Alice", 2, "Analysts", "-2"), (2, "Alice", 1, "North Korea › Kim Jong-un", None),
    (3, "Alice", 0, PUTIN, "+1"), (3, "Bob", 2, "Analysts", "-1"),
    (4, "Alice", 0, PUTIN, "+2"), (4, "Bob", 0, PUTIN, "+2"),
    (5, "Alice", 2, "Analysts", "0"),
]  # fmt: skip


@pytest.fixture
def charted(project: Project, coded_by_hand: Callable[..., list[int]]) -> Project:
    """`CHART_ARTICLES` imported and coded by Alice and Bob as `CHART_CODINGS` says."""
    from stancecoder.services.codebook import import_codebook

    import_codebook(project, SEEDS / "codebook.yaml")
    articles = [(title, source, date, f"{title}. " + ". ".join(CHART_PHRASES) + ".")
                for title, source, date in CHART_ARTICLES]  # fmt: skip
    codings = [
        (index, coder, CHART_PHRASES[phrase],
         {"actor": actor, "topic": "Sanctions"} | ({"stance": stance} if stance else {}))
        for index, coder, phrase, actor, stance in CHART_CODINGS
    ]  # fmt: skip
    coded_by_hand(project, articles, codings)
    return project


# A small project for the stance networks: (title, date); every text holds every phrase
NETWORK_ARTICLES = [("Summit", "2024-06-03"), ("Visit", "2024-06-20"), ("Drills", "2024-07-01"),
                    ("Archive", "")]  # fmt: skip
NETWORK_PHRASES = ("Vladimir Putin spoke", "Kim Jong-un answered", "Analysts warned",
                   "Moscow replied", "Washington objected")  # fmt: skip
# (article, coder, phrase, actor, topic, stance or None); the networks' tests count by hand
NETWORK_CODINGS = [
    (0, "Alice", 0, PUTIN, "Sanctions", "+2"),
    (0, "Alice", 1, "North Korea", "Sanctions", "+1"),
    (0, "Alice", 2, "Analysts", "Sanctions", "-2"),
    (0, "Alice", 3, "Russia", "Military cooperation", "+1"),
    (1, "Alice", 0, PUTIN, "Sanctions", "-1"),
    (1, "Alice", 4, "United States", "Sanctions", "-2"),
    (1, "Alice", 1, "North Korea", "Military cooperation", "+2"),
    (1, "Alice", 2, "Analysts", "Military cooperation", "0"),
    (2, "Alice", 4, "United States", "Military cooperation", "-1"),
    (2, "Alice", 3, "Russia", "Economic cooperation", None),
    (3, "Alice", 2, "Analysts", "Economic cooperation", "+1"),
    (0, "Bob", 0, "Russia", "Sanctions", "-2"),
    (0, "Bob", 1, "North Korea", "Sanctions", "-1"),
]


@pytest.fixture
def network_rows() -> list[tuple[str, str, str, str, str | None, str]]:
    """`NETWORK_CODINGS` as plain rows: (coder, actor, topic, stance, date, article)."""
    return [
        (coder, actor, topic, stance, NETWORK_ARTICLES[index][1], NETWORK_ARTICLES[index][0])
        for index, coder, _, actor, topic, stance in NETWORK_CODINGS
    ]


@pytest.fixture
def networked(project: Project, coded_by_hand: Callable[..., list[int]]) -> Project:
    """`NETWORK_ARTICLES` imported and coded by Alice and Bob as `NETWORK_CODINGS` says."""
    from stancecoder.services.codebook import import_codebook

    import_codebook(project, SEEDS / "codebook.yaml")
    articles = [(title, date, f"{title}. " + ". ".join(NETWORK_PHRASES) + ".")
                for title, date in NETWORK_ARTICLES]  # fmt: skip
    codings = [
        (index, coder, NETWORK_PHRASES[phrase],
         {"actor": actor, "topic": topic} | ({"stance": stance} if stance else {}))
        for index, coder, phrase, actor, topic, stance in NETWORK_CODINGS
    ]  # fmt: skip
    coded_by_hand(project, articles, codings, header=("title", "date", "text"))
    return project


ATTRIBUTED_CSV = """\
title,source,published,text,section,region,length
Talks in Pyongyang,Yonhap,2024-06-19,Leaders met in Pyongyang.,World,Asia,120 words
Summit ends,TASS,2024-06-20,The summit ended with a treaty.,Politics,Europe,98 words
Markets calm,Yonhap,2024-07-02,Markets stayed calm after the visit.,Business,,64 words
Treaty text,Reuters,2024-08-15,The text of the treaty was published.,,Europe,
Untold,Reuters,2023-12-31,An article with no attributes at all.,,,
"""


@pytest.fixture
def attributed(project: Project, tmp_path: Path) -> Project:
    """Five articles from a spreadsheet whose extra columns (section, region, length) are
    stored as attributes, some left empty, and one coder, Alice."""
    from stancecoder.services.coders import add_coder
    from stancecoder.services.corpus import import_corpus

    path = tmp_path / "attributed.csv"
    path.write_text(ATTRIBUTED_CSV, encoding="utf-8")
    import_corpus(project, [path])
    add_coder(project, "Alice")
    return project


@contextmanager
def count_transactions(project: Project) -> Iterator[list[int]]:
    """A list that grows by one each time the project's engine begins a transaction."""
    begun: list[int] = []

    def count(_connection: Connection) -> None:
        begun.append(1)

    event.listen(project.store.engine, "begin", count)
    try:
        yield begun
    finally:
        event.remove(project.store.engine, "begin", count)


@pytest.fixture
def transactions_begun() -> Callable[[Project], AbstractContextManager[list[int]]]:
    """`with transactions_begun(project) as begun:` counts the transactions the block
    begins, where they begin on the real engine, so an action that reads in one
    transaction and writes in another is caught."""
    return count_transactions


def stancecoder_command(*args: str | Path) -> list[str]:
    """The `stancecoder` command line run by this Python, as a user would run it."""
    return [sys.executable, "-m", "stancecoder", *map(str, args)]


PR_CAPBSET_DROP = 24
FILE_ACCESS_OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def without_file_access_override() -> None:
    """For `preexec`: the process keeps root's uid but loses the capabilities that let root
    read and write any file, so the kernel enforces mode bits on it as on any user. (Tests run as
    root; switching to `nobody` instead would lose access to this Python under /root.)"""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in FILE_ACCESS_OVERRIDES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def run_stancecoder(
    *args: str | Path,
    file_size_limit: int | None = None,
    timeout: float = 120,
    preexec: Callable[[], None] | None = None,
    env: Mapping[str, str] | None = None,
    memory_limit: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command in a real process; `file_size_limit` (bytes, RLIMIT_FSIZE) makes any
    write beyond it fail with EFBIG as a full disk would, without touching the real disk;
    `preexec` runs in the child before the command (e.g. `without_file_access_override`); `env`
    adds to the environment; `memory_limit` (bytes of address space, RLIMIT_AS) makes
    allocations beyond it fail as on a machine out of memory."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
        if memory_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
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


# The command itself, with SQLAlchemy listeners that note each transaction running a
# statement that matches a pattern and, just before the chosen one commits, say so on a
# pipe and wait for the kill.
_STOPPING_BEFORE_COMMIT = """
import os, re, sys, time
from sqlalchemy import event
from sqlalchemy.engine import Engine
pattern, wanted, pipe = re.compile(sys.argv[1], re.IGNORECASE), int(sys.argv[2]), int(sys.argv[3])
state = {"ran": False, "commits": 0}

@event.listens_for(Engine, "before_cursor_execute")
def note(connection, cursor, statement, *rest):
    state["ran"] = state["ran"] or bool(pattern.match(statement))

@event.listens_for(Engine, "rollback")
def forget(connection):
    state["ran"] = False

@event.listens_for(Engine, "commit")
def stop(connection):
    if state["ran"]:
        state["ran"], state["commits"] = False, state["commits"] + 1
        if state["commits"] == wanted:
            os.write(pipe, b"stopped")
            time.sleep(600)

from stancecoder.cli import main
sys.exit(main(sys.argv[4:]))
"""


def kill_stancecoder_before_commit(
    *args: str | Path, statement: str, commit: int = 1, timeout: float = 120
) -> int:
    """Run the command and SIGKILL it at a chosen point: just before it commits, for the
    `commit`-th time, a transaction that ran a statement `statement` matches (a regular
    expression, e.g. `INSERT INTO article\\b`), all of it done and nothing committed.
    Returns its exit status: -SIGKILL once killed there, else how it ended without reaching
    that point."""
    read, write = os.pipe()
    command = [sys.executable, "-c", _STOPPING_BEFORE_COMMIT, statement, str(commit), str(write)]
    process = subprocess.Popen(
        [*command, *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write,),
    )
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        ready, _, _ = select.select([pipe], [], [], timeout)
        if ready and pipe.read(7) == b"stopped":
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
def file_access_override_suspended() -> Iterator[None]:
    """In this process's thread: root's capabilities to read and write any file are taken
    out of the effective set (they stay permitted) for the block, then given back."""
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    saved = data[0].effective
    for capability in FILE_ACCESS_OVERRIDES:
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
    """`file_access_override_suspended` for test modules: `with plain_user_here(): ...`."""
    return file_access_override_suspended


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
def kill_stancecoder_at_commit() -> Callable[..., int]:
    """`kill_stancecoder_before_commit` for test modules."""
    return kill_stancecoder_before_commit


@pytest.fixture
def plain_user() -> Callable[[], None]:
    """`without_file_access_override` for test modules: a `preexec` for `stancecoder_cli`."""
    return without_file_access_override


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


# ---- hostile input files: real files, as an attacker or a broken exporter writes them ---

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">'.replace("&lol0;", "&lol;").encode()
        for n in range(1, 10)
    )
    + b"]>"
)
EXTERNAL = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@functools.cache  # python-docx takes a while to build one, and bytes do not change
def docx_bytes(text: str = "A Word article about the summit.") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def xlsx_bytes(rows: list[list[object]] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows or [["title", "text"], ["Summit", "An Excel article about the summit."]]:
        workbook.active.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def rezipped(package: bytes, parts: dict[str, bytes]) -> bytes:
    """`package` with the named parts replaced (or added), every part deflated."""
    stream = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info.filename, source.read(info))
        for name, data in parts.items():
            target.writestr(name, data)
    return stream.getvalue()


def word_document(body: bytes, prolog: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog
        + f'<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>'.encode()
        + body + b"</w:t></w:r></w:p></w:body></w:document>"
    )  # fmt: skip


def xlsx_with_text(text: bytes, prolog: bytes = b"") -> bytes:
    """A workbook whose sheet holds a header "text" and one article, `text` (raw XML)."""
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog
        + f'<worksheet xmlns="{SHEET_NS}"><sheetData>'.encode()
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row>'
        + b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + text + b"</t></is></c></row>"
        + b"</sheetData></worksheet>"
    )  # fmt: skip
    return rezipped(xlsx_bytes(), {"xl/worksheets/sheet1.xml": sheet})


def with_prolog(package: bytes, part: str, prolog: bytes) -> bytes:
    """`package` with `prolog` (a document type declaration) put before the root of `part`."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        xml = archive.read(part)
    declaration, found, rest = xml.partition(b"?>")
    xml = declaration + found + prolog + rest if found else prolog + xml
    return rezipped(package, {part: xml})


def write_hostile_files(folder: Path) -> dict[str, str]:
    """Write one file of each hostile kind into `folder`; file name -> what its refusal says.

    Beside them it writes nothing good: callers add their own good files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    bomb_text = b"a" * (8 * 1024 * 1024)
    files = {
        "bomb.docx": rezipped(docx_bytes(), {"word/document.xml": word_document(bomb_text)}),
        "laughs.docx": rezipped(
            docx_bytes(), {"word/document.xml": word_document(b"&lol9;", LAUGHS)}
        ),
        "external.docx": rezipped(
            docx_bytes(), {"word/document.xml": word_document(b"&xxe;", EXTERNAL)}
        ),
        "root.docx": rezipped(docx_bytes(), {"word/document.xml": b"<unexpected/>"}),
        "laughs.xlsx": xlsx_with_text(b"&lol9;", LAUGHS),
        "external.xlsx": with_prolog(xlsx_bytes(), "xl/workbook.xml", EXTERNAL),
        "bomb.xlsx": xlsx_with_text(bomb_text),
        "deep.jsonl": b'{"text": "x", "tags": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    return {
        "bomb.docx": "as a zip bomb does",
        "laughs.docx": "declares a document type or entities",
        "external.docx": "declares a document type or entities",
        "root.docx": "not a readable .docx file",
        "laughs.xlsx": "declares a document type or entities",
        "external.xlsx": "declares a document type or entities",
        "bomb.xlsx": "as a zip bomb does",
        "deep.jsonl": "line 1: nested more than 64 levels deep",
        "pipe.txt": "not a regular file but a named pipe (FIFO); refused without reading",
        "zero.txt": "not a regular file but a device; refused without reading",
    }


@pytest.fixture
def hostile_files() -> Callable[[Path], dict[str, str]]:
    """`write_hostile_files`, for tests in any folder (tests cannot import conftest)."""
    return write_hostile_files


@pytest.fixture
def office_files() -> SimpleNamespace:
    """The builders of real .docx/.xlsx bytes above, for tests in any folder."""
    return SimpleNamespace(
        docx=docx_bytes, xlsx=xlsx_bytes, rezipped=rezipped, word_document=word_document
    )


@pytest.fixture(scope="session")
def repository_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own files (committed or not, minus the ignored), as on a fresh
    clone: what an editable install leaves in the work tree (its egg-info) would otherwise
    slip into a build and hide what the package list left out."""
    copy = tmp_path_factory.mktemp("source")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout  # fmt: skip
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    return copy
