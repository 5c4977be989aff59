"""What other processes changed in a project since a window last looked.

Every committed write leaves a row in the change log (`stancecoder.db.change_log`); an open
window asks here, every few seconds, for the rows after the last one it saw. The rows this
process wrote itself are left out: their `Changes` were published when they were made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select

from stancecoder.core.changes import Changes
from stancecoder.db.models import ChangeLog
from stancecoder.services.project import Project

MANY = 1000  # more rows than this at once (a long absence, a big import): read everything


@dataclass
class Seen:
    """The answer to one look: what others changed (None: nothing) and the newest row read."""

    changes: Changes | None
    last: int


def newest_change(project: Project) -> int:
    """The id of the newest row of the log, 0 when it is empty: where a new reader starts."""
    with project.store.glance() as session:
        return session.scalar(select(func.coalesce(func.max(ChangeLog.id), 0))) or 0


def changes_since(project: Project, after: int) -> Seen:
    """What was committed after row `after` by anyone but this process, in one query on the
    log's primary key (nothing to read costs one index probe)."""
    own = project.store.own_changes
    query = (
        select(ChangeLog.id, ChangeLog.articles, ChangeLog.passages, ChangeLog.codebook,
               ChangeLog.everything)
        .where(ChangeLog.id > after)
        .order_by(ChangeLog.id)
        .limit(MANY + 1)
    )  # fmt: skip
    with project.store.glance() as session:
        rows = session.execute(query).all()
        if len(rows) > MANY:
            last = session.scalar(select(func.max(ChangeLog.id))) or after
            own.difference_update({i for i in own if i <= last})
            return Seen(Changes(reload=True), last)
    changes: Changes | None = None
    for row_id, articles, passages, codebook, everything in rows:
        if row_id in own:
            own.discard(row_id)
            continue
        row = Changes(
            set(json.loads(articles)), set(json.loads(passages)), codebook, reload=everything
        )
        changes = row if changes is None else changes.merge(row)
    return Seen(changes, rows[-1].id if rows else after)
