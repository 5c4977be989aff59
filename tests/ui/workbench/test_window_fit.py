"""The window at the sizes coders use: the text keeps a readable measure, the list narrows
or folds away, the coding side shows its buttons whole and leaves no empty band."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stancecoder.services.project import Project
from stancecoder.ui.widgets.reading_view import DOCUMENT_MARGIN
from stancecoder.ui.workbench.article_table import COLUMNS, TITLE
from stancecoder.ui.workbench.main_window import MainWindow
from stancecoder.ui.workbench.window_fit import ARTICLES_MIN, MIN_MEASURE, columns


def measure(window: MainWindow) -> float:
    """Average characters a line of the reader holds."""
    reader = window.reader
    text = reader.viewport().width() - 2 * DOCUMENT_MARGIN
    return text / reader.fontMetrics().averageCharWidth()


def sized(qtbot: QtBot, window: MainWindow, width: int, height: int) -> MainWindow:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    qtbot.wait(50)  # the fitting runs once the splitter has taken its new size
    return window


# 45 characters: the least of the 45 to 75 a line that typographers hold readable
@pytest.mark.parametrize(("width", "height", "least"), [(1024, 640, MIN_MEASURE), (800, 500, 45)])
def test_the_text_keeps_a_readable_measure(
    qtbot: QtBot,
    coding_window: Callable[[Project], MainWindow],
    ui_project: Project,
    width: int,
    height: int,
    least: int,
) -> None:
    window = sized(qtbot, coding_window(ui_project), width, height)
    assert measure(window) >= least
    articles = window.splitter.sizes()[0]
    assert articles == 0 or articles >= ARTICLES_MIN  # folded away, or still readable


def test_a_wide_window_keeps_the_list_and_a_full_column(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    window = sized(qtbot, coding_window(ui_project), 1440, 900)
    assert window.splitter.sizes()[0] >= ARTICLES_MIN
    assert measure(window) >= 72


def test_folding_the_list_takes_the_focus_out_of_its_search_box(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    window = coding_window(ui_project)
    window.activateWindow()
    window.articles.search.setFocus()
    qtbot.waitUntil(window.articles.search.hasFocus)
    sized(qtbot, window, 800, 500)
    assert window.splitter.sizes()[0] == 0
    assert not window.articles.search.hasFocus()


def test_find_brings_a_folded_list_back(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    window = sized(qtbot, coding_window(ui_project), 800, 500)
    assert window.splitter.sizes()[0] == 0
    window.registry["find"].trigger()
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] >= ARTICLES_MIN)
    assert window.articles.search.hasFocus()


def test_the_columns_give_way_in_order() -> None:
    """The list narrows first, then folds; the side gives way last."""
    ideal, least = 760, 570
    assert columns(1900, ideal, least, 300) == (300, 1900 - 300 - 520, 520)
    listed, reader, side = columns(1200, ideal, least, 300)
    assert (listed, side) == (ARTICLES_MIN, 372) and reader >= least
    assert columns(1000, ideal, least, 300)[0] == 0
    listed, reader, side = columns(780, ideal, least, 300)
    assert listed == 0 and reader + side == 780 and side < 372


def test_stance_buttons_are_whole_and_the_side_has_no_empty_band(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    window = coding_window(ui_project)
    window.reader.select_span(0, 20)
    for width, height in ((1024, 640), (1920, 1200)):
        sized(qtbot, window, width, height)
        stance = window.panel.fields["stance"]
        for button in stance.buttons.values():
            lines = button.text().split("\n")
            needs = max(button.fontMetrics().horizontalAdvance(line) for line in lines)
            assert button.width() >= needs, f"{button.text()!r} cut at {width}×{height}"
    # once the panel has laid itself out at the new width, it is as tall as what it shows
    side = window.side_splitter
    qtbot.waitUntil(lambda: side.sizes()[0] <= window.panel.content_height() + 2)
    panel, _form, passages = side.sizes()
    assert passages > panel / 2  # the list takes what is left


def test_the_panel_scrolls_as_one(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    """Heading, fields, memo and buttons live in one scrolled body: none is cut off by
    another's scroll area."""
    window = sized(qtbot, coding_window(ui_project), 800, 500)
    body = window.panel.scroll_area.widget()
    for part in (window.panel.heading, window.panel.memo_box, window.panel.save_button):
        assert body.isAncestorOf(part)


def test_every_column_of_the_article_list_says_what_it_holds(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    window = sized(qtbot, coding_window(ui_project), 1440, 900)
    model = window.articles.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert all(headers) and "#" not in headers
    assert headers[3:] == ["Status", "Passages"]
    title = model.index(0, TITLE)
    assert title.data(Qt.ItemDataRole.ToolTipRole) == title.data()  # the full title
    assert window.articles.table.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_a_long_title_loses_its_middle_not_its_end(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    window = sized(qtbot, coding_window(ui_project), 1440, 900)
    table = window.articles.table
    index = window.articles.model.index(1, TITLE)
    title = str(index.data())
    shown = table.fontMetrics().elidedText(
        title, table.textElideMode(), table.columnWidth(TITLE) - 8
    )
    assert shown != title and shown.endswith(title[-3:]) and shown.startswith(title[:3])
