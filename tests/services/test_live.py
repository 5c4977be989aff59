"""The change log: each kind of write leaves the row that names it, and another process (here
a second open of the same project, with its own engine) learns of it; a process is not told
of its own writes. On SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from stancecoder.core.changes import Changes
from stancecoder.db.change_log import KEEP, named_tables
from stancecoder.db.models import Base, ChangeLog
from stancecoder.services.articles import list_articles
from stancecoder.services.codebook import delete_code, rename_code
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import write_status
from stancecoder.services.codings_import import import_codings
from stancecoder.services.commands import CreatePassage, SetArticleCodes, SetStatus, UpdatePassage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.live import MANY, changes_since, newest_change
from stancecoder.services.project import Project, open_project
from stancecoder.services.samples import draw_sample

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def code_id(project: Project, variable: str, label: str) -> int:
    view = codebook_view(project)
    variable_view = next(v for v in view.variables if v.name == variable)
    return next(c.id for c in variable_view.codes if c.label == label)


def log_rows(project: Project, after: int) -> list[ChangeLog]:
    with project.transaction() as session:
        return list(session.scalars(select(ChangeLog).where(ChangeLog.id > after)))


@pytest.fixture
def other(seeded: Project) -> Project:
    """The same project opened again, as another process would: its own engine and log."""
    project = open_project(seeded.store.target)
    yield project
    project.close()


def test_a_command_logs_its_article_and_passage_once_for_others(
    seeded: Project, other: Project
) -> None:
    before = newest_change(other)
    article = list_articles(seeded)[0].id
    sanctions = code_id(seeded, "topic", "Sanctions")
    _, made = CreatePassage(article, "Alice", 0, 7, {"topic": [sanctions]}).apply(seeded)
    (row,) = log_rows(seeded, before)
    assert (row.articles, row.codebook, row.everything) == (f"[{article}]", False, False)
    assert row.passages == f"[{next(iter(made.passages))}]"

    seen = changes_since(other, before)
    assert seen.changes == Changes(articles={article}, passages=made.passages)
    assert seen.last == row.id
    assert changes_since(seeded, before).changes is None  # its own: published already
    assert changes_since(other, seen.last).changes is None  # nothing new since


def test_codes_status_and_article_codes_name_their_article(seeded: Project, other: Project) -> None:
    article = list_articles(seeded)[1].id
    sanctions = code_id(seeded, "topic", "Sanctions")
    _, made = CreatePassage(article, "Alice", 0, 7).apply(seeded)
    uid = next(iter(made.versions))
    before = newest_change(other)
    UpdatePassage(uid, codes={"topic": [sanctions]}).apply(seeded)  # passage codes only
    SetStatus(article, "Alice", "done").apply(seeded)
    SetArticleCodes(article, "Alice", {"genre": [code_id(seeded, "genre", "News report")]}).apply(
        seeded
    )
    rows = log_rows(seeded, before)
    assert [r.articles for r in rows] == [f"[{article}]"] * 3
    assert changes_since(other, before).changes == Changes(
        articles={article}, passages=made.passages
    )


def test_an_import_logs_the_articles_it_added(
    seeded: Project, other: Project, tmp_path: Path
) -> None:
    before = newest_change(other)
    path = tmp_path / "one more.txt"
    path.write_text("One more\n\nA wire from Seoul about the treaty.\n", encoding="utf-8")
    report = import_corpus(seeded, [path])
    assert report.imported
    assert changes_since(other, before).changes == Changes(articles=set(report.imported))


def test_files_stored_together_log_every_article_they_added(
    seeded: Project, other: Project, tmp_path: Path
) -> None:
    """The articles of a chunk of files come in through one INSERT on the connection, past
    the ORM's events: the change log is told their ids, not "everything"."""
    for number in range(3):
        text = f"Wire {number}\n\nA wire from Seoul about the treaty, number {number}.\n"
        (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")
    before = newest_change(other)
    report = import_corpus(seeded, [tmp_path])
    assert len(report.imported) == 3
    assert changes_since(other, before).changes == Changes(articles=set(report.imported))
    assert not any(row.everything for row in log_rows(seeded, before))


def test_codings_imported_row_by_row_leave_one_row(
    seeded: Project, other: Project, tmp_path: Path
) -> None:
    """Each row of a codings file is a savepoint: the transaction, not each, is logged."""
    first, second = (a.id for a in list_articles(seeded)[:2])
    path = tmp_path / "codings.csv"
    lines = [f"{a},Alice,{n},{n + 5},Sanctions" for a in (first, second) for n in (0, 10)]
    path.write_text("article,coder,start,end,topic\n" + "\n".join(lines) + "\n")
    before = newest_change(other)
    import_codings(seeded, path)
    (row,) = log_rows(seeded, before)
    assert row.articles == f"[{first}, {second}]"
    seen = changes_since(other, before)
    assert seen.changes is not None and seen.changes.articles == {first, second}
    assert len(seen.changes.passages) == 4
    assert changes_since(seeded, before).changes is None


def test_a_codebook_change_is_logged_as_one(seeded: Project, other: Project) -> None:
    before = newest_change(other)
    rename_code(seeded, "topic", "Sanctions", "Sanctions regime")
    assert changes_since(other, before).changes == Changes(codebook=True)


def test_moving_codings_between_codes_and_drawing_a_sample_reload_everything(
    seeded: Project, other: Project
) -> None:
    article = list_articles(seeded)[0].id
    sanctions = code_id(seeded, "topic", "Sanctions")
    CreatePassage(article, "Alice", 0, 7, {"topic": [sanctions]}).apply(seeded)
    before = newest_change(other)
    delete_code(seeded, "topic", "Sanctions", merge_into="Military cooperation")
    assert changes_since(other, before).changes == Changes(codebook=True, reload=True)

    add_coder(seeded, "Bob")
    before = newest_change(other)
    draw_sample(seeded, "training 1", count=1, coders=["Alice", "Bob"], seed=1)
    assert changes_since(other, before).changes == Changes(reload=True)


def test_reading_logs_nothing(seeded: Project) -> None:
    before = newest_change(seeded)
    list_articles(seeded)
    codebook_view(seeded)
    assert log_rows(seeded, before) == []


def test_more_rows_than_one_look_reads_mean_everything(seeded: Project, other: Project) -> None:
    before = newest_change(other)
    with seeded.transaction() as session:
        session.add_all(ChangeLog(articles="[1]") for _ in range(MANY + 1))
    seen = changes_since(other, before)
    assert seen.changes == Changes(reload=True)
    assert seen.last == newest_change(other)


def test_old_rows_are_pruned_at_open(seeded: Project) -> None:
    old = datetime.now(UTC) - KEEP - timedelta(hours=1)
    with seeded.transaction() as session:
        session.add(ChangeLog(at=old))
    rename_code(seeded, "topic", "Sanctions", "Sanctions regime")  # a row of today
    open_project(seeded.store.target).close()
    with seeded.transaction() as session:
        ages = session.scalars(select(ChangeLog.at)).all()
        assert ages and all(_aware(at) > old for at in ages)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite gives back naive times


def test_every_table_is_named_by_the_log() -> None:
    assert set(Base.metadata.tables) <= named_tables()


@pytest.mark.postgres
@pytest.mark.parametrize("project_location", ["postgres"], indirect=True)  # SQLite: one writer
def test_on_a_server_log_ids_follow_the_order_of_commits(seeded: Project, other: Project) -> None:
    """The transaction that began first but committed last gets the later id, so a reader
    that saw an id has seen every row below it."""
    first, second = (a.id for a in list_articles(seeded)[:2])
    before = newest_change(other)
    with seeded.transaction() as early:
        write_status(early, first, "Alice", "done")
        early.flush()  # written, not committed
        SetStatus(second, "Alice", "done").apply(other)  # committed meanwhile
    rows = log_rows(seeded, before)
    assert [r.articles for r in rows] == [f"[{second}]", f"[{first}]"]
