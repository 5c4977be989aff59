"""Coders of a project: the people whose codings are compared."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Coder
from stancecoder.db.store import get_setting

if TYPE_CHECKING:
    from stancecoder.services.project import Project

ROLES = ("coder", "lead")


@dataclass(frozen=True)
class CoderInfo:
    id: int
    name: str
    initials: str
    role: str
    active: bool


def initials_of(name: str) -> str:
    letters = [part[0] for part in name.replace("-", " ").split() if part]
    return "".join(letters[:3]).upper() or name[:2].upper()


def find_coder(session: Session, name: str) -> Coder | None:
    """The coder of that name; "alice" finds Alice, so a name typed in another case never
    makes a second coder that the window takes for the same person. (A project made before
    this rule may hold both; each then finds itself.)"""
    name = name.strip()
    exact = session.scalar(select(Coder).where(Coder.name == name))
    if exact is not None:
        return exact
    key = name.casefold()
    return next((c for c in session.scalars(select(Coder)) if c.name.casefold() == key), None)


def ensure_coder(session: Session, name: str, role: str = "coder") -> Coder:
    """The coder of that name, created if new (imports name coders as they come)."""
    name = name.strip()
    if not name:
        raise ValidationError("a coder needs a name")
    if role not in ROLES:
        raise ValidationError(f"unknown role {role!r} (choose {' or '.join(ROLES)})")
    coder = find_coder(session, name)
    if coder is None:
        coder = Coder(name=name, initials=initials_of(name), role=role, active=True)
        session.add(coder)
        session.flush()
    return coder


def add_coder(project: Project, name: str, role: str = "coder") -> CoderInfo:
    """A new coder; re-run whole if another writer held the project past the busy timeout
    (a team's coders often join at the same moment)."""

    def add(session: Session) -> CoderInfo:
        if (existing := find_coder(session, name)) is not None:
            if existing.name == consensus_name(session):
                raise ValidationError(
                    f"{existing.name!r} is the adjudicated consensus, not a person: "
                    "choose another name"
                )
            raise ValidationError(f"there is already a coder called {existing.name!r}")
        return coder_info(ensure_coder(session, name, role))

    return project.retrying(add)


def list_coders(project: Project, *, consensus: bool = True) -> list[CoderInfo]:
    """Every coder by name; `consensus=False` leaves out the adjudication's consensus layer,
    which is written by a lead deciding, never by a person choosing who codes."""
    with project.reading() as session:
        coders: Iterable[Coder] = session.scalars(select(Coder).order_by(Coder.name))
        if not consensus:
            coders = people(session, coders)
        return [coder_info(c) for c in coders]


def people(session: Session, coders: Iterable[Coder]) -> list[Coder]:
    """The coders that are persons: all but the consensus layer."""
    layer = consensus_name(session)
    return [coder for coder in coders if coder.name != layer]


def require_coder(session: Session, name: str) -> Coder:
    coder = find_coder(session, name)
    if coder is None:
        raise ValidationError(f"no coder called {name!r} (add one with: stancecoder coders add)")
    return coder


def coder_info(coder: Coder) -> CoderInfo:
    return CoderInfo(coder.id, coder.name, coder.initials, coder.role, coder.active)


CONSENSUS_KEY = "consensus_coder"  # the setting naming the adjudication's consensus coder


def consensus_name(session: Session) -> str | None:
    """The consensus coder's name once adjudication has begun: the one coder that agreement
    and assignments leave out."""
    return get_setting(session, CONSENSUS_KEY)
