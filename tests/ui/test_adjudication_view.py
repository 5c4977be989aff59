"""The adjudication view driven from the keyboard on two coders' planted codings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook_view import CodebookView
from stancecoder.services.codings import add_passage
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project
from stancecoder.ui.adjudication_table import HTML_ROLE
from stancecoder.ui.adjudication_view import AdjudicationView
from stancecoder.ui.main_window import MainWindow
from stancecoder.ui.settings import AppSettings


def sentence(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, text.index(".", start) + 1


@pytest.fixture
def article(ui_project: Project) -> int:
    """Sites: both agree; stance disputed; span disputed; only Alice marked it."""
    article = list_articles(ui_project)[0].id
    text = read_article(ui_project, article).text
    same = {"actor": "Russia › Vladimir Putin", "topic": "Military cooperation"}
    first, second = sentence(text, "Russian President"), sentence(text, "The visit")
    third, fourth = sentence(text, "In this regard"), sentence(text, "According to the two")
    for coder in ("Alice", "Bob"):
        add_passage(ui_project, article, coder, *first, {**same, "stance": "+2"})
    for coder, stance in (("Alice", "+2"), ("Bob", "-1")):
        add_passage(ui_project, article, coder, *second, {**same, "stance": stance}, memo=coder)
    add_passage(ui_project, article, "Alice", *third, same)
    add_passage(ui_project, article, "Bob", third[0], third[1] - 10, same)
    add_passage(ui_project, article, "Alice", *fourth, {"topic": "Diplomacy and dialogue"})
    return article


@pytest.fixture
def view(
    qtbot: QtBot, ui_project: Project, article: int, codebook: CodebookView
) -> Iterator[AdjudicationView]:
    dialog = AdjudicationView(ui_project, article, codebook)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def cell(view: AdjudicationView, row: int, column: int) -> str:
    return view.table.item(row, column).data(HTML_ROLE)


def press(
    qtbot: QtBot,
    view: AdjudicationView,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(view.table, key, modifier)


def test_rows_are_sites_with_disagreements_marked(view: AdjudicationView) -> None:
    table = view.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Alice", "Bob", "Consensus"]
    marks = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert marks == ["1 ✓", "2 ≠", "3 ≠", "4 ≠"]
    assert "<b>Negative</b>" in cell(view, 1, 1) and "<b>" not in cell(view, 0, 1)
    assert cell(view, 3, 1) == "—" and cell(view, 1, 2) == "—"
    calm = table.item(0, 0).background().style() == Qt.BrushStyle.NoBrush
    tinted = table.item(1, 0).background().color()
    assert calm and tinted != table.palette().color(QPalette.ColorRole.Base)
    assert "differ on 3" in view.summary.text()


def test_ctrl_down_walks_the_disagreements_and_wraps(qtbot: QtBot, view: AdjudicationView) -> None:
    assert view.table.currentRow() == 0
    rows = []
    for _ in range(4):
        press(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        rows.append(view.table.currentRow())
    assert rows == [1, 2, 3, 1]
    press(qtbot, view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert view.table.currentRow() == 3


def test_accept_remove_and_undo_from_the_keyboard(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    before = passages_of(ui_project, article, None)
    press(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert "Negative" in cell(view, 1, 2) and "<b>" not in cell(view, 1, 2)
    assert view.table.currentRow() == 1
    assert "consensus written for 1" in view.summary.text()
    assert "memo: Bob" in view.detail.toHtml()

    press(qtbot, view, Qt.Key.Key_Delete)
    assert cell(view, 1, 2) == "—"
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Negative" in cell(view, 1, 2)
    press(qtbot, view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert "Strongly positive" in cell(view, 1, 2)
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cell(view, 1, 2) == "—"
    assert not view.undo_button.isEnabled()
    assert passages_of(ui_project, article, None) == before


def test_a_coder_without_a_passage_there_cannot_be_accepted(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    view.table.selectRow(3)
    assert [b.isEnabled() for b in view.accept_buttons] == [True, False]
    assert not view.remove_button.isEnabled()
    press(qtbot, view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    press(qtbot, view, Qt.Key.Key_Delete)
    assert all(p.coder != "Consensus" for p in passages_of(ui_project, article, None))


def test_the_detail_shows_each_full_passage(view: AdjudicationView) -> None:
    view.table.selectRow(2)
    shown = view.detail.toPlainText()
    assert "In this regard, the two leaders are expected to sign a treaty" in shown
    assert shown.count("Russia › Vladimir Putin") == 2
    assert "Consensus: not decided" in shown


def test_screenshots_light_and_dark(
    qtbot: QtBot,
    ui_project: Project,
    article: int,
    codebook: CodebookView,
    themed: Callable[..., AbstractContextManager[None]],
    shots: Path,
) -> None:
    for dark, name in ((False, "adjudication_view.png"), (True, "adjudication_view_dark.png")):
        with themed(dark):
            dialog = AdjudicationView(ui_project, article, codebook)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            dialog.table.selectRow(1)
            dialog.accept_version("Bob")
            dialog.table.selectRow(2)
            assert dialog.grab().save(str(shots / name))
            dialog.undo.stack.undo()
            dialog.close()
        assert (shots / name).stat().st_size > 10_000


def test_lead_window_opens_the_view_with_ctrl_j(
    qtbot: QtBot, ui_project: Project, article: int, tmp_path: Path
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ui_project, "Alice", role="lead", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.articles.select_article(article)
    assert window.actions["adjudicate"].shortcut().toString() == "Ctrl+J"
    seen: list[tuple[int, str]] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AdjudicationView)
        seen.append((dialog.article_id, dialog.windowTitle()))
        dialog.accept()

    QTimer.singleShot(0, close_it)
    window.actions["adjudicate"].trigger()
    assert seen and seen[0][0] == article
    assert seen[0][1].startswith("Adjudicate — Russian President Vladimir Putin")
    window.close()

    coder_window = MainWindow(ui_project, "Bob", role="coder", settings=settings)
    qtbot.addWidget(coder_window)
    assert "adjudicate" not in coder_window.actions.specs
