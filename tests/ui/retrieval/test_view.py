"""The retrieval view driven as a researcher would: filters narrow the table, Enter opens
the article at the passage, Export writes the filtered set; screenshots light and dark."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project
from stancecoder.ui.retrieval.view import RetrievalView
from stancecoder.ui.workbench.main_window import MainWindow

CODINGS = (  # article index, coder, phrase, codes
    (0, "Alice", "Vladimir Putin", {"actor": "Russia › Vladimir Putin",
     "topic": "Military cooperation", "stance": "+1"}),
    (0, "Bob", "Vladimir Putin", {"actor": "Russia › Vladimir Putin",
     "topic": "Military cooperation", "stance": "-2"}),
    (1, "Bob", "analysts said Monday", {"actor": "Analysts", "topic": "Sanctions",
     "stance": "-1"}),
    (1, "Alice", "Kim Jong-un", {"actor": "North Korea › Kim Jong-un", "stance": "0"}),
)  # fmt: skip


@pytest.fixture
def coded(ui_project: Project) -> Project:
    ids = [a.id for a in list_articles(ui_project)]
    for index, coder, phrase, codes in CODINGS:
        text = read_article(ui_project, ids[index]).text
        start = text.rindex(phrase) if index == 1 else text.index(phrase)
        add_passage(ui_project, ids[index], coder, start, start + len(phrase), codes)
    return ui_project


def open_view(window: MainWindow, qtbot: QtBot) -> RetrievalView:
    window.registry["retrieve"].trigger()
    view = window.registry.views.retrieval_view
    assert view is not None
    qtbot.waitExposed(view)
    return view


def coders(view: RetrievalView) -> list[str]:
    return [view.table.item(row, 1).text() for row in range(view.table.rowCount())]


def choose(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i).strip() == text)
    combo.setCurrentIndex(index)


def test_filters_narrow_and_enter_opens_the_passage(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    window = coding_window(coded)
    view = open_view(window, qtbot)
    assert view.table.rowCount() == len(CODINGS) and view.count.text() == "4 passages"
    choose(view.filters.codes["actor"], "Russia")  # with its sub-code Vladimir Putin
    qtbot.waitUntil(lambda: view.table.rowCount() == 2)
    assert coders(view) == ["Alice", "Bob"]
    assert "“Vladimir Putin”" in view.table.item(0, 2).text()
    choose(view.filters.stance_max, "−1 Negative")
    qtbot.waitUntil(lambda: coders(view) == ["Bob"])
    choose(view.filters.codes["actor"], "(any)")
    qtbot.waitUntil(lambda: view.table.rowCount() == 2)
    view.filters.words.setText("ANALYSTS")
    qtbot.waitUntil(lambda: view.table.rowCount() == 1)
    second = list_articles(coded)[1].id
    view.table.setCurrentCell(0, 2)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.article is not None and window.article.id == second
    assert window.current is not None and window.current.quote == "analysts said Monday"


def test_a_coding_saved_while_open_joins_the_list(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    from stancecoder.core.changes import Changes
    from stancecoder.ui.common.changes_bus import bus_of

    view = open_view(coding_window(coded), qtbot)
    add_passage(coded, list_articles(coded)[0].id, "Alice", 0, 7, {"actor": "Analysts"})
    bus_of(coded).publish(Changes(reload=True))
    qtbot.waitUntil(lambda: view.table.rowCount() == len(CODINGS) + 1)


def test_export_writes_the_filtered_set(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot, tmp_path: Path
) -> None:
    view = open_view(coding_window(coded), qtbot)
    choose(view.filters.coder, "Bob")
    qtbot.waitUntil(lambda: view.table.rowCount() == 2)
    out = tmp_path / "bob.xlsx"
    view.export_to(out)
    rows = list(load_workbook(out)["Passages"].iter_rows(values_only=True))
    assert [r[rows[0].index("coder")] for r in rows[1:]] == ["Bob", "Bob"]
    assert view.count.text() == "2 passages written to bob.xlsx"


def test_a_coder_sees_only_their_own_in_blind_mode(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    from stancecoder.services.passages import set_blind_mode

    set_blind_mode(coded, True)
    view = open_view(coding_window(coded, "Bob", role="coder"), qtbot)
    assert set(coders(view)) == {"Bob"} and view.table.rowCount() == 2


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_readable_at_the_smallest_size(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot, shots: Path,
    themed, dark: bool,
) -> None:  # fmt: skip
    with themed(dark):
        view = open_view(coding_window(coded), qtbot)
        view.resize(1024, 640)
        qtbot.wait(50)
        assert view.table.viewport().width() > 600
        assert view.grab().save(str(shots / f"retrieval_{'dark' if dark else 'light'}.png"))
