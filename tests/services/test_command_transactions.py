"""Every undoable command is one transaction on the real database, and all or nothing.

The transactions are counted where they begin, on the project's own engine, so a command
that read its inverse in one transaction and wrote in another is caught. A step refused by
the database itself (a trigger) shows that what the command wrote before it is undone.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from sqlalchemy import text

from stancecoder.core.errors import ProjectError
from stancecoder.services.agreement.adjudication import (
    AcceptVersion,
    EditConsensus,
    WriteConsensus,
)
from stancecoder.services.article_codes import article_codes
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import list_coders
from stancecoder.services.commands import (
    Command,
    CreatePassage,
    DeletePassage,
    SetArticleCodes,
    SetStatus,
    UpdatePassage,
)
from stancecoder.services.passages import passage_by_uid, passages_of
from stancecoder.services.project import Project

CodeId = Callable[[Project, str, str], int]
Counter = Callable[[Project], AbstractContextManager[list[int]]]


def refuse_inserts(project: Project, table: str) -> None:
    """Make the database itself refuse any new row in `table`, as a failing step would."""
    with project.transaction() as session:
        if project.store.engine.dialect.name == "sqlite":
            session.execute(
                text(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                )
            )
        else:
            session.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS "
                    "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql"
                )
            )
            session.execute(
                text(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )


def _create(project: Project, article_id: int, code_id: CodeId) -> Command:
    stance = code_id(project, "stance", "Negative")
    return CreatePassage(article_id, "Alice", 0, 7, {"stance": [stance]}, memo="m")


def _update(project: Project, article_id: int, code_id: CodeId) -> Command:
    CreatePassage(article_id, "Alice", 0, 7).apply(project)
    (passage,) = passages_of(project, article_id, "Alice")
    positive = code_id(project, "stance", "Positive")
    return UpdatePassage(passage.uid, codes={"stance": [positive]}, span=(0, 16), memo="w")


def _delete(project: Project, article_id: int, code_id: CodeId) -> Command:
    stance = code_id(project, "stance", "Negative")
    CreatePassage(article_id, "Alice", 0, 7, {"stance": [stance]}).apply(project)
    (passage,) = passages_of(project, article_id, "Alice")
    return DeletePassage(passage.uid, passage.version)


def _status(project: Project, article_id: int, code_id: CodeId) -> Command:
    return SetStatus(article_id, "Alice", "done")


def _article_codes(project: Project, article_id: int, code_id: CodeId) -> Command:
    report = code_id(project, "genre", "News report")
    return SetArticleCodes(article_id, "Alice", {"genre": [report]})


def _accept_new(project: Project, article_id: int, code_id: CodeId) -> Command:
    CreatePassage(article_id, "Alice", 0, 7).apply(project)
    (passage,) = passages_of(project, article_id, "Alice")
    return AcceptVersion(passage.uid)


def _accept_over(project: Project, article_id: int, code_id: CodeId) -> Command:
    accept = _accept_new(project, article_id, code_id)
    accept.apply(project)
    return accept


def _write_consensus(project: Project, article_id: int, code_id: CodeId) -> Command:
    stance = code_id(project, "stance", "Negative")
    return WriteConsensus(article_id, 0, 7, {"stance": [stance]})


def _edit_consensus(project: Project, article_id: int, code_id: CodeId) -> Command:
    WriteConsensus(article_id, 0, 7, {}).apply(project)
    (passage,) = passages_of(project, article_id, None)
    return EditConsensus(passage.uid, memo="decided")


@pytest.mark.parametrize(
    "build",
    [
        _create, _update, _delete, _status, _article_codes,
        _accept_new, _accept_over, _write_consensus, _edit_consensus,
    ],
    ids=[
        "create", "update", "delete", "status", "article codes",
        "accept new", "accept over", "write consensus", "edit consensus",
    ],
)  # fmt: skip
def test_a_command_and_its_undo_each_open_one_transaction(
    seeded: Project,
    build: Callable[[Project, int, CodeId], Command],
    code_id: CodeId,
    transactions_begun: Counter,
) -> None:
    command = build(seeded, list_articles(seeded)[0].id, code_id)
    with transactions_begun(seeded) as begun:
        undo, _ = command.apply(seeded)
    assert len(begun) == 1
    with transactions_begun(seeded) as begun:
        undo.apply(seeded)
    assert len(begun) == 1


def test_new_article_codes_refused_leave_the_old_ones(seeded: Project, code_id: CodeId) -> None:
    """The old codes are deleted before the new are inserted: the refused insert takes the
    delete back with it."""
    article = list_articles(seeded)[0].id
    report = code_id(seeded, "genre", "News report")
    analysis = code_id(seeded, "genre", "News analysis")
    SetArticleCodes(article, "Alice", {"genre": [report]}).apply(seeded)
    refuse_inserts(seeded, "article_code")
    with pytest.raises(ProjectError, match="refused by the test"):
        SetArticleCodes(article, "Alice", {"genre": [analysis]}).apply(seeded)
    assert article_codes(seeded, article, "Alice")["genre"] == [report]


def test_a_recode_refused_leaves_span_memo_and_codes(seeded: Project, code_id: CodeId) -> None:
    """Span and memo are written with the codes: a refused code takes them back."""
    article = list_articles(seeded)[0].id
    negative = code_id(seeded, "stance", "Negative")
    positive = code_id(seeded, "stance", "Positive")
    CreatePassage(article, "Alice", 0, 7, {"stance": [negative]}).apply(seeded)
    (before,) = passages_of(seeded, article, "Alice")
    refuse_inserts(seeded, "passage_code")
    with pytest.raises(ProjectError, match="refused by the test"):
        UpdatePassage(before.uid, codes={"stance": [positive]}, span=(0, 16), memo="wider").apply(
            seeded
        )
    assert passage_by_uid(seeded, before.uid) == before


def test_a_passage_whose_status_step_is_refused_is_not_kept(seeded: Project) -> None:
    """Coding an article also begins it: when that step fails, the passage goes too."""
    article = list_articles(seeded)[0].id
    refuse_inserts(seeded, "assignment")
    with pytest.raises(ProjectError, match="refused by the test"):
        CreatePassage(article, "Alice", 0, 7).apply(seeded)
    assert passages_of(seeded, article, None) == []
    assert list_articles(seeded, "Alice")[0].status == "todo"


def test_a_refused_first_acceptance_does_not_create_the_consensus_coder(seeded: Project) -> None:
    """The first acceptance creates the consensus coder, then copies the passage: when the
    copy is refused, the coder is not left behind."""
    article = list_articles(seeded)[0].id
    CreatePassage(article, "Alice", 0, 7).apply(seeded)
    (passage,) = passages_of(seeded, article, "Alice")
    refuse_inserts(seeded, "passage")
    with pytest.raises(ProjectError, match="refused by the test"):
        AcceptVersion(passage.uid).apply(seeded)
    assert [c.name for c in list_coders(seeded)] == ["Alice"]
