"""What other processes changed in a project since a window last looked.

Every committed write leaves a row in the change log (`stancecoder.db.change_log`); an open
window asks here, every few seconds, for the rows after the last one it saw. The rows this
process wrote itself are left out: their `Changes` were published when they were made.

On a PostgreSQL server a look would cost a round trip each time; there the store listens
for the log's notices (`stancecoder.db.change_listener`), and a look that follows the one
before it is answered from what was announced since, without asking the server: nothing
most of the time, or the rows the notices carry. The log is read as before whenever the
notices cannot tell everything (see `ChangeListener.hear`), and on SQLite always, where the
read is one index probe on a local file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from stancecoder.core.changes import Changes
from stancecoder.db.change_notice import Notice
from stancecoder.db.models import ChangeLog
from stancecoder.services.project import Project

MANY = 1000  # more rows than this at once (a long absence, a big import): read everything


@dataclass
class Seen:
    """The answer to one look: what others changed (None: nothing) and the newest row read."""

    changes: Changes | None
    last: int


def newest_change(project: Project) -> int:
    """The id of the newest row of the log, 0 when it is empty: where a new reader starts.
    On a server the store listens first, so that no row committed after this read goes
    unannounced."""
    listener = project.store.listener
    listening = listener is not None and listener.reading()
    with project.store.glance() as session:
        newest = session.scalar(select(func.coalesce(func.max(ChangeLog.id), 0))) or 0
    if listener is not None and listening:
        listener.known = newest
    return newest


def changes_since(project: Project, after: int) -> Seen:
    """What was committed after row `after` by anyone but this process: from the notices
    heard since the last look when they tell it all, else in one query on the log's
    primary key (nothing to read costs one index probe)."""
    listener = project.store.listener
    if listener is None:
        return _read_log(project, after)
    if listener.known == after:
        notices = listener.hear()
        seen = None if notices is None else _from_notices(project, after, notices)
        if seen is not None:
            listener.known = seen.last
            return seen
    listening = listener.reading()
    seen = _read_log(project, after)
    if listening:
        listener.known = seen.last
    return seen


def _from_notices(project: Project, after: int, notices: list[Notice | None]) -> Seen | None:
    """The look answered from the notices, or None when one of them does not carry its row
    (too long for a notice, or unreadable) and the log must be read."""
    fresh: list[Notice] = []
    for notice in notices:
        if notice is None or (notice.id > after and not notice.whole):
            return None
        if notice.id > after:  # one at or below is covered already by the read before
            fresh.append(notice)
    fresh.sort(key=lambda notice: notice.id)
    return _seen(project, after, [(n.id, n.articles, n.passages, n.codebook, n.everything)
                                  for n in fresh])  # fmt: skip


def _read_log(project: Project, after: int) -> Seen:
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
            return _seen(project, after, rows, last)
    return _seen(project, after, rows)


Row = tuple[int, str, str, bool, bool]


def _seen(project: Project, after: int, rows: Sequence[Row], last: int | None = None) -> Seen:
    """The rows' changes, in the order of their ids, but for this process's own; more than
    `MANY` mean everything, up to `last` (the newest row when not all were read)."""
    own = project.store.own_changes
    if len(rows) > MANY:
        newest = last if last is not None else rows[-1][0]
        own.difference_update({i for i in own if i <= newest})
        return Seen(Changes(reload=True), newest)
    changes: Changes | None = None
    for row_id, articles, passages, codebook, everything in rows:
        if row_id in own:
            own.discard(row_id)
            continue
        row = Changes(
            set(json.loads(articles)), set(json.loads(passages)), codebook, reload=everything
        )
        changes = row if changes is None else changes.merge(row)
    return Seen(changes, rows[-1][0] if rows else after)
