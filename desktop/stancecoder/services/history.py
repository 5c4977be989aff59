"""The coding history written: one row per action, by the session-level writes in the
transaction of the change itself, so a change is never without its row nor a row without
its change.

The actor is the coder acting in the window; with none (the command line or a script,
trusted as the owner of the file) it is the operating system's user name followed by
" (command line)", which is all that is known of who ran it.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.codebook_model import CodebookSpec
from stancecoder.core.history import CODEBOOK, State, codebook_changes, state_json
from stancecoder.db.models import Code, History, Passage, PassageCode, Variable
from stancecoder.db.store import acting
from stancecoder.services.code_lookup import CodeLookup

COMMAND_LINE = "(command line)"


def actor_name(session: Session) -> str:
    actor = acting(session)
    if actor is not None:
        return actor.coder
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment nor the password database
        return COMMAND_LINE
    return f"{user} {COMMAND_LINE}"


def record(
    session: Session,
    action: str,
    *,
    coder: str | None = None,
    article_id: int | None = None,
    passage_uid: str | None = None,
    before: State | None = None,
    after: State | None = None,
) -> None:
    """Append one row to the history, in the transaction that makes the change."""
    session.add(
        History(
            actor=actor_name(session),
            action=action,
            coder=coder,
            article_id=article_id,
            passage_uid=passage_uid,
            before=state_json(before),
            after=state_json(after),
        )
    )


def code_names(session: Session, code_ids: Iterable[int]) -> list[str]:
    """ "Variable: label" for each code, in codebook order: how a coding reads in the
    history, whatever later becomes of the codebook."""
    ids = list(code_ids)
    if not ids:
        return []
    rows = session.execute(
        select(Variable.name, Code.label)
        .join(Variable, Variable.id == Code.variable_id)
        .where(Code.id.in_(ids))
        .order_by(Variable.position, Code.position, Code.id)
    )
    return [_code_name(variable, label) for variable, label in rows]


def passage_state(session: Session, passage: Passage) -> dict[str, object]:
    """A passage as the history keeps it; its codes are read from the table, not from
    the passage's collection, which a change in progress may not have flushed."""
    code_ids = session.scalars(
        select(PassageCode.code_id).where(PassageCode.passage_id == passage.id)
    )
    return _state(passage, code_names(session, code_ids))


def written_passage_state(passage: Passage, lookup: CodeLookup) -> dict[str, object]:
    """`passage_state` of a passage just added and flushed with its codes, whose collection
    then holds exactly its rows: named from the codebook already read instead of read back
    (two round trips fewer on a server)."""
    codes = lookup.in_codebook_order(link.code_id for link in passage.codes)
    return _state(passage, [_code_name(variable.name, code.label) for variable, code in codes])


def _code_name(variable: str, label: str) -> str:
    return f"{variable}: {label}"


def _state(passage: Passage, codes: list[str]) -> dict[str, object]:
    return {
        "span": [passage.start, passage.end],
        "quote": passage.quote,
        "codes": codes,
        "memo": passage.memo,
        "version": passage.version,
    }


def record_codebook(session: Session, before: CodebookSpec, after: CodebookSpec) -> None:
    """One row for each part of the codebook that `after` adds, changes or removes."""
    for old, new in codebook_changes(before, after):
        record(session, CODEBOOK, before=old, after=new)
