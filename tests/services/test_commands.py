"""Undo and redo of every coding action, on a real project."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stancecoder.core.errors import ValidationError
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.commands import (
    CreatePassage,
    DeletePassage,
    SetArticleCodes,
    SetStatus,
    UpdatePassage,
)
from stancecoder.services.passages import passage_by_uid, passages_of
from stancecoder.services.project import Project

CodeId = Callable[[Project, str, str], int]


def test_create_undo_redo_keeps_the_uid(seeded: Project, code_id: CodeId) -> None:
    article = list_articles(seeded)[0]
    sanctions = code_id(seeded, "topic", "Sanctions")
    create = CreatePassage(article.id, "Alice", 0, 7, {"topic": [sanctions]}, memo="m")
    undo, changes = create.apply(seeded)
    assert changes.articles == {article.id}
    (made,) = passages_of(seeded, article.id, "Alice")
    assert made.codes == (sanctions,)

    redo, _ = undo.apply(seeded)
    assert passages_of(seeded, article.id, "Alice") == []
    redo.apply(seeded)
    (again,) = passages_of(seeded, article.id, "Alice")
    assert (again.uid, again.codes, again.memo) == (made.uid, made.codes, "m")


def test_update_undo_restores_codes_span_and_memo(seeded: Project, code_id: CodeId) -> None:
    article = read_article(seeded, list_articles(seeded)[0].id)
    negative = code_id(seeded, "stance", "Negative")
    positive = code_id(seeded, "stance", "Positive")
    CreatePassage(article.id, "Alice", 0, 7, {"stance": [negative]}).apply(seeded)
    (passage,) = passages_of(seeded, article.id, "Alice")

    undo, _ = UpdatePassage(
        passage.uid, codes={"stance": [positive]}, span=(0, 16), memo="wider"
    ).apply(seeded)
    changed = passage_by_uid(seeded, passage.uid)
    assert (changed.codes, changed.end, changed.memo) == ((positive,), 16, "wider")

    undo.apply(seeded)
    restored = passage_by_uid(seeded, passage.uid)
    assert (restored.codes, restored.end, restored.memo) == ((negative,), 7, "")


def test_delete_undo_brings_the_passage_back(seeded: Project) -> None:
    article = list_articles(seeded)[0]
    CreatePassage(article.id, "Alice", 0, 7).apply(seeded)
    (passage,) = passages_of(seeded, article.id, None)
    undo, _ = DeletePassage(passage.uid).apply(seeded)
    assert passages_of(seeded, article.id, None) == []
    undo.apply(seeded)
    assert [p.uid for p in passages_of(seeded, article.id, None)] == [passage.uid]
    DeletePassage(passage.uid).apply(seeded)
    with pytest.raises(ValidationError, match="no longer exists"):
        DeletePassage(passage.uid).apply(seeded)


def test_status_and_article_codes_undo(seeded: Project, code_id: CodeId) -> None:
    article = list_articles(seeded)[0]
    undo, _ = SetStatus(article.id, "Alice", "done").apply(seeded)
    assert list_articles(seeded, "Alice")[0].status == "done"
    undo.apply(seeded)
    assert list_articles(seeded, "Alice")[0].status == "todo"

    report = code_id(seeded, "genre", "News report")
    undo, _ = SetArticleCodes(article.id, "Alice", {"genre": [report]}).apply(seeded)
    assert isinstance(undo, SetArticleCodes) and undo.codes == {"genre": []}
