"""Find in the article from the window: its keys, and the list's search shown in the
article opened from it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stancecoder.services.project import Project
from stancecoder.ui.workbench.main_window import MainWindow


@pytest.fixture
def window(ui_project: Project, coding_window) -> MainWindow:
    return coding_window(ui_project)


def test_keys_open_the_bar_step_and_escape_returns_to_the_reader(
    qtbot: QtBot, window: MainWindow
) -> None:
    text = window.article.text
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert window.find_bar.isVisible() and window.find_bar.field.hasFocus()
    qtbot.keyClicks(window.find_bar.field, "the")
    total = text.lower().count("the")
    assert total > 2 and window.find_bar.count.text() == f"1 of {total}"
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F3)
    assert window.find_bar.count.text() == f"2 of {total}"
    qtbot.keyClick(window.reader, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.count.text() == f"{total} of {total}"
    window.find_bar.field.setFocus()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden() and window.reader.hits == []
    assert window.reader.hasFocus()
    assert window.article is not None  # Esc closed the bar, nothing else


def test_an_article_opened_from_a_search_shows_the_words(qtbot: QtBot, window: MainWindow) -> None:
    window.articles.search.setText("putin")
    qtbot.keyClick(window.articles.search, Qt.Key.Key_Return)  # to the results, the first
    text = window.article.text
    marked = [text[start:end] for start, end in window.reader.hits]
    assert marked and {word.lower() for word in marked} == {"putin"}
    assert window.reader.current_hit is None and window.find_bar.isHidden()
    window.articles.search.clear()
    window.articles.select_article(window.articles.shown()[-1].id)
    assert window.reader.hits == []
