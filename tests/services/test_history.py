"""The coding history: each write leaves exactly its row, with the state before and after
as the test itself knows it; a refused write leaves none."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

import pytest

from stancecoder.core.actor import Actor
from stancecoder.core.errors import NotYoursError, ValidationError
from stancecoder.core.history import HistoryEntry
from stancecoder.services.agreement.adjudication import AcceptVersion, consensus_coder
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook import delete_code, rename_code
from stancecoder.services.codebook_edit import codebook_for_editing, save_codebook
from stancecoder.services.coders import add_coder
from stancecoder.services.codings_import import import_codings
from stancecoder.services.commands import (
    CreatePassage,
    DeletePassage,
    SetArticleCodes,
    SetStatus,
    UpdatePassage,
)
from stancecoder.services.history_read import (
    HistoryFilter,
    passage_history,
    read_history,
)
from stancecoder.services.project import Project

CodeId = Callable[[Project, str, str], int]


class Since:
    """The rows a test's actions add, past those the project had when it began."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.seen = len(read_history(project))

    def rows(self) -> list[HistoryEntry]:
        rows = read_history(self.project)[self.seen :]
        self.seen += len(rows)
        return rows


def passage(span: tuple[int, int], text: str, codes: list[str], memo: str, version: int) -> dict:
    return {
        "span": list(span),
        "quote": text[span[0] : span[1]],
        "codes": codes,
        "memo": memo,
        "version": version,
    }


def test_passages_added_changed_deleted_and_undone(seeded: Project, code_id: CodeId) -> None:
    seeded.actor = Actor("Alice")
    article = read_article(seeded, list_articles(seeded)[0].id)
    negative = code_id(seeded, "stance", "Negative")
    positive = code_id(seeded, "stance", "Positive")
    since = Since(seeded)

    CreatePassage(article.id, "Alice", 0, 7, {"stance": [negative]}, "m").apply(seeded)
    (added,) = since.rows()
    first = passage((0, 7), article.text, ["stance: Negative"], "m", 1)
    assert (added.action, added.actor, added.coder, added.article_id) == (
        "passage added", "Alice", "Alice", article.id,
    )  # fmt: skip
    assert (added.before, added.after) == (None, first)
    uid = added.passage_uid
    assert uid is not None

    undo_update, _ = UpdatePassage(uid, codes={"stance": [positive]}, span=(0, 16)).apply(seeded)
    (changed,) = since.rows()
    second = passage((0, 16), article.text, ["stance: Positive"], "m", 2)
    assert (changed.action, changed.passage_uid) == ("passage changed", uid)
    assert (changed.before, changed.after) == (first, second)
    assert changed.change == (
        f'span: [0, 7) -> [0, 16); quote: "{article.text[:7]}" -> "{article.text[:16]}"; '
        "codes: stance: Negative -> stance: Positive"
    )

    undo_update.apply(seeded)  # the undo is an action of its own, with its own row
    (undone,) = since.rows()
    assert (undone.action, undone.before, undone.after) == (
        "passage changed", second, passage((0, 7), article.text, ["stance: Negative"], "m", 3),
    )  # fmt: skip

    restore, _ = DeletePassage(uid).apply(seeded)
    (deleted,) = since.rows()
    assert (deleted.action, deleted.passage_uid, deleted.after) == ("passage deleted", uid, None)
    assert deleted.before == passage((0, 7), article.text, ["stance: Negative"], "m", 3)

    restore.apply(seeded)
    (back,) = since.rows()
    assert (back.action, back.passage_uid) == ("passage added", uid)
    assert [e.action for e in passage_history(seeded, uid)] == [
        "passage added", "passage changed", "passage changed", "passage deleted", "passage added",
    ]  # fmt: skip


def test_a_new_passage_names_its_codes_in_codebook_order(seeded: Project, code_id: CodeId) -> None:
    """Given in another order, read from the codebook as the table's names would be."""
    codes = {
        "stance": [code_id(seeded, "stance", "Negative")],
        "topic": [code_id(seeded, "topic", "Sanctions")],
        "actor": [code_id(seeded, "actor", "Kremlin")],
    }
    since = Since(seeded)
    CreatePassage(list_articles(seeded)[0].id, "Alice", 0, 7, codes).apply(seeded)
    (added,) = since.rows()
    assert added.after is not None
    assert added.after["codes"] == ["actor: Kremlin", "topic: Sanctions", "stance: Negative"]


def test_status_and_article_codes_keep_their_versions(seeded: Project, code_id: CodeId) -> None:
    article = list_articles(seeded)[0].id
    analysis = code_id(seeded, "genre", "News analysis")
    since = Since(seeded)

    SetArticleCodes(article, "Alice", {"genre": [analysis]}).apply(seeded)
    (codes,) = since.rows()
    assert (codes.action, codes.coder, codes.article_id) == ("article codes", "Alice", article)
    assert (codes.before, codes.after) == (
        {"codes": [], "version": 0},
        {"codes": ["genre: News analysis"], "version": 1},
    )

    undo, _ = SetStatus(article, "Alice", "done").apply(seeded)
    (status,) = since.rows()
    assert (status.action, status.before, status.after) == (
        "status", {"status": "doing", "version": 1}, {"status": "done", "version": 2},
    )  # fmt: skip
    assert status.change == 'status: "doing" -> "done"'

    undo.apply(seeded)
    (back,) = since.rows()
    assert (back.before, back.after) == (
        {"status": "done", "version": 2}, {"status": "doing", "version": 3},
    )  # fmt: skip


def test_a_refused_write_leaves_no_row(seeded: Project, code_id: CodeId) -> None:
    article = list_articles(seeded)[0].id
    add_coder(seeded, "Bob")
    CreatePassage(article, "Alice", 0, 7).apply(seeded)
    (made,) = [e for e in read_history(seeded) if e.action == "passage added"]
    since = Since(seeded)
    uid = str(made.passage_uid)
    with pytest.raises(ValidationError, match="someone else changed"):
        UpdatePassage(uid, version=7, memo="stale").apply(seeded)
    with pytest.raises(ValidationError, match="someone else changed"):
        SetStatus(article, "Alice", "done", version=5).apply(seeded)
    seeded.actor = Actor("Bob")
    with pytest.raises(NotYoursError):
        DeletePassage(uid).apply(seeded)
    with pytest.raises(NotYoursError):
        SetStatus(article, "Alice", "done").apply(seeded)
    assert since.rows() == []


def test_without_an_actor_the_command_line_user_is_named(seeded: Project) -> None:
    article = list_articles(seeded)[0].id
    since = Since(seeded)
    SetStatus(article, "Alice", "doing").apply(seeded)
    (row,) = since.rows()
    assert row.actor == f"{getpass.getuser()} (command line)"


def test_an_import_of_codings_leaves_a_row_per_passage_and_article_codes(
    seeded: Project, tmp_path: Path
) -> None:
    article = read_article(seeded, list_articles(seeded)[0].id)
    quote = article.text[:7]
    table = tmp_path / "codings.csv"
    table.write_text(
        f"article_id,coder,start,end,stance,genre\n{article.id},Alice,0,7,Negative,Interview\n",
        encoding="utf-8",
    )
    since = Since(seeded)
    import_codings(seeded, table)
    added, codes = since.rows()
    assert (added.action, added.coder, added.after) == (
        "passage added", "Alice", passage((0, 7), article.text, ["stance: Negative"], "", 1),
    )  # fmt: skip
    assert quote in added.change
    assert (codes.action, codes.before, codes.after) == (
        "article codes", {"codes": [], "version": 1},
        {"codes": ["genre: Interview"], "version": 2},
    )  # fmt: skip


def test_accepting_a_version_writes_the_consensus_row(seeded: Project) -> None:
    article = read_article(seeded, list_articles(seeded)[0].id)
    create = CreatePassage(article.id, "Alice", 0, 7)
    create.apply(seeded)
    seeded.actor = Actor("Alice", lead=True)
    since = Since(seeded)
    AcceptVersion(str(create.uid)).apply(seeded)
    (row,) = since.rows()
    assert (row.action, row.actor, row.coder) == (
        "passage added", "Alice", consensus_coder(seeded),
    )  # fmt: skip
    assert row.passage_uid != create.uid
    assert row.after == passage((0, 7), article.text, [], "", 1)


def test_codebook_changes_each_leave_a_row(seeded: Project) -> None:
    since = Since(seeded)
    rename_code(seeded, "stance", "Neutral / ambivalent", "Neutral")
    (renamed,) = since.rows()
    assert renamed.action == "codebook"
    assert renamed.change == 'code: "stance: Neutral / ambivalent" -> "stance: Neutral"'

    spec = codebook_for_editing(seeded)
    genre = next(v for v in spec.variables if v.name == "genre")
    other = next(c for c in genre.codes if c.label == "Other")
    other.active = False
    spec.version = "1.1"
    save_codebook(seeded, spec)
    rows = since.rows()
    assert sorted(r.change for r in rows) == [
        'code "genre: Other": active: yes -> no',
        'codebook version: "1.0" -> "1.1"',
    ]

    CreatePassage(list_articles(seeded)[0].id, "Alice", 0, 7, {"stance": "Neutral"}).apply(seeded)
    since.rows()
    moved = delete_code(seeded, "stance", "Neutral", merge_into="Positive")
    merged, removed = since.rows()
    assert moved == 1
    assert (merged.action, merged.before, merged.after) == (
        "codes merged", {"code": "stance: Neutral", "codings": 1}, {"code": "stance: Positive"},
    )  # fmt: skip
    assert (removed.action, removed.after) == ("codebook", None)
    assert removed.before is not None and removed.before["code"] == "stance: Neutral"


def test_filters_narrow_the_rows(seeded: Project) -> None:
    first, second = (a.id for a in list_articles(seeded))
    add_coder(seeded, "Bob")
    SetStatus(first, "Alice", "done").apply(seeded)
    SetStatus(second, "Bob", "done").apply(seeded)
    bob = read_history(seeded, HistoryFilter(coder="Bob"))
    assert [(e.coder, e.article_id) for e in bob] == [("Bob", second)]
    on_first = read_history(seeded, HistoryFilter(article_id=first))
    assert [(e.coder, e.action) for e in on_first] == [("Alice", "status")]
    later = read_history(seeded, HistoryFilter(since=bob[0].at))
    assert [e.coder for e in later] == ["Bob"]
    assert on_first[0].article_title == read_article(seeded, first).title
