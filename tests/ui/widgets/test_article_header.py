"""The article's header: one line of facts under the title, every attribute on hover."""

from __future__ import annotations

import json
from collections.abc import Callable

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from stancecoder.db.models import Article
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.project import Project
from stancecoder.ui.widgets.article_header import ArticleHeader
from stancecoder.ui.workbench.main_window import MainWindow


def raw_attributes(project: Project, title: str) -> dict[str, str]:
    with project.reading() as session:
        extra = session.scalar(select(Article.extra).where(Article.title == title))
    return {key: value for key, value in json.loads(extra).items() if value}


def test_the_header_names_the_facts_and_lists_every_attribute_on_hover(
    attributed: Project, coding_window: Callable[..., MainWindow]
) -> None:
    window = coding_window(attributed)
    window.resize(1024, 640)
    row = next(r for r in list_articles(attributed) if r.title == "Talks in Pyongyang")
    window.articles.select_article(row.id)
    text, tip = window.header.text(), window.header.toolTip()
    assert "Yonhap · 2024-06-19 · World · 2 more details on hover" in text
    for key, value in raw_attributes(attributed, "Talks in Pyongyang").items():
        assert f">{key}<" in tip and f">{value}<" in tip
    # the title and one line of facts: the text keeps the rest of the window
    assert window.header.height() <= 3 * window.header.fontMetrics().height() + 60
    assert window.reader.height() >= 400


def test_an_article_without_attributes_has_no_count_of_them(
    attributed: Project, coding_window: Callable[..., MainWindow]
) -> None:
    window = coding_window(attributed)
    row = next(r for r in list_articles(attributed) if r.title == "Untold")
    window.articles.select_article(row.id)
    assert "more detail" not in window.header.text()
    assert "Reuters · 2023-12-31" in window.header.text()


def test_a_long_line_of_facts_is_cut_to_one_line(qtbot: QtBot, attributed: Project) -> None:
    header = ArticleHeader()
    qtbot.addWidget(header)
    header.resize(260, 200)
    header.show()
    row = next(r for r in list_articles(attributed) if r.title == "Talks in Pyongyang")
    header.show_article(read_article(attributed, row.id))
    assert "…" in header.text() and "more details on hover" not in header.text()
    header.resize(900, 200)
    assert "2 more details on hover" in header.text()
