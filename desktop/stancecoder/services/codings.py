"""Coding articles: passages with their codes, article-level codes, article status.

Each action has a session-level core (`write_passage`, `rewrite_passage`, `erase_passage`,
`write_article_codes`, `write_status`), the only place its SQL lives, so an undoable
command can read what it will undo and write in the same transaction. The project-level
functions beside them are that core in one transaction, re-run whole when another writer
held SQLite's lock past the busy timeout, for the command line and the tests. Every core
validates first (offsets inside the text, quote equal to the slice, codes belonging to
their variable, one code per single-valued variable), so a refused action writes nothing;
once it has written, it appends its row to the coding history (`services.history`) in the
same transaction.

A passage carries a version, and so does each coder's assignment of an article, which
covers their status and article-level codes: a write given the version the coder saw is
refused when it is no longer the one stored, and the write itself only lands on the
version it read, so a change committed in between is refused rather than overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.core.history import (
    ARTICLE_CODES,
    PASSAGE_ADDED,
    PASSAGE_CHANGED,
    PASSAGE_DELETED,
    STATUS,
)
from stancecoder.core.spans import check_span
from stancecoder.core.status import Status
from stancecoder.db.models import (
    ArticleCode,
    Assignment,
    Coder,
    Passage,
    PassageCode,
    utc_now,
)
from stancecoder.db.store import get_setting
from stancecoder.services.code_lookup import CodeInput, CodeLookup
from stancecoder.services.coders import require_coder
from stancecoder.services.coding_target import CodingTarget, coding_target, get_article
from stancecoder.services.duplicate_marks import refuse_excluded
from stancecoder.services.history import code_names, passage_state, record, written_passage_state
from stancecoder.services.ownership import require_may_change

STATUS_AND_CODES = "this article's status or codes"

if TYPE_CHECKING:
    from stancecoder.services.project import Project


@dataclass(frozen=True)
class PassageRef:
    """What the caller needs to show or change the passage next: id and lock version."""

    id: int
    uid: str
    start: int
    end: int
    quote: str
    version: int


def write_passage(
    session: Session,
    lookup: CodeLookup,
    target: CodingTarget,
    start: int,
    end: int,
    codes: CodeInput,
    memo: str = "",
    quote: str | None = None,
    uid: str | None = None,
) -> Passage:
    """Validate and add a passage of `target`'s coder to its article inside an open
    transaction (shared with the importer and with undo, which brings a deleted passage
    back under its old uid)."""
    article, coder = target.article, target.coder
    require_may_change(session, coder.name)
    actual = check_span(article.text, start, end)
    if quote is not None and quote != actual:
        raise ValidationError(
            f"the quote does not match the text at [{start}, {end}): {actual[:60]!r}"
        )
    resolved = lookup.resolve(codes, "passage")
    now = utc_now()
    passage = Passage(
        article_id=article.id,
        coder_id=coder.id,
        start=start,
        end=end,
        quote=actual,
        memo=memo,
        created_at=now,
        updated_at=now,
        codebook_version=target.codebook_version,
    )
    if uid is not None:
        passage.uid = uid
    passage.codes = [PassageCode(variable_id=v.id, code_id=c.id) for v, c in resolved]
    session.add(passage)
    _mark_started(session, target)
    session.flush()
    record(
        session, PASSAGE_ADDED, coder=coder.name, article_id=article.id,
        passage_uid=passage.uid, after=written_passage_state(passage, lookup),
    )  # fmt: skip
    return passage


def add_passage(
    project: Project,
    article_id: int,
    coder: str,
    start: int,
    end: int,
    codes: CodeInput,
    memo: str = "",
) -> PassageRef:
    def add(session: Session) -> PassageRef:
        target = coding_target(session, article_id, coder)
        target.refuse_excluded()
        passage = write_passage(session, CodeLookup(session), target, start, end, codes, memo)
        return _ref(passage)

    return project.retrying(add)


def update_passage(
    project: Project,
    passage_id: int,
    version: int,
    *,
    codes: CodeInput | None = None,
    span: tuple[int, int] | None = None,
    memo: str | None = None,
) -> PassageRef:
    """Recode, resize or annotate; `version` is what the caller last saw (stale -> refused)."""
    return project.retrying(
        lambda session: _ref(
            rewrite_passage(session, passage_id, version, codes=codes, span=span, memo=memo)
        )
    )


def rewrite_passage(
    session: Session,
    passage_id: int,
    version: int,
    *,
    codes: CodeInput | None = None,
    span: tuple[int, int] | None = None,
    memo: str | None = None,
) -> Passage:
    """`update_passage` inside an open transaction: only the fields given change."""
    passage = _passage(session, passage_id, version)
    owner = _owner(session, passage)
    require_may_change(session, owner)
    before = passage_state(session, passage)
    lookup = CodeLookup(session)
    quote = check_span(get_article(session, passage.article_id).text, *span) if span else None
    resolved = lookup.resolve(codes, "passage") if codes is not None else []
    codebook_version = get_setting(session, "codebook_version")
    # every check is done: from here on, one UPDATE and one version step,
    # so nothing may flush half of the change early
    with session.no_autoflush:
        if span is not None and quote is not None:
            passage.start, passage.end = span
            passage.quote = quote
        if codes is not None:
            touched = {lookup.variable(name).id for name in codes}
            kept = [pc for pc in passage.codes if pc.variable_id not in touched]
            passage.codes = kept + [
                PassageCode(variable_id=v.id, code_id=c.id) for v, c in resolved
            ]
            passage.codebook_version = codebook_version
        if memo is not None:
            passage.memo = memo
        passage.updated_at = utc_now()
    session.flush()
    record(
        session, PASSAGE_CHANGED, coder=owner, article_id=passage.article_id,
        passage_uid=passage.uid, before=before, after=passage_state(session, passage),
    )  # fmt: skip
    return passage


def delete_passage(project: Project, passage_id: int, version: int) -> None:
    project.retrying(lambda session: erase_passage(session, passage_id, version))


def erase_passage(session: Session, passage_id: int, version: int) -> None:
    """`delete_passage` inside an open transaction; a stale `version` is refused."""
    passage = _passage(session, passage_id, version)
    owner = _owner(session, passage)
    require_may_change(session, owner)
    before = passage_state(session, passage)
    session.delete(passage)
    session.flush()
    record(
        session, PASSAGE_DELETED, coder=owner, article_id=passage.article_id,
        passage_uid=passage.uid, before=before,
    )  # fmt: skip


def set_article_codes(project: Project, article_id: int, coder: str, codes: CodeInput) -> None:
    """Replace this coder's article-level codes for the variables named in `codes`; new
    codes for an excluded copy are refused."""

    def write(session: Session) -> None:
        if any(codes.values()):
            refuse_excluded(session, article_id)
        write_article_codes(session, article_id, coder, codes)

    project.retrying(write)


def write_article_codes(
    session: Session, article_id: int, coder: str, codes: CodeInput, version: int | None = None
) -> int:
    """`set_article_codes` inside an open transaction; `version` is the assignment's the
    coder saw (0: none yet; None: whatever is stored). Returns the version now stored."""
    article = get_article(session, article_id)
    coder_row = require_coder(session, coder)
    require_may_change(session, coder_row.name)
    lookup = CodeLookup(session)
    resolved = lookup.resolve(codes, "article")
    touched = [lookup.variable(name).id for name in codes]
    before = article_codes_state(session, article.id, coder_row.id)
    # the version step first: it holds the row, so a writer in between is refused here
    assignment = step_article_codes(session, article.id, coder_row.id, version)
    session.execute(
        delete(ArticleCode).where(
            ArticleCode.article_id == article.id,
            ArticleCode.coder_id == coder_row.id,
            ArticleCode.variable_id.in_(touched),
        )
    )
    codebook_version = get_setting(session, "codebook_version")
    for variable, code in resolved:
        session.add(
            ArticleCode(
                article_id=article.id,
                coder_id=coder_row.id,
                variable_id=variable.id,
                code_id=code.id,
                codebook_version=codebook_version,
            )
        )
    session.flush()
    record_article_codes(session, article.id, coder_row, before)
    return assignment.version


def article_codes_state(session: Session, article_id: int, coder_id: int) -> dict[str, object]:
    """A coder's article-level codes of an article as the history keeps them, with the
    version of their status and codes."""
    code_ids = session.scalars(
        select(ArticleCode.code_id).where(
            ArticleCode.article_id == article_id, ArticleCode.coder_id == coder_id
        )
    )
    return {
        "codes": code_names(session, code_ids),
        "version": assignment_version(session, article_id, coder_id),
    }


def record_article_codes(
    session: Session, article_id: int, coder: Coder, before: dict[str, object]
) -> None:
    """The history's row for article codes just written over `before`."""
    after = article_codes_state(session, article_id, coder.id)
    record(
        session, ARTICLE_CODES, coder=coder.name, article_id=article_id,
        before=before, after=after,
    )  # fmt: skip


def step_article_codes(
    session: Session, article_id: int, coder_id: int, version: int | None = None
) -> Assignment:
    """A new version of the coder's status and article codes, for article codes about to
    be written (here or by an import of codings), which also begin the article as coding
    a passage does; `version` as for `write_article_codes`."""
    assignment = _assignment(session, article_id, coder_id, version)
    if assignment.status == Status.TODO:
        assignment.status = Status.DOING
    assignment.updated_at = utc_now()
    _write_assignment(session)
    return assignment


def set_status(project: Project, article_id: int, coder: str, status: str) -> None:
    project.retrying(lambda session: write_status(session, article_id, coder, status))


def read_status(session: Session, article_id: int, coder: str) -> str:
    """This coder's status for the article; 'todo' while they have no assignment."""
    return read_assignment(session, article_id, coder)[0]


def read_assignment(session: Session, article_id: int, coder: str) -> tuple[str, int]:
    """This coder's status for the article and its version; ('todo', 0) while they have
    no assignment."""
    row = session.execute(_ASSIGNMENT, {"article_id": article_id, "coder": coder}).first()
    return (row.status, row.version) if row is not None else (Status.TODO, 0)


# built once: the window reads it at every switch, where building it cost more than running it
_ASSIGNMENT = (
    select(Assignment.status, Assignment.version)
    .join(Coder, Coder.id == Assignment.coder_id)
    .where(Assignment.article_id == bindparam("article_id"), Coder.name == bindparam("coder"))
)


def assignment_version(session: Session, article_id: int, coder_id: int) -> int:
    """The version of a coder's status and article codes of an article; 0 while none."""
    assignment = session.get(Assignment, (article_id, coder_id))
    return assignment.version if assignment is not None else 0


def write_status(
    session: Session, article_id: int, coder: str, status: str, version: int | None = None
) -> int:
    """`set_status` inside an open transaction; `version` as for `write_article_codes`.
    Returns the version now stored."""
    if status not in tuple(Status):
        raise ValidationError(f"unknown status {status!r} (choose {', '.join(Status)})")
    article = get_article(session, article_id)
    coder_row = require_coder(session, coder)
    require_may_change(session, coder_row.name)
    assignment = _assignment(session, article.id, coder_row.id, version)
    before = {"status": assignment.status or Status.TODO, "version": assignment.version or 0}
    assignment.status = status
    assignment.updated_at = utc_now()
    _write_assignment(session)
    record(
        session, STATUS, coder=coder_row.name, article_id=article.id,
        before=before, after={"status": status, "version": assignment.version},
    )  # fmt: skip
    return assignment.version


def _owner(session: Session, passage: Passage) -> str:
    coder = session.get(Coder, passage.coder_id)
    return coder.name if coder is not None else ""


def stale(what: str) -> ValidationError:
    """The refusal of a change made on what the user saw before someone else changed it."""
    return ValidationError(f"someone else changed {what} in the meantime; refresh and try again")


def _assignment(
    session: Session, article_id: int, coder_id: int, version: int | None
) -> Assignment:
    """The coder's assignment of the article to write to, made if they have none; refused
    when `version` (what the coder saw, 0 for none) is not the one stored."""
    assignment = session.get(Assignment, (article_id, coder_id))
    stored = assignment.version if assignment is not None else 0
    if version is not None and version != stored:
        raise stale(STATUS_AND_CODES)
    if assignment is None:
        assignment = Assignment(article_id=article_id, coder_id=coder_id, status=Status.TODO)
        session.add(assignment)
    return assignment


def _write_assignment(session: Session) -> None:
    """Flush the change of an assignment from `_assignment`, alone: its version step, or
    its first row, which another session may have made since this one looked."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise stale(STATUS_AND_CODES) from exc


def _mark_started(session: Session, target: CodingTarget) -> None:
    """Coding an article moves its status from 'todo' to 'doing', never back from 'done'."""
    assignment = target.assignment
    if assignment is None:
        target.assignment = Assignment(
            article_id=target.article.id, coder_id=target.coder.id, status=Status.DOING
        )
        session.add(target.assignment)
    elif assignment.status == Status.TODO:
        assignment.status = Status.DOING
        assignment.updated_at = utc_now()


def _passage(session: Session, passage_id: int, version: int) -> Passage:
    passage = session.scalar(select(Passage).where(Passage.id == passage_id))
    if passage is None:
        raise ValidationError(f"passage {passage_id} no longer exists (deleted elsewhere?)")
    if passage.version != version:
        raise stale("this passage")
    return passage


def _ref(passage: Passage) -> PassageRef:
    return PassageRef(
        passage.id, passage.uid, passage.start, passage.end, passage.quote, passage.version
    )
