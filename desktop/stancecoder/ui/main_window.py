"""The main window: articles on the left, the selected article to read on the right.

A first window over the services; the coding workbench grows from here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stancecoder.services.articles import ArticleRow, list_articles, read_article
from stancecoder.services.project import Project
from stancecoder.ui.reader import Reader


class MainWindow(QMainWindow):
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.setWindowTitle(f"{project.title} — StanceCoder")
        self.resize(1200, 780)

        self.articles = QListWidget()
        self.articles.setAlternatingRowColors(True)
        self.articles.setWordWrap(True)
        self.articles.currentItemChanged.connect(self._show_current)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(12, 10, 12, 4)
        self.reader = Reader()
        reading = QWidget()
        layout = QVBoxLayout(reading)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.reader)

        splitter = QSplitter()
        splitter.addWidget(self.articles)
        splitter.addWidget(reading)
        splitter.setSizes([340, 860])
        self.setCentralWidget(splitter)

        menu = self.menuBar().addMenu("&File")
        menu.addAction("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.reload()

    def reload(self) -> None:
        rows = list_articles(self.project)
        self.articles.clear()
        for row in rows:
            item = QListWidgetItem(_describe(row))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.articles.addItem(item)
        self.statusBar().showMessage(f"{self.project.title} — {len(rows)} articles")
        if rows:
            self.articles.setCurrentRow(0)

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        article = read_article(self.project, item.data(Qt.ItemDataRole.UserRole))
        facts = " · ".join(x for x in (article.source, article.dateline, article.published) if x)
        title = article.title or "(untitled)"
        self.header.setText(f"<h2>{_escape(title)}</h2><p style='color:gray'>{_escape(facts)}</p>")
        self.reader.setPlainText(article.text)


def _describe(row: ArticleRow) -> str:
    facts = " · ".join(x for x in (row.source, row.published) if x)
    return f"{row.title}\n{facts}  —  {row.passages} passages" if facts else row.title


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
