"""The article list narrowed from its second filter row, as a coder uses it: a date range
typed in the date button's menu, and attribute values ticked in the attribute button's.
The rows shown are checked against the stored rows read here."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from stancecoder.db.models import Article
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.project import Project
from stancecoder.ui.workbench.article_list import ArticlePanel


@pytest.fixture
def panel(qtbot: QtBot, attributed: Project) -> ArticlePanel:
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.resize(400, 500)
    panel.set_codebook(codebook_view(attributed))
    panel.set_project(attributed, "Alice")
    panel.show()
    return panel


def stored(project: Project) -> list[tuple[str, str | None, dict[str, str]]]:
    with project.reading() as session:
        rows = session.execute(select(Article.title, Article.published, Article.extra)).all()
    return [(title, published, json.loads(extra)) for title, published, extra in rows]


def titles(panel: ArticlePanel) -> set[str]:
    return {row.title for row in panel.shown()}


def opened(menu: QMenu) -> QMenu:
    menu.aboutToShow.emit()  # what opening it does, without a popup in a headless test
    return menu


def item(menu: QMenu, key: str, value: str) -> QAction:
    sub = next(a.menu() for a in menu.actions() if a.menu() and a.text() == key)
    return next(a for a in sub.actions() if a.text().startswith(f"{value}  ("))


def test_a_typed_date_range_narrows_the_list(panel: ArticlePanel, attributed: Project) -> None:
    assert panel.dates.text() == "All dates" and len(titles(panel)) == 5
    panel.dates.start.setText("2024-06-20")
    panel.dates.end.setText("2024-07")
    panel.dates.apply()
    expected = {t for t, d, _e in stored(attributed) if d and "2024-06-20" <= d <= "2024-07-31"}
    assert titles(panel) == expected == {"Summit ends", "Markets calm"}
    assert panel.dates.text() == "2024-06-20 – 2024-07"
    panel.dates.clear()
    assert len(titles(panel)) == 5 and panel.dates.text() == "All dates"


def test_a_date_that_cannot_be_read_is_said_and_the_list_kept(panel: ArticlePanel) -> None:
    panel.dates.start.setText("2024-06-20")
    panel.dates.apply()
    before = titles(panel)
    panel.dates.start.setText("someday")
    panel.dates.apply()
    assert "cannot read the start of the date range, 'someday'" in panel.dates.problem.text()
    assert not panel.dates.problem.isHidden()
    assert titles(panel) == before and panel.dates.value().start == "2024-06-20"


def test_ticked_values_of_an_attribute_narrow_the_list(
    panel: ArticlePanel, attributed: Project
) -> None:
    menu = opened(panel.attribute.menu())
    item(menu, "region", "Europe").trigger()
    europe = {t for t, _d, extra in stored(attributed) if extra.get("region") == "Europe"}
    assert titles(panel) == europe and len(europe) == 2
    assert panel.attribute.text() == "region: Europe"
    item(opened(menu), "region", "Asia").trigger()
    assert titles(panel) == {t for t, _d, e in stored(attributed) if e.get("region")}
    item(opened(menu), "section", "World").trigger()  # another attribute replaces the choice
    assert titles(panel) == {"Talks in Pyongyang"}
    assert panel.attribute.text() == "section: World"
    dated = {"Talks in Pyongyang"}
    panel.dates.end.setText("2024-06-19")
    panel.dates.apply()
    assert titles(panel) == dated
    panel.dates.start.setText("2024-06-20")
    panel.dates.end.clear()
    panel.dates.apply()
    assert titles(panel) == set()
    assert panel.count.text() == "No articles match the search and filters"


def test_each_attribute_lists_its_values_with_their_counts(panel: ArticlePanel) -> None:
    menu = opened(panel.attribute.menu())
    keys = [a.text() for a in menu.actions() if a.menu()]
    assert keys == ["length", "region", "section"]
    assert item(menu, "region", "Europe").text() == "Europe  (2)"
