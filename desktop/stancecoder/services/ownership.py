"""Whose work a write may change, checked where codings are written rather than in the
window alone, so no path (undo, an import, a script with an actor) can slip past it."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from stancecoder.core.errors import NotYoursError
from stancecoder.db.store import ACTOR_KEY, acting
from stancecoder.services.coders import consensus_name


def require_may_change(session: Session, owner: str) -> None:
    """Refuse a change to `owner`'s codings unless the actor may make it (see
    `core.actor`); the consensus layer is the leads'."""
    actor = acting(session)
    if actor is None or actor.may_change(owner):
        return
    if actor.lead and owner == consensus_name(session):
        return
    if actor.lead:
        raise NotYoursError(f"this is {owner}'s work; choose Edit as lead to change it")
    raise NotYoursError(f"this is {owner}'s work; a coder changes only their own codings")


def act_as_lead(session: Session, what: str) -> None:
    """Work only a lead does, changing every coder's codings (an import of codings): refused
    to a coder; for a lead, the rest of this transaction edits as lead."""
    actor = acting(session)
    if actor is None:
        return
    if not actor.lead:
        raise NotYoursError(f"only a lead may {what}")
    session.info[ACTOR_KEY] = replace(actor, as_lead=True)
