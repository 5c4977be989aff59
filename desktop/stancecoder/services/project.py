"""Opening and creating projects: the first thing every front end does."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from sqlalchemy.orm import Session

from stancecoder.core.actor import Actor
from stancecoder.core.codebook import CodebookSpec, load_codebook
from stancecoder.core.errors import ProjectBusyError, ProjectError
from stancecoder.db.access import read_only_message
from stancecoder.db.change_log import prune
from stancecoder.db.engine import PROJECT_SUFFIX, is_server_url
from stancecoder.db.migrate import prepare_schema
from stancecoder.db.store import Store, get_setting, set_setting
from stancecoder.services.codebook_rows import apply_codebook
from stancecoder.services.project_file import build_project_file
from stancecoder.services.project_identity import ensure_project_uid

SAMPLE_CODEBOOK = "codebook.yaml"

T = TypeVar("T")


@dataclass
class Project:
    """An open project; `backup` is the copy made before a schema upgrade, if one ran."""

    store: Store
    backup: Path | None = None

    @property
    def location(self) -> str:
        return self.store.name

    @property
    def read_only(self) -> str | None:
        """Why this project was opened read-only (this user cannot write it), or None."""
        return self.store.read_only

    @property
    def actor(self) -> Actor | None:
        """Who acts: whose work the services let a write change (see `core.actor`)."""
        return self.store.actor

    @actor.setter
    def actor(self, actor: Actor | None) -> None:
        self.store.actor = actor

    def require_writable(self) -> None:
        """Refuse up front an action that would only write (an import of many files)."""
        if self.store.read_only is not None:
            raise ProjectError(read_only_message(self.store.read_only))

    def transaction(self) -> AbstractContextManager[Session]:
        """One unit of work that writes to the project's database: see `Store.transaction`."""
        return self.store.transaction()

    def reading(self) -> AbstractContextManager[Session]:
        """One unit of work that only reads: see `Store.reading`."""
        return self.store.reading()

    def brief(self) -> AbstractContextManager[Session]:
        """A read of a few small statements after a user action: see `Store.brief`."""
        return self.store.brief()

    def retrying(self, work: Callable[[Session], T]) -> T:
        """A write that may safely run again: see `Store.retrying`."""
        return self.store.retrying(work)

    @property
    def title(self) -> str:
        with self.reading() as session:
            return get_setting(session, "name") or self.location

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def normalise_target(target: str | Path) -> str | Path:
    """A path gets the `.stance` suffix if it has none; a server URL is kept as it is."""
    if is_server_url(target):
        return str(target)
    path = Path(target).expanduser()
    return path if path.suffix else path.with_suffix(PROJECT_SUFFIX)


def default_codebook() -> CodebookSpec:
    with as_file(files("stancecoder.seeds") / SAMPLE_CODEBOOK) as path:
        return load_codebook(path)


def create_project(
    target: str | Path, codebook: Path | None = None, name: str | None = None
) -> Project:
    """Create the schema and install the codebook (validated first, so a bad one creates
    nothing). A project file appears only once complete: see `build_project_file`."""
    spec = load_codebook(codebook) if codebook else default_codebook()
    target = normalise_target(target)
    name = name or _default_name(target)

    def fill(database: str | Path) -> None:
        prepare_schema(database, create=True)
        with Project(Store(database)) as project, project.transaction() as session:
            set_setting(session, "name", name)
            ensure_project_uid(session)
            apply_codebook(session, spec)

    if is_server_url(target):
        fill(target)
    else:
        build_project_file(Path(target), fill)
    return Project(Store(target))


def open_project(target: str | Path) -> Project:
    """Open a project, upgrading its schema if need be; on a team server, as the coder the
    login codes as (see `services.server_login`)."""
    target = normalise_target(target)
    backup = prepare_schema(target, create=False)
    project = Project(Store(target), backup)
    if is_server_url(target):
        # read only for a server: the login's module brings psycopg (0.1 s a file need not pay)
        from stancecoder.services.server_login import login_actor

        try:
            with project.reading() as session:
                project.actor = login_actor(session, project.location)
        except BaseException:
            project.close()
            raise
    _prune_change_log(project)
    return project


def _prune_change_log(project: Project) -> None:
    """Old rows of the change log go at open; a project busy just now keeps them till next
    time, since they cost nothing but a little space. On a glance, which gives up on a lock
    at once: opening never waits for a teammate's write to finish."""
    if project.read_only is None:
        try:
            with project.store.glance() as session:
                prune(session)
        except ProjectBusyError:
            pass


def _default_name(target: str | Path) -> str:
    return Path(target).stem if not is_server_url(target) else "Team project"
