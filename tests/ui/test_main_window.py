"""The first window: the articles of a project and the selected one to read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stancecoder.services.articles import read_article
from stancecoder.services.project import open_project
from stancecoder.services.sample import ensure_sample_project
from stancecoder.ui.main_window import MainWindow


def test_window_lists_articles_and_shows_the_text(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANCECODER_DATA_DIR", str(tmp_path))
    with open_project(ensure_sample_project()) as project:
        window = MainWindow(project)
        qtbot.addWidget(window)
        window.show()
        assert window.articles.count() == 2
        window.articles.setCurrentRow(1)
        article_id = window.articles.currentItem().data(Qt.ItemDataRole.UserRole)
        article = read_article(project, article_id)
        assert window.reader.document().characterCount() == len(article.text) + 1
        assert article.title is not None and article.title[:20] in window.header.text()
        assert "sample" in window.windowTitle()
        window.close()
