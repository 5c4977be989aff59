"""Each coder's work is theirs: the services refuse a change to another coder's passages,
codes and statuses whoever asks (a window, undo, an import), on SQLite and PostgreSQL;
a lead changes them only as lead, and writes the consensus through adjudication."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from stancecoder.core.actor import Actor
from stancecoder.core.errors import NotYoursError
from stancecoder.db.models import Assignment, Coder, Passage
from stancecoder.services.agreement.adjudication import AcceptVersion
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.codings_import import import_codings
from stancecoder.services.commands import (
    CreatePassage,
    DeletePassage,
    SetArticleCodes,
    SetStatus,
    UpdatePassage,
)
from stancecoder.services.project import Project


def rows(project: Project) -> list[tuple[str, int, int, str, int]]:
    """Every passage and status as stored, read with no actor in the way."""
    with project.reading() as session:
        passages = session.execute(
            select(Coder.name, Passage.start, Passage.end, Passage.memo, Passage.version)
            .join(Coder, Coder.id == Passage.coder_id)
            .order_by(Passage.id)
        ).all()
        statuses = session.execute(
            select(Coder.name, Assignment.article_id, Assignment.status, Assignment.version)
            .join(Coder, Coder.id == Assignment.coder_id)
            .order_by(Coder.name)
        ).all()
    return [tuple(row) for row in (*passages, *statuses)]  # type: ignore[misc]


@pytest.fixture
def team(seeded: Project) -> tuple[Project, int, str]:
    """Alice (a coder), Bob (a coder), Lee (a lead); Bob has coded a passage."""
    add_coder(seeded, "Bob")
    add_coder(seeded, "Lee", "lead")
    article = list_articles(seeded)[0].id
    seeded.actor = Actor("Bob")
    create = CreatePassage(article, "Bob", 0, 7, {"stance": ["+1"]}, memo="Bob's")
    create.apply(seeded)
    seeded.actor = None
    assert create.uid is not None
    return seeded, article, create.uid


def attempts(article: int, uid: str) -> list[object]:
    return [
        CreatePassage(article, "Bob", 10, 20, {}),
        UpdatePassage(uid, memo="changed"),
        UpdatePassage(uid, span=(0, 3)),
        DeletePassage(uid),
        SetStatus(article, "Bob", "done"),
        SetArticleCodes(article, "Bob", {"genre": []}),
    ]


@pytest.mark.parametrize("actor", [Actor("Alice"), Actor("Lee", lead=True)], ids=["coder", "lead"])
def test_another_coders_work_is_refused_and_left_as_it_was(
    team: tuple[Project, int, str], actor: Actor
) -> None:
    project, article, uid = team
    before = rows(project)
    project.actor = actor
    for command in attempts(article, uid):
        with pytest.raises(NotYoursError, match="Bob's work"):
            command.apply(project)  # type: ignore[attr-defined]
    assert rows(project) == before


def test_the_lead_as_lead_and_the_command_line_may_change_it(
    team: tuple[Project, int, str],
) -> None:
    project, article, uid = team
    project.actor = Actor("Lee", lead=True, as_lead=True)
    UpdatePassage(uid, memo="fixed by the lead").apply(project)
    project.actor = None
    SetStatus(article, "Bob", "done").apply(project)
    assert ("Bob", 0, 7, "fixed by the lead", 2) in rows(project)
    assert ("Bob", article, "done", 2) in rows(project)


def test_a_coder_changes_and_undoes_their_own_work(team: tuple[Project, int, str]) -> None:
    project, _article, uid = team
    project.actor = Actor("bob")  # as typed: names are found whatever their case
    undo, _ = UpdatePassage(uid, memo="mine").apply(project)
    undo.apply(project)
    assert ("Bob", 0, 7, "Bob's", 3) in rows(project)


def test_only_a_lead_writes_the_consensus(team: tuple[Project, int, str]) -> None:
    project, _article, uid = team
    project.actor = Actor("Alice")
    with pytest.raises(NotYoursError):
        AcceptVersion(uid).apply(project)
    assert "Consensus" not in [row[0] for row in rows(project)]
    project.actor = Actor("Lee", lead=True)
    AcceptVersion(uid).apply(project)
    assert ("Consensus", 0, 7, "Bob's", 1) in rows(project)


def test_importing_codings_is_a_leads_work(team: tuple[Project, int, str], tmp_path: Path) -> None:
    project, article, _uid = team
    table = tmp_path / "codings.csv"
    table.write_text(f"article_id,coder,start,end,stance\n{article},Bob,30,40,-1\n", "utf-8")
    before = rows(project)
    project.actor = Actor("Alice")
    with pytest.raises(NotYoursError, match="only a lead may import codings"):
        import_codings(project, table)
    assert rows(project) == before
    project.actor = Actor("Lee", lead=True)
    import_codings(project, table)
    assert ("Bob", 30, 40, "", 1) in rows(project)
