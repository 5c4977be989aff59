"""Who is coding on a team server: the coder whose `login` is the connected role, so the
window never asks, and the database's policies and the app agree on whose work is whose."""

from __future__ import annotations

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnClause

from stancecoder.core.actor import Actor
from stancecoder.core.errors import ProjectError
from stancecoder.db.models import Coder
from stancecoder.db.server_roles import current_role_group


def login_actor(session: Session, location: str) -> Actor | None:
    """The actor the connected login codes as; None on a server without team roles, or for
    the administrator (trusted, as the command line is). A member of the team with no coder
    is refused: every write would be refused anyway."""
    group = current_role_group(session.connection())
    if group is None:
        return None
    me: ColumnClause[str] = literal_column("current_user")
    name = session.scalar(select(Coder.name).where(Coder.login == me))
    if name is None:
        user = session.scalar(select(me))
        raise ProjectError(
            f"the login {user} codes as no coder of this project: the administrator adds "
            f"one with: stancecoder server add-coder {location} NAME --login {user}",
            plain=f"The login “{user}” is not linked to a coder of this project. Ask whoever "
            "runs the server to add you as a coder with this login.",
        )
    return Actor(name, lead=group == "lead")
