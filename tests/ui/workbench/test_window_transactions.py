"""What one keystroke costs the database, and how the window meets a status or article
codes someone else changed since it showed them: as a stale passage, with a message and
nothing written."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stancecoder.services.article_codes import article_codes
from stancecoder.services.articles import list_articles
from stancecoder.services.codings import set_status
from stancecoder.services.project import Project, open_project
from stancecoder.ui.workbench.main_window import MainWindow

Counter = Callable[[Project], AbstractContextManager[list[int]]]
STALE = "someone else changed this article's status or codes in the meantime"


@pytest.fixture
def window(ui_project: Project, coding_window: Callable[[Project], MainWindow]) -> MainWindow:
    return coding_window(ui_project)


def select_words(window: MainWindow, phrase: str) -> None:
    assert window.article is not None
    start = window.article.text.index(phrase)
    window.reader.select_span(start, start + len(phrase))


def test_enter_writes_once_and_reads_what_changed_once(
    qtbot: QtBot, window: MainWindow, code_id: Callable[..., int], transactions_begun: Counter
) -> None:
    """The passages, the article form, the list's row, today's count and the assigned
    articles done are all read again after Enter, in one transaction."""
    select_words(window, "Vladimir Putin")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_4)
    with transactions_begun(window.project) as begun:
        qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    assert len(begun) == 2  # the passage written; what changed, read
    assert [p.quote for p in window.passages] == ["Vladimir Putin"]
    assert window.articles.shown()[0].passages == 1
    assert "coded today: 1" in window.status.text()
    assert window.coding is not None and window.coding.status == "doing"

    window.select_passage(window.passages[0].id)
    window.panel.choose_code(code_id("stance", "Negative"))
    with transactions_begun(window.project) as begun:
        qtbot.keyClick(window.panel, Qt.Key.Key_Return)
    assert len(begun) == 2
    assert window.passages[0].codes == (code_id("stance", "Negative"),)
    assert window.complaints == []  # type: ignore[attr-defined]


def test_a_status_changed_elsewhere_refuses_the_article_codes_with_a_message(
    window: MainWindow, code_id: Callable[..., int]
) -> None:
    assert window.article is not None
    article = window.article.id
    with open_project(window.project.store.target) as elsewhere:  # its own connection
        set_status(elsewhere, article, "Alice", "done")
    window.article_form.choose_code(code_id("genre", "News report"))
    messages = window.complaints  # type: ignore[attr-defined]
    assert len(messages) == 1 and STALE in messages[0]
    assert article_codes(window.project, article, "Alice")["genre"] == []
    assert not window.undo.stack.canUndo()

    window.refresh()  # F5, as the message says: then the change goes through
    window.article_form.choose_code(code_id("genre", "News report"))
    assert article_codes(window.project, article, "Alice")["genre"] == [
        code_id("genre", "News report")
    ]
    assert len(window.complaints) == 1  # type: ignore[attr-defined]


def test_mark_done_after_a_change_elsewhere_is_refused(window: MainWindow) -> None:
    assert window.article is not None
    article = window.article.id
    with open_project(window.project.store.target) as elsewhere:
        set_status(elsewhere, article, "Alice", "doing")
    window.registry["done"].trigger()
    messages = window.complaints  # type: ignore[attr-defined]
    assert len(messages) == 1 and STALE in messages[0]
    assert {r.id: r.status for r in list_articles(window.project, "Alice")}[article] == "doing"


def test_undo_and_redo_walk_through_several_article_codes(
    window: MainWindow, code_id: Callable[..., int]
) -> None:
    """Each step leaves a new version; the runner hands the last one to the step it
    takes next, so undo and redo go all the way back and forth."""
    assert window.article is not None
    article = window.article.id
    genres = [
        code_id("genre", label) for label in ("News report", "Interview", "Opinion / commentary")
    ]
    for genre in genres:
        window.article_form.choose_code(genre)
    undo, redo = window.registry.edit
    for _ in genres:
        undo.trigger()
    assert article_codes(window.project, article, "Alice")["genre"] == []
    for _ in genres:
        redo.trigger()
    assert article_codes(window.project, article, "Alice")["genre"] == [genres[-1]]
    assert window.complaints == []  # type: ignore[attr-defined]
