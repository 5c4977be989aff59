"""A project's identity: a uid of its own, so a coder's file finds its way back home.

Set when a project is created, or, for a project made before there was one, when it is
first packaged for a coder. A copy of a project (`stancecoder copy`) keeps it: the copy is
the same project moved, and coder files packaged from either merge into both.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from stancecoder.db.models import new_uid
from stancecoder.db.store import get_setting, set_setting

PROJECT_UID_KEY = "project_uid"


def project_uid(session: Session) -> str | None:
    return get_setting(session, PROJECT_UID_KEY)


def ensure_project_uid(session: Session) -> str:
    """The project's uid, given one now if it has none (inside a write transaction)."""
    uid = project_uid(session)
    if uid is None:
        uid = new_uid()
        set_setting(session, PROJECT_UID_KEY, uid)
    return uid
