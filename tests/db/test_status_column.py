"""The statuses in the database are the words of `Status`, whichever way they get there."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, func, select, text

from stancecoder.core.status import Status
from stancecoder.db.models import Article, Assignment
from stancecoder.services.codings import set_status
from stancecoder.services.project import Project


def test_the_statuses_keep_their_stored_words_and_order() -> None:
    assert list(Status) == ["todo", "doing", "done"]


def test_the_model_constraint_reads_as_the_first_migration_wrote_it() -> None:
    """The migration spells the list out; a status added to `Status` alone must show here."""
    (check,) = (c for c in Assignment.__table__.constraints if isinstance(c, CheckConstraint))
    assert str(check.sqltext) == "status IN ('todo', 'doing', 'done')"


def test_a_status_set_as_a_member_is_stored_as_its_word(seeded: Project) -> None:
    with seeded.transaction() as session:
        article_id = session.scalar(select(func.min(Article.id)))
    set_status(seeded, article_id, "Alice", Status.DONE)
    with seeded.transaction() as session:
        stored = session.scalar(text("SELECT status FROM assignment"))
    assert stored == "done"
    assert type(stored) is str
