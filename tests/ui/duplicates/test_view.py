"""The copies view driven as a lead would: Find lists the planted cluster with the copy
kept, Exclude leaves a copy out (the article list marks and hides it), Ctrl+Z takes it
back, Keep this copy changes the kept one; a screenshot to look at."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from stancecoder.services.articles import list_articles
from stancecoder.services.corpus import import_corpus
from stancecoder.services.duplicate_marks import read_clusters
from stancecoder.services.project import Project
from stancecoder.ui.duplicates.view import DuplicatesView
from stancecoder.ui.workbench.main_window import MainWindow

RNG = random.Random(4)
VOCABULARY = [f"word{i}" for i in range(5000)]


def paragraph() -> str:
    return " ".join(RNG.choice(VOCABULARY) for _ in range(40)) + "."


STORY = [paragraph() for _ in range(6)]
FILES = {
    "Summit ends with treaty": STORY,
    "Summit ends (short)": STORY[:3],
    "SUMMIT ENDS WITH TREATY": [p.upper() for p in STORY],
}


@pytest.fixture
def planted(ui_project: Project, tmp_path: Path) -> dict[str, int]:
    folder = tmp_path / "copies"
    folder.mkdir()
    for number, (title, body) in enumerate(FILES.items()):
        (folder / f"{number}.txt").write_text(title + "\n\n" + "\n\n".join(body) + "\n")
    import_corpus(ui_project, [folder])
    return {row.title: row.id for row in list_articles(ui_project)}


def open_view(window: MainWindow, qtbot: QtBot) -> DuplicatesView:
    window.registry["duplicates"].trigger()
    view = window.registry.views.duplicates_view
    assert view is not None
    qtbot.waitExposed(view)
    return view


def find(view: DuplicatesView, qtbot: QtBot) -> None:
    qtbot.mouseClick(view.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.find_button.isEnabled() and view.tree.topLevelItemCount(), timeout=20_000
    )


def copy_item(view: DuplicatesView, article_id: int) -> QTreeWidgetItem:
    top = view.tree.topLevelItem(0)
    return next(
        top.child(i)
        for i in range(top.childCount())
        if top.child(i).data(0, Qt.ItemDataRole.UserRole + 1) == article_id
    )


def test_find_lists_the_cluster_and_exclude_marks_the_copy_until_undone(
    coding_window: Callable[..., MainWindow], ui_project: Project, planted: dict[str, int],
    qtbot: QtBot, shots: Path,
) -> None:  # fmt: skip
    window = coding_window(ui_project)
    view = open_view(window, qtbot)
    assert view.tree.topLevelItemCount() == 0
    find(view, qtbot)
    assert view.tree.topLevelItemCount() == 1
    top = view.tree.topLevelItem(0)
    rows = [[top.child(i).text(c) for c in (0, 6)] for i in range(top.childCount())]
    kept, short, upper = (planted[t] for t in FILES)
    assert rows[0][1] == "kept" and rows[0][0].startswith(f"{kept}: ")  # as long as the upper
    # case copy, and imported first
    assert sorted(r[1] for r in rows[1:]) == ["included", "included"]
    assert view.count.text().startswith("5 articles compared: 1 cluster, 2 copies newly marked")

    copy_item(view, short).setSelected(True)
    assert "Only in the kept copy" in view.difference.toPlainText()
    assert view.exclude_button.isEnabled() and not view.include_button.isEnabled()
    qtbot.mouseClick(view.exclude_button, Qt.MouseButton.LeftButton)
    excluded = {c.article_id for c in read_clusters(ui_project)[0].copies if c.excluded}
    assert excluded == {short}
    assert copy_item(view, short).text(6) == "excluded"
    listed = {row.id: row for row in window.articles.shown()}  # marked where it is
    assert listed[short].excluded and listed[short].copy_of == kept
    assert not listed[upper].excluded and listed[upper].copy_of == kept
    window.articles.copies.setChecked(True)
    assert window.articles.grab().save(str(shots / "duplicates_list.png"))
    window.articles.copies.setChecked(False)  # the list read again: hidden unless asked for
    shown = {row.id for row in window.articles.shown()}
    assert short not in shown and upper in shown

    undo = next(a for a in view.actions() if a.shortcut() == QKeySequence("Ctrl+Z"))
    undo.trigger()  # Ctrl+Z in the view
    assert not any(c.excluded for c in read_clusters(ui_project)[0].copies)
    assert copy_item(view, short).text(6) == "included"

    view.tree.clearSelection()
    copy_item(view, upper).setSelected(True)
    assert "The paragraphs of the kept copy" in view.difference.toPlainText()
    qtbot.mouseClick(view.keep_button, Qt.MouseButton.LeftButton)
    assert read_clusters(ui_project)[0].kept == upper
    qtbot.mouseClick(view.exclude_all_button, Qt.MouseButton.LeftButton)
    assert {c.article_id for c in read_clusters(ui_project)[0].copies if c.excluded} == {
        kept,
        short,
    }
    view.tree.clearSelection()
    copy_item(view, short).setSelected(True)
    view.resize(1000, 560)
    qtbot.wait(50)
    assert view.grab().save(str(shots / "duplicates.png"))


def test_cancel_stops_the_finding_with_nothing_marked(
    coding_window: Callable[..., MainWindow], ui_project: Project, planted: dict[str, int],
    qtbot: QtBot,
) -> None:  # fmt: skip
    view = open_view(coding_window(ui_project), qtbot)
    view.start_finding()
    view.cancel()
    qtbot.waitUntil(lambda: view.find_button.isEnabled(), timeout=20_000)
    if view.count.text() == "Cancelled: nothing was marked":  # stopped at the first step
        assert read_clusters(ui_project) == []
    else:  # the finding was done before Cancel was heard: all of it marked
        assert len(read_clusters(ui_project)) == 1


def test_coding_an_excluded_copy_in_the_window_says_which_copy_to_code(
    coding_window: Callable[..., MainWindow], ui_project: Project, planted: dict[str, int],
) -> None:  # fmt: skip
    from stancecoder.services.duplicate_marks import SetExcluded
    from stancecoder.services.duplicates import find_duplicates
    from stancecoder.services.passages import passages_of

    find_duplicates(ui_project)
    kept, short, _upper = (planted[t] for t in FILES)
    SetExcluded((short,), True).apply(ui_project)
    window = coding_window(ui_project, "Bob", "coder")
    window.articles.copies.setChecked(True)  # a coder may still read it
    assert window.articles.select_article(short)
    window.reader.select_span(0, 6)
    stance = next(v for v in window.codebook.passage_variables() if v.name == "stance")
    window.panel.choose_code(stance.codes[0].id)
    window.commands.save_coding()
    complaints = window.complaints  # type: ignore[attr-defined]
    assert len(complaints) == 1
    assert f"is a copy left out of coding: code article {kept}, the copy kept" in complaints[0]
    assert passages_of(ui_project, short, None) == []
