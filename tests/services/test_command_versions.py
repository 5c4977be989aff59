"""A coder's status and article codes are versioned as passages are: a change committed by
another process after the coder looked, or by another session between a command's read and
its write, is refused and nothing is written; undo and redo still chain."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event

from stancecoder.core.errors import ValidationError
from stancecoder.services.article_codes import ArticleCoding
from stancecoder.services.articles import list_articles
from stancecoder.services.coding_view import coding_view
from stancecoder.services.codings_import import import_codings
from stancecoder.services.commands import Command, CreatePassage, SetArticleCodes, SetStatus
from stancecoder.services.project import Project, open_project

CodeId = Callable[[Project, str, str], int]
STALE = "someone else changed this article's status or codes in the meantime; refresh and try"

# What another process commits for Alice on an article, as a second StanceCoder would.
OTHER_PROCESS = """
import sys
from stancecoder.services.codings import set_article_codes, set_status
from stancecoder.services.project import open_project

target, what, article = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_project(target) as project:
    if what == "status":
        set_status(project, article, "Alice", "done")
    else:
        set_article_codes(project, article, "Alice", {"genre": "Interview"})
"""


def seen(project: Project, article_id: int) -> ArticleCoding:
    """Alice's status and article codes as her window shows them."""
    coding = coding_view(project, "Alice", article_id=article_id).coding
    assert coding is not None
    return coding


def commit_elsewhere(project: Project, what: str, article_id: int) -> None:
    target = str(project.store.target)
    subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, target, what, str(article_id)],
        check=True,
        timeout=120,
    )


def _status(article_id: int, version: int, code_id: Callable[[str], int]) -> Command:
    return SetStatus(article_id, "Alice", "doing", version)


def _codes(article_id: int, version: int, code_id: Callable[[str], int]) -> Command:
    return SetArticleCodes(article_id, "Alice", {"genre": [code_id("News report")]}, version)


@pytest.mark.parametrize("elsewhere", ["status", "article codes"])
@pytest.mark.parametrize("build", [_status, _codes], ids=["status", "article codes"])
def test_a_change_committed_by_another_process_since_the_coder_looked_is_refused(
    seeded: Project,
    code_id: CodeId,
    elsewhere: str,
    build: Callable[[int, int, Callable[[str], int]], Command],
) -> None:
    article = list_articles(seeded)[0].id
    SetStatus(article, "Alice", "doing").apply(seeded)  # Alice has an assignment: version 1
    looked = seen(seeded, article)
    commit_elsewhere(seeded, elsewhere, article)
    after_them = seen(seeded, article)
    assert after_them.version > looked.version

    command = build(article, looked.version, lambda label: code_id(seeded, "genre", label))
    with pytest.raises(ValidationError, match=STALE):
        command.apply(seeded)
    assert seen(seeded, article) == after_them


def test_an_assignment_made_since_the_coder_looked_is_a_change(seeded: Project) -> None:
    """Version 0 is what a coder without an assignment saw: one made since is newer."""
    article = list_articles(seeded)[0].id
    looked = seen(seeded, article)
    assert (looked.status, looked.version) == ("todo", 0)
    commit_elsewhere(seeded, "status", article)
    with pytest.raises(ValidationError, match=STALE):
        SetStatus(article, "Alice", "doing", looked.version).apply(seeded)
    assert seen(seeded, article).status == "done"


def test_writing_article_codes_steps_the_version_even_when_the_status_stays(
    seeded: Project, code_id: CodeId
) -> None:
    article = list_articles(seeded)[0].id
    SetStatus(article, "Alice", "done").apply(seeded)
    before = seen(seeded, article)
    report = code_id(seeded, "genre", "News report")
    _, changes = SetArticleCodes(article, "Alice", {"genre": [report]}, before.version).apply(
        seeded
    )
    after = seen(seeded, article)
    assert (after.status, after.codes["genre"]) == ("done", [report])
    assert after.version == before.version + 1
    assert list(changes.versions.values()) == [after.version]


def test_undo_and_redo_chain_on_the_versions_they_leave(seeded: Project, code_id: CodeId) -> None:
    article = list_articles(seeded)[0].id
    report = code_id(seeded, "genre", "News report")
    looked = seen(seeded, article)
    undo, _ = SetArticleCodes(article, "Alice", {"genre": [report]}, looked.version).apply(seeded)
    redo, _ = undo.apply(seeded)
    assert seen(seeded, article).codes["genre"] == []
    undo, _ = redo.apply(seeded)
    assert seen(seeded, article).codes["genre"] == [report]

    undo_done, _ = SetStatus(article, "Alice", "done", seen(seeded, article).version).apply(seeded)
    redo_done, _ = undo_done.apply(seeded)
    assert seen(seeded, article).status == "doing"  # the article codes began it
    redo_done.apply(seeded)
    assert seen(seeded, article).status == "done"


def test_an_undo_after_a_change_elsewhere_is_refused(seeded: Project) -> None:
    article = list_articles(seeded)[0].id
    undo, _ = SetStatus(article, "Alice", "done", 0).apply(seeded)
    commit_elsewhere(seeded, "article codes", article)
    after_them = seen(seeded, article)
    with pytest.raises(ValidationError, match=STALE):
        undo.apply(seeded)
    assert seen(seeded, article) == after_them


def test_a_passage_that_begins_the_article_names_the_version_it_left(seeded: Project) -> None:
    """Coding an article moves its status from to do to doing: the undo stack must know."""
    article = list_articles(seeded)[0].id
    _, changes = CreatePassage(article, "Alice", 0, 7).apply(seeded)
    assert f"assignment:{article}:Alice" in changes.versions
    assert changes.versions[f"assignment:{article}:Alice"] == seen(seeded, article).version == 1


@contextmanager
def committed_before_the_write(project: Project, other: Command) -> Iterator[list[str]]:
    """While in the block, `other` is applied and committed through a second session of its
    own, on its own connection, just before the project's first write to `assignment`:
    after the command read the row and before it writes it."""
    fired: list[str] = []
    second = open_project(project.store.target)

    def interpose(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not fired and statement.lstrip().upper().startswith("UPDATE ASSIGNMENT"):
            fired.append(statement)
            other.apply(second)

    event.listen(project.store.engine, "before_cursor_execute", interpose)
    try:
        yield fired
    finally:
        event.remove(project.store.engine, "before_cursor_execute", interpose)
        second.close()


@pytest.mark.postgres
@pytest.mark.parametrize("project_location", ["postgres"], indirect=True)
@pytest.mark.parametrize("build", [_status, _codes], ids=["status", "article codes"])
def test_a_change_committed_between_the_read_and_the_write_is_not_overwritten(
    seeded: Project,
    code_id: CodeId,
    build: Callable[[int, int, Callable[[str], int]], Command],
) -> None:
    """On PostgreSQL the write lands only on the version read and finds none: the second
    session's change stays and nothing of the command is written. SQLite's command holds
    the write lock from its read on (`BEGIN IMMEDIATE`), so there no change can be
    committed in between: a second writer waits its turn (`test_parallel_writers.py`)."""
    article = list_articles(seeded)[0].id
    SetStatus(article, "Alice", "doing").apply(seeded)
    command = build(article, seen(seeded, article).version, lambda x: code_id(seeded, "genre", x))
    interview = code_id(seeded, "genre", "Interview")
    other = SetArticleCodes(article, "Alice", {"genre": [interview]})
    match = "someone else changed this coding in the meantime"
    with (
        committed_before_the_write(seeded, other) as fired,
        pytest.raises(ValidationError, match=match),
    ):
        command.apply(seeded)
    assert fired
    after = seen(seeded, article)
    assert (after.status, after.codes["genre"], after.version) == ("doing", [interview], 2)


def test_article_codes_imported_since_the_coder_looked_are_a_change(
    seeded: Project, tmp_path: Path, code_id: CodeId
) -> None:
    article = list_articles(seeded)[0].id
    looked = seen(seeded, article)
    path = tmp_path / "codings.csv"
    path.write_text(f"article,coder,quote,genre\n{article},Alice,,Interview\n", encoding="utf-8")
    import_codings(seeded, path)
    imported = seen(seeded, article)
    assert imported.version > looked.version
    report = code_id(seeded, "genre", "News report")
    with pytest.raises(ValidationError, match=STALE):
        SetArticleCodes(article, "Alice", {"genre": [report]}, looked.version).apply(seeded)
    assert seen(seeded, article) == imported
