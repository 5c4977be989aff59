"""The article's heading above the text: its title, one line of facts, the rest on hover.

News exports carry a dozen fields or more (length, load date, subjects, geography). On a
small screen every line above the text is a line of text less, so the header keeps to the
title and one line: source, dateline, date, author, section and language; every attribute
is listed in the tooltip, and the line says how many more there are.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from stancecoder.core.attributes import headline_attributes
from stancecoder.core.wording import counted
from stancecoder.services.articles import ArticleView


class ArticleHeader(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setContentsMargins(16, 10, 16, 6)
        self._heading, self._facts = "", ""

    def show_article(self, article: ArticleView) -> None:
        self._heading, self._facts = article.heading, facts_line(article)
        self._lay_out()
        self.setToolTip(details(article))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        """The facts cut to one line of today's width: the tooltip has them whole."""
        width = self.contentsRect().width()
        facts = self.fontMetrics().elidedText(self._facts, Qt.TextElideMode.ElideRight, width)
        self.setText(
            f"<h2 style='margin:0'>{escape(self._heading)}</h2>"
            f"<p style='color:gray'>{escape(facts)}</p>"
        )


def facts_line(article: ArticleView) -> str:
    """Source, dateline, date, author, section and language, and how many attributes more."""
    shown = [article.source, article.dateline, article.published, article.author]
    shown += headline_attributes(article.attributes)
    shown.append(article.language)
    facts = [fact for fact in shown if fact]
    rest = len(article.attributes) - len(headline_attributes(article.attributes))
    if rest:
        facts.append(f"{counted(rest, 'more detail')} on hover")
    return " · ".join(facts)


def details(article: ArticleView) -> str:
    """Every field and attribute as a table for the tooltip; empty when there is none."""
    rows = [
        ("source", article.source),
        ("dateline", article.dateline),
        ("date", article.published),
        ("author", article.author),
        ("language", article.language),
        *sorted(article.attributes.items()),
    ]
    cells = "".join(
        f"<tr><td style='color:gray; padding-right:8px'>{escape(key)}</td>"
        f"<td>{escape(value)}</td></tr>"
        for key, value in rows
        if value
    )
    return f"<table>{cells}</table>" if cells else ""
