"""A team server's administration: make a project whose roles the database enforces, give
each coder a login of their own, and say what is in place.

The administrator runs these with a role that owns the database and may create roles; the
tables are theirs, so row-level security holds for every lead and coder (see
`stancecoder.db.team_policies`). A coder's login opens the project as that coder: the app
finds the coder whose `login` is the connected role and never asks who is coding.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.db.engine import is_server_url
from stancecoder.db.migrate import holds_project
from stancecoder.db.models import Coder
from stancecoder.db.server_roles import (
    ROLE_NAME_LIMIT,
    Finding,
    Groups,
    apply_security,
    bypasses_security,
    groups_of,
    inspect_security,
    is_team_server,
    role_exists,
    role_member,
    set_login,
)
from stancecoder.db.store import Store
from stancecoder.services.coders import ROLES, consensus_name, ensure_coder, find_coder
from stancecoder.services.project import create_project, open_project


@dataclass(frozen=True)
class ServerSetup:
    location: str
    created: bool
    """A new project was made; otherwise an existing one got (back) its roles and policies."""
    groups: Groups


@dataclass(frozen=True)
class Login:
    coder: str
    login: str
    role: str
    created: bool
    """The login role was created; otherwise an existing role was adopted."""
    password: bool


@dataclass(frozen=True)
class ServerCheck:
    location: str
    project: bool
    findings: list[Finding]

    @property
    def missing(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.present]


def _require_server(url: str, command: str) -> None:
    if not is_server_url(url):
        raise ValidationError(
            f"server {command} takes a PostgreSQL URL (postgresql://user@host/database), "
            f"not {url!r}; a project file is made with: stancecoder init FILE"
        )


def init_server(url: str, codebook: Path | None = None, name: str | None = None) -> ServerSetup:
    """Create the project in an empty database, or take one made by `stancecoder init URL`
    (or restored from a dump), and set up its roles and policies."""
    _require_server(url, "init")
    existing = holds_project(url)
    if existing and (codebook is not None or name is not None):
        raise ValidationError(
            "this database holds a project already: --name and --codebook apply only when "
            "creating one (change them in the window); nothing was changed"
        )
    project = open_project(url) if existing else create_project(url, codebook, name)
    with project, project.transaction() as session:
        groups = apply_security(session.connection())
        return ServerSetup(project.location, not existing, groups)


def add_server_coder(
    url: str, name: str, login: str, role: str = "coder", password: str | None = None
) -> Login:
    """Give coder `name` (created if new) the server login `login`, a member of the group
    of `role`; an existing role is adopted, keeping its password unless one is given."""
    _require_server(url, "add-coder")
    if role not in ROLES:
        raise ValidationError(f"unknown role {role!r} (choose {' or '.join(ROLES)})")
    login = login.strip()
    if not login or len(login.encode()) > ROLE_NAME_LIMIT:
        raise ValidationError(f"a login is 1 to {ROLE_NAME_LIMIT} bytes long, not {login!r}")
    with open_project(url) as project, project.transaction() as session:
        connection = session.connection()
        if not is_team_server(connection):
            raise ValidationError(
                f"{project.location} has no team roles yet: run stancecoder server init "
                f"{project.location} first"
            )
        groups = groups_of(connection)
        if login in (groups.leads, groups.coders):
            raise ValidationError(f"{login} is a group role; give the coder a login of their own")
        if role_exists(connection, login) and bypasses_security(connection, login):
            raise ValidationError(
                f"the role {login} owns the project or bypasses row-level security; "
                "give the coder a login of their own"
            )
        holder = session.scalar(select(Coder).where(Coder.login == login))
        coder = find_coder(session, name)
        if holder is not None and holder is not coder:
            raise ValidationError(f"the login {login} codes as {holder.name} already")
        if coder is not None and coder.name == consensus_name(session):
            raise ValidationError(
                f"{coder.name!r} is the adjudicated consensus, not a person: choose another name"
            )
        if coder is None:
            coder = ensure_coder(session, name, role)
        coder.role, coder.login, coder.active = role, login, True
        other = groups.leads if role == "coder" else groups.coders
        created = set_login(connection, login, groups.of(role), other, password)
        return Login(coder.name, login, role, created, password is not None)


def check_server(url: str) -> ServerCheck:
    """What `server init` and `server add-coder` put in place here, found or missing; reads
    only, so it is safe on any database."""
    _require_server(url, "check")
    store = Store(url)
    try:
        with store.reading() as session:
            connection = session.connection()
            findings = inspect_security(connection)
            project = holds_project(url)
            if project:
                findings += _logins(session, groups_of(connection))
            return ServerCheck(store.name, project, findings)
    finally:
        store.close()


def _logins(session: Session, groups: Groups) -> list[Finding]:
    connection = session.connection()
    found = []
    for coder in session.scalars(select(Coder).where(Coder.login.is_not(None))):
        login = coder.login or ""
        group = groups.of(coder.role)
        present = role_exists(connection, login) and role_member(connection, login, group)
        found.append(Finding(f"login {login} for coder {coder.name} in {group}", present))
    return found
