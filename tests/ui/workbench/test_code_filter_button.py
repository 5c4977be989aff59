"""The article list filtered by codes from its filter row, as a coder picks them in the
menu: the rows and the count follow, and the button says what is chosen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from stancecoder.services.articles import list_articles
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project
from stancecoder.ui.workbench.article_list import ArticlePanel

PUTIN = "Russia › Vladimir Putin"


@pytest.fixture
def panel(qtbot: QtBot, ui_project: Project) -> ArticlePanel:
    first, second = (row.id for row in list_articles(ui_project))
    add_passage(ui_project, first, "Alice", 0, 5, {"actor": PUTIN, "topic": "Sanctions"})
    add_passage(ui_project, second, "Bob", 0, 5, {"actor": PUTIN, "stance": "+1"})
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.resize(520, 400)
    panel.set_codebook(codebook_view(ui_project))
    panel.set_project(ui_project, "Alice")
    panel.show()
    return panel


def item(menu: QMenu, *path: str) -> QAction:
    """The menu item at `path` (submenu titles, then the item's text without indent)."""
    for name in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.menu() and a.text() == name)
    return next(a for a in menu.actions() if a.text().strip() == path[-1])


def test_ticking_codes_narrows_the_list_to_articles_with_all_of_them(panel: ArticlePanel) -> None:
    menu = panel.codes.menu()
    assert panel.codes.text() == "All codes" and panel.model.rowCount() == 2
    item(menu, "actor", "Vladimir Putin").trigger()
    assert panel.model.rowCount() == 2 and panel.codes.text() == "Vladimir Putin"
    item(menu, "topic", "Sanctions").trigger()
    assert panel.model.rowCount() == 1
    assert panel.codes.chosen_text == "Vladimir Putin × Sanctions"
    assert panel.codes.chosen_text in panel.codes.toolTip()
    assert panel.count.text() == "1 article"
    item(menu, "topic", "Military cooperation").trigger()
    assert panel.model.rowCount() == 0
    assert "…" in panel.codes.text()  # three codes are cut to the row's width
    assert panel.codes.chosen_text == "Vladimir Putin × Military cooperation × Sanctions"
    assert panel.count.text() == "No articles match the search and filters"
    item(menu, "&Clear the code filter").trigger()
    assert panel.model.rowCount() == 2 and panel.codes.text() == "All codes"


def test_not_coded_for_a_variable_and_only_my_passages(panel: ArticlePanel) -> None:
    menu = panel.codes.menu()
    item(menu, "stance", "Not coded for stance").trigger()
    assert [row.id for row in panel.shown()] == [list_articles(panel._project)[0].id]
    assert panel.codes.text() == "Not coded for stance"
    item(menu, "Only &my passages").trigger()  # Bob's stance no longer counts
    assert panel.model.rowCount() == 2 and panel.codes.text() == "Not coded for stance (mine)"
    item(menu, "topic", "Not coded for topic").trigger()  # replaces the stance one
    assert panel.codes.text() == "Not coded for topic (mine)"
    assert panel.model.rowCount() == 1
    item(menu, "stance", "Not coded for stance").trigger()  # and back, the list following
    assert panel.codes.text() == "Not coded for stance (mine)"
    assert panel.model.rowCount() == 2
