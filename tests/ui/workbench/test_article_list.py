"""The article list on a real project: search, filters, navigation and refresh."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from stancecoder.core.changes import Changes
from stancecoder.services.articles import list_articles
from stancecoder.services.codings import set_status
from stancecoder.services.commands import CreatePassage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project
from stancecoder.ui.workbench.article_list import ArticlePanel
from stancecoder.ui.workbench.article_table import DATE, PASSAGES, SOURCE, STATUS, TITLE


def shown_titles(panel: ArticlePanel) -> list[str]:
    return [panel.model.index(row, TITLE).data() for row in range(panel.model.rowCount())]


def current_title(panel: ArticlePanel) -> str:
    index = panel.table.currentIndex()
    return panel.model.index(index.row(), TITLE).data()


@pytest.fixture
def panel(qtbot, ui_project: Project) -> ArticlePanel:
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.resize(520, 400)
    panel.set_project(ui_project, "Alice")
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    return panel


@pytest.fixture
def five(ui_project: Project, tmp_path: Path) -> Project:
    """Three more articles (a, b, c) after the two seeds, for walking through the list."""
    folder = tmp_path / "more"
    folder.mkdir()
    for letter in "abc":
        (folder / f"{letter}.txt").write_text(f"Article {letter} on sanctions.\n", "utf-8")
    import_corpus(ui_project, [folder])
    return ui_project


def test_lists_the_seeds_with_their_columns(panel: ArticlePanel) -> None:
    assert panel.model.rowCount() == 2
    titles = shown_titles(panel)
    assert titles[0].startswith("Russian President Vladimir Putin")
    assert titles[1].startswith("(LEAD) (News Focus) Putin")
    assert panel.model.index(1, SOURCE).data() == "Yonhap"
    assert panel.model.index(0, STATUS).data(Qt.ItemDataRole.ToolTipRole) == "To do"
    assert panel.model.index(0, PASSAGES).data() == 0
    assert panel.model.index(0, DATE).data() == ""
    assert panel.count.text() == "2 articles"


def test_search_finds_a_word_only_in_the_body_after_a_pause(qtbot, panel: ArticlePanel) -> None:
    qtbot.keyClicks(panel.search, "attrition")
    assert panel.model.rowCount() == 2  # not yet: the search waits for typing to stop
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=2000)
    assert shown_titles(panel)[0].startswith("(LEAD)")
    assert "attrition" not in shown_titles(panel)[0].lower()
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=2000)


def test_search_with_no_hit_says_so(qtbot, panel: ArticlePanel) -> None:
    qtbot.keyClicks(panel.search, "zeppelin")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 0
    assert panel.count.text() == "No articles match the search and filters"


def test_enter_in_the_search_box_opens_the_first_hit(qtbot, panel: ArticlePanel) -> None:
    with qtbot.waitSignal(panel.articleSelected) as selected:
        qtbot.keyClicks(panel.search, "ammunition")
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 1
    assert selected.args == [panel.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)]
    assert current_title(panel).startswith("Russian President")


def test_escape_and_down_in_the_search_box_win_over_window_shortcuts(
    qtbot, panel: ArticlePanel
) -> None:
    window_keys: list[str] = []
    for key in ("Esc", "Down"):
        QShortcut(QKeySequence(key), panel, lambda key=key: window_keys.append(key))
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "Putin")
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == ""
    with qtbot.waitSignal(panel.articleSelected):
        qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.table.hasFocus()
    assert panel.position() == (1, 2)
    assert window_keys == []


def test_filter_by_status(qtbot, ui_project: Project, panel: ArticlePanel) -> None:
    second = list_articles(ui_project)[1].id
    set_status(ui_project, second, "Alice", "done")
    panel.refresh()
    panel.status.setFocus()
    qtbot.keyClick(panel.status, Qt.Key.Key_Down)  # "To do"
    assert shown_titles(panel)[0].startswith("Russian President")
    assert panel.model.rowCount() == 1
    panel.status.setCurrentIndex(panel.status.findData("done"))
    assert panel.model.rowCount() == 1
    assert [row.status for row in panel.shown()] == ["done"]
    panel.status.setCurrentIndex(panel.status.findData("doing"))
    assert panel.model.rowCount() == 0


def test_filter_by_source(panel: ArticlePanel) -> None:
    sources = [panel.source.itemText(i) for i in range(panel.source.count())]
    assert sources == ["All sources", "Yonhap"]
    panel.source.setCurrentIndex(1)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, SOURCE).data() == "Yonhap"
    panel.source.setCurrentIndex(0)
    assert panel.model.rowCount() == 2


def test_next_previous_and_position(qtbot, five: Project) -> None:
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.set_project(five, "Alice")
    assert panel.position() == (0, 5)
    ids = [row.id for row in list_articles(five)]
    with qtbot.waitSignal(panel.articleSelected) as selected:
        assert panel.next_article()
    assert selected.args == [ids[0]]
    assert panel.next_article()
    assert panel.position() == (2, 5)
    assert panel.previous_article()
    assert panel.previous_article() is False  # at the first article: stays
    assert panel.current_article() == ids[0]
    assert panel.select_article(ids[4])
    assert panel.next_article() is False
    assert panel.position() == (5, 5)


def test_next_uncoded_skips_started_and_done_and_wraps(qtbot, five: Project) -> None:
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    ids = [row.id for row in list_articles(five)]
    set_status(five, ids[1], "Alice", "done")
    set_status(five, ids[2], "Alice", "doing")
    set_status(five, ids[0], "Bob", "done")  # another coder's status does not count
    panel.set_project(five, "Alice")
    panel.select_article(ids[0])
    visited = []
    for _ in range(3):
        assert panel.next_uncoded()
        visited.append(panel.current_article())
    assert visited == [ids[3], ids[4], ids[0]]
    for article_id in (ids[0], ids[3], ids[4]):
        set_status(five, article_id, "Alice", "done")
    panel.refresh(Changes(articles={ids[0], ids[3], ids[4]}))
    assert panel.next_uncoded() is False


def test_refresh_updates_rows_in_place_and_keeps_the_selection(
    qtbot, ui_project: Project, panel: ArticlePanel
) -> None:
    first, second = (row.id for row in list_articles(ui_project))
    panel.status.setCurrentIndex(panel.status.findData("todo"))
    panel.select_article(second)
    set_status(ui_project, second, "Alice", "doing")
    with qtbot.assertNotEmitted(panel.articleSelected):
        panel.refresh(Changes(articles={second}))
    assert panel.model.rowCount() == 2  # the article being coded stays in the To do view
    assert panel.current_article() == second
    assert panel.table.currentIndex().row() == 1
    assert [row.status for row in panel.shown()] == ["todo", "doing"]
    panel.refresh()  # a full refresh applies the filter again
    assert shown_titles(panel) == [list_articles(ui_project)[0].title]
    assert panel.position() == (0, 1)
    assert panel.current_article() == second  # still the article in the reader
    assert first == panel.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)


def test_refresh_with_new_articles_reloads_them_and_their_sources(
    qtbot, ui_project: Project, panel: ArticlePanel, tmp_path: Path
) -> None:
    panel.source.setCurrentIndex(panel.source.findData("Yonhap"))
    (tmp_path / "new.csv").write_text("source,text\nKCNA,A new article.\n", "utf-8")
    report = import_corpus(ui_project, [tmp_path / "new.csv"])
    panel.refresh(Changes(articles=set(report.imported)))
    sources = [panel.source.itemText(i) for i in range(panel.source.count())]
    assert sources == ["All sources", "KCNA", "Yonhap"]
    assert panel.source.currentText() == "Yonhap"  # the filter chosen stays
    assert panel.model.rowCount() == 1
    panel.source.setCurrentIndex(0)
    assert panel.model.rowCount() == 3
    panel.refresh(Changes())  # nothing about articles changed: nothing to do
    assert panel.model.rowCount() == 3


def test_opening_another_project_starts_without_filters(
    qtbot, ui_project: Project, panel: ArticlePanel, tmp_path: Path
) -> None:
    panel.source.setCurrentIndex(panel.source.findData("Yonhap"))
    panel.search.setText("treaty")
    panel.next_article()
    other = create_project(tmp_path / "other.stance")
    articles_folder = tmp_path / "other"
    articles_folder.mkdir()
    (articles_folder / "one.txt").write_text("One article on the summit.\n", "utf-8")
    import_corpus(other, [articles_folder])
    with qtbot.assertNotEmitted(panel.articleSelected):
        panel.set_project(other, None)
    assert (panel.search.text(), panel.source.currentText()) == ("", "All sources")
    assert panel.source.count() == 1
    assert panel.current_article() is None
    assert panel.position() == (0, 1)
    other.close()


def test_sorting_by_a_header_click(qtbot, panel: ArticlePanel) -> None:
    header = panel.table.horizontalHeader()
    title = QPoint(header.sectionViewportPosition(TITLE) + 20, header.height() // 2)
    in_import_order = shown_titles(panel)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title)
    assert shown_titles(panel) == sorted(in_import_order, key=str.casefold)
    assert shown_titles(panel) != in_import_order
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title)
    assert shown_titles(panel) == in_import_order


def test_mouse_click_on_a_row_selects_its_article(qtbot, panel: ArticlePanel) -> None:
    rect = panel.table.visualRect(panel.model.index(1, TITLE))
    with qtbot.waitSignal(panel.articleSelected) as selected:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args == [panel.model.index(1, 0).data(Qt.ItemDataRole.UserRole + 1)]
    assert panel.position() == (1 + 1, 2)


def test_sorting_by_status_puts_work_to_do_first(qtbot, five: Project) -> None:
    ids = [row.id for row in list_articles(five)]
    set_status(five, ids[0], "Alice", "done")
    set_status(five, ids[3], "Alice", "doing")
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.set_project(five, "Alice")
    panel.table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
    assert [row.status for row in panel.shown()] == ["todo", "todo", "todo", "doing", "done"]
    assert panel.select_article(ids[0])
    assert panel.position() == (5, 5)


def test_rows_are_read_as_they_come_into_view(qtbot, ui_project: Project, tmp_path: Path) -> None:
    """The list holds ids and reads rows a block at a time: rows far past the first block
    show their own fields once scrolled to, and a row read later still says what it holds."""
    lines = ["title,source,text", *(f"Article {n:03},Source {n % 7},Text {n}." for n in range(250))]
    (tmp_path / "many.csv").write_text("\n".join(lines) + "\n", "utf-8")
    import_corpus(ui_project, [tmp_path / "many.csv"])
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.resize(520, 400)
    panel.set_project(ui_project, "Alice")
    panel.show()
    panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: panel.table.rowAt(0) > 200, timeout=2000)
    top = panel.table.rowAt(0)
    bottom = panel.table.rowAt(panel.table.viewport().height() - 1)
    for row in range(top, bottom + 1):  # the two seeds come first
        assert panel.model.index(row, TITLE).data() == f"Article {row - 2:03}"
        assert panel.model.index(row, SOURCE).data() == f"Source {(row - 2) % 7}"
    assert bottom == panel.model.rowCount() - 1 == 251
    assert [row.title for row in panel.shown()][2:] == [f"Article {n:03}" for n in range(250)]


def test_screenshot(
    qtbot,
    ui_project: Project,
    tmp_path: Path,
    themed: Callable[..., AbstractContextManager[None]],
    shots: Path,
) -> None:
    (tmp_path / "news.csv").write_text(
        "title,source,date,text\n"
        "Putin and Kim sign a mutual defence treaty,KCNA,2024-06-19,The treaty was signed.\n"
        "Seoul weighs arms for Ukraine after the pact,Korea Herald,2024-06-20,Seoul said.\n"
        "Beijing keeps its distance from the summit,Global Times,2024-06-20,Beijing said.\n"
        "What the treaty means for sanctions,Yonhap,2024-06-21,Analysts said.\n",
        encoding="utf-8",
    )
    import_corpus(ui_project, [tmp_path / "news.csv"])
    ids = [row.id for row in list_articles(ui_project)]
    for article_id, end in ((ids[0], 40), (ids[0], 90), (ids[1], 60), (ids[2], 10)):
        CreatePassage(article_id, "Alice", end - 8, end).apply(ui_project)
    set_status(ui_project, ids[0], "Alice", "done")
    set_status(ui_project, ids[2], "Alice", "done")
    for name, dark in (("article_list", False), ("article_list-dark", True)):
        with themed(dark):
            panel = ArticlePanel()
            qtbot.addWidget(panel)
            panel.resize(400, 330)
            panel.set_project(ui_project, "Alice")
            panel.select_article(ids[1])
            panel.show()
            assert panel.grab().save(str(shots / f"{name}.png"))
