"""The window fills the search index in the background: what waits when it opens, what
an import brings, and it stops with the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from stancecoder.core.changes import Changes
from stancecoder.services.articles import matching_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project
from stancecoder.services.search_index import waiting_for_index
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.workbench.main_window import MainWindow
from stancecoder.ui.workbench.search_indexer import START_DELAY_MS


def articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        text = f"Treaty number {number}\n\nSigned in Pyongyang, zebracorn {number}."
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    return folder


def test_what_waits_and_what_an_import_brings_is_indexed(
    qtbot: QtBot,
    ui_project: Project,
    coding_window: Callable[[Project], MainWindow],
    tmp_path: Path,
) -> None:
    assert waiting_for_index(ui_project) == 2
    window = coding_window(ui_project)
    qtbot.waitUntil(lambda: waiting_for_index(ui_project) == 0, timeout=10_000)
    report = import_corpus(ui_project, [articles(tmp_path / "more", 3)])
    assert waiting_for_index(ui_project) == 3
    assert len(matching_articles(ui_project, "zebracorn")) == 3  # LIKE, meanwhile
    bus_of(ui_project).publish(Changes(articles=set(report.imported)))
    qtbot.waitUntil(lambda: waiting_for_index(ui_project) == 0, timeout=10_000)
    assert matching_articles(ui_project, "zebracorn") == set(report.imported)
    assert "index" not in window.statusBar().currentMessage()


def test_closing_the_window_stops_the_indexing(
    qtbot: QtBot,
    ui_project: Project,
    coding_window: Callable[[Project], MainWindow],
    tmp_path: Path,
) -> None:
    import_corpus(ui_project, [articles(tmp_path / "many", 600)])
    window = coding_window(ui_project)
    qtbot.waitUntil(lambda: waiting_for_index(ui_project) < 602, timeout=10_000)  # begun
    window.close()
    assert not window.indexer.running
    assert len(matching_articles(ui_project, "zebracorn 599")) == 1


def test_a_server_projects_articles_are_indexed_in_the_background(
    qtbot: QtBot,
    empty_postgres: str,
    coding_window: Callable[[Project], MainWindow],
    tmp_path: Path,
) -> None:
    """The same indexer fills the server's token index: the window opens on articles
    waiting for it, and afterwards the search finds through the index what it found."""
    with create_project(empty_postgres) as project:
        import_corpus(project, [articles(tmp_path / "corpus", 3)])
        add_coder(project, "Alice")
        assert waiting_for_index(project) == 3
        found = matching_articles(project, "ZEBRACORN 2")  # ILIKE, meanwhile
        coding_window(project)
        qtbot.waitUntil(lambda: waiting_for_index(project) == 0, timeout=10_000)
        assert matching_articles(project, "ZEBRACORN 2") == found
        assert len(found) == 1


def test_a_window_closed_at_once_never_starts_indexing(
    qtbot: QtBot,
    ui_project: Project,
    coding_window: Callable[[Project], MainWindow],
) -> None:
    """The indexing starts a moment after the window opens; closed before, it never does."""
    window = coding_window(ui_project)
    assert not window.indexer.running  # the first article is shown before it starts
    window.close()
    qtbot.wait(START_DELAY_MS + 500)
    assert not window.indexer.running
    assert waiting_for_index(ui_project) == 2
