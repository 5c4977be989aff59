"""The crosstab view driven as a researcher would: choose rows, columns, figure and layer,
read the layer in the title, and open a cell's passages in the retrieval view with Enter
or a double-click; the co-occurrence tab likewise; screenshots light and dark."""

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
from stancecoder.ui.crosstab.view import CrosstabView
from stancecoder.ui.workbench.main_window import MainWindow

CODINGS = (  # article index, coder, phrase, codes
    (0, "Alice", "Vladimir Putin", {"actor": "Russia › Vladimir Putin",
     "topic": "Military cooperation", "stance": "+1"}),
    (0, "Alice", "Kim Jong-un", {"actor": "North Korea › Kim Jong-un",
     "topic": "Military cooperation", "stance": "+2"}),
    (0, "Bob", "Vladimir Putin", {"actor": "Russia › Vladimir Putin",
     "topic": "Military cooperation", "stance": "-2"}),
    (1, "Bob", "analysts said Monday", {"actor": "Analysts", "topic": "Sanctions",
     "stance": "-1"}),
    (1, "Alice", "Vladimir Putin", {"actor": "Russia", "topic": "Sanctions", "stance": "-1"}),
)  # fmt: skip


@pytest.fixture
def coded(ui_project: Project) -> Project:
    ids = [a.id for a in list_articles(ui_project)]
    for index, coder, phrase, codes in CODINGS:
        text = read_article(ui_project, ids[index]).text
        start = text.rindex(phrase) if index == 1 else text.index(phrase)
        add_passage(ui_project, ids[index], coder, start, start + len(phrase), codes)
    return ui_project


def open_view(window: MainWindow, qtbot: QtBot) -> CrosstabView:
    window.registry["crosstab"].trigger()
    view = window.registry.views.crosstab_view
    assert view is not None
    qtbot.waitExposed(view)
    ready(view, qtbot)
    return view


def ready(view: CrosstabView, qtbot: QtBot) -> None:
    """Wait for the choices made to be read: the read runs in a worker."""
    qtbot.waitUntil(lambda: not view.timer.isActive() and not view.is_running())


def choose(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i).strip() == text)
    combo.setCurrentIndex(index)


def find_cell(view: CrosstabView, heading: str, row: str, column: str) -> tuple[int, int]:
    grid = view.grid
    headers = [grid.horizontalHeaderItem(c).toolTip() for c in range(grid.columnCount())]
    start = next(r for r in range(grid.rowCount()) if grid.item(r, 0).text() == heading)
    line = next(r for r in range(start + 1, grid.rowCount()) if grid.item(r, 0).text() == row)
    return line, headers.index(column)


def assert_filled(view: CrosstabView) -> None:
    """Every row but a coder's heading has a figure in every column."""
    grid = view.grid
    for row in range(grid.rowCount()):
        if grid.columnSpan(row, 0) == 1:
            assert all(grid.item(row, c) is not None for c in range(grid.columnCount())), row


def expected(coder: str, actor: str, topic: str) -> int:
    return sum(1 for _, who, _, codes in CODINGS if who == coder
               and codes["actor"].split(" › ")[0] == actor and codes["topic"] == topic)  # fmt: skip


def test_each_coder_has_a_table_and_enter_opens_a_cell(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    window = coding_window(coded)
    view = open_view(window, qtbot)
    assert view.rows.currentText() == "actor" and view.columns.currentText() == "topic"
    assert "each coder separately" in view.windowTitle()
    assert view.heading.text().startswith("Actor × topic, each coder separately")
    for coder in ("Alice", "Bob"):
        for actor, topic in (("Russia", "Military cooperation"), ("Russia", "Sanctions")):
            row, column = find_cell(view, f"{coder}'s codings", actor, topic)
            assert view.grid.item(row, column).text() == str(expected(coder, actor, topic))
    row, column = find_cell(view, "Alice's codings", "Russia", "Military cooperation")
    view.grid.setCurrentCell(row, column)
    qtbot.keyClick(view.grid, Qt.Key.Key_Return)
    retrieval = window.registry.views.retrieval_view
    assert retrieval is not None and retrieval.isVisible()
    assert retrieval.retrieved is not None
    found = [(m.coder, m.quote) for m in retrieval.retrieved.matches]
    assert found == [("Alice", "Vladimir Putin")]
    assert retrieval.filters.coder.currentText() == "Alice"
    assert retrieval.filters.codes["actor"].currentText().strip() == "Russia"


def test_a_source_cell_and_one_coder_layer(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    window = coding_window(coded)
    view = open_view(window, qtbot)
    choose(view.layer, "Bob's codings")
    choose(view.columns, "source")
    choose(view.value, "Number of articles")
    qtbot.waitUntil(lambda: "Bob's codings" in view.windowTitle())
    ready(view, qtbot)
    assert view.heading.text() == "Actor × source, Bob's codings: number of articles"
    assert view.grid.item(0, 0).text() == "Bob's codings"
    assert_filled(view)
    choose(view.layer, "Each coder separately")
    view.detail.setChecked(True)
    qtbot.waitUntil(lambda: "each coder separately" in view.windowTitle())
    ready(view, qtbot)
    assert_filled(view)  # a row that held a heading before holds figures now
    choose(view.layer, "Bob's codings")
    view.detail.setChecked(False)
    qtbot.waitUntil(lambda: "Bob's codings" in view.windowTitle())
    grid = view.grid
    total = next(r for r in range(grid.rowCount()) if grid.item(r, 0).text() == "Total")
    assert grid.item(total, grid.columnCount() - 1).text() == "1"  # the other has no source
    assert "1 passage without a category of actor or source left out" in view.notes.text()
    row, column = find_cell(view, "Bob's codings", "Analysts", "Yonhap")
    grid.cellDoubleClicked.emit(row, column)
    retrieval = window.registry.views.retrieval_view
    assert retrieval is not None and retrieval.retrieved is not None
    assert [m.quote for m in retrieval.retrieved.matches] == ["analysts said Monday"]


def test_cooccurrence_tab_opens_the_passages_of_a_pair(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    window = coding_window(coded)
    view = open_view(window, qtbot)
    view.pages.setCurrentIndex(1)
    choose(view.layer, "Alice's codings")
    qtbot.waitUntil(lambda: "together, Alice's codings" in view.windowTitle())
    ready(view, qtbot)
    pairs = view.pairs
    headers = [pairs.horizontalHeaderItem(c).toolTip() for c in range(pairs.columnCount())]
    row = next(r for r in range(pairs.rowCount()) if pairs.item(r, 0).text() == "actor: Russia")
    column = headers.index("topic: Military cooperation")
    assert pairs.item(row, column).text() == "1"
    choose(view.scope, "In the same article")
    qtbot.waitUntil(
        lambda: (
            view.pairs.item(row, headers.index("actor: North Korea")) is not None
            and view.pairs.item(row, headers.index("actor: North Korea")).text() == "1"
        )
    )
    view.pairs.cellDoubleClicked.emit(row, headers.index("actor: North Korea"))
    retrieval = window.registry.views.retrieval_view
    assert retrieval is not None and retrieval.retrieved is not None
    assert {m.quote for m in retrieval.retrieved.matches} == {"Vladimir Putin", "Kim Jong-un"}
    assert "article of the cell" in retrieval.filters.extra_text.text()
    retrieval.filters.extra_clear.click()
    qtbot.waitUntil(lambda: len(retrieval.retrieved.matches) == 3)  # all of Alice's


def test_sub_codes_apart_open_a_code_alone(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    window = coding_window(coded)
    view = open_view(window, qtbot)
    add_passage(coded, list_articles(coded)[0].id, "Alice", 0, 7,
                {"actor": "Russia › Kremlin", "topic": "Sanctions"})  # fmt: skip
    view.detail.setChecked(True)
    ready(view, qtbot)
    row, column = find_cell(view, "Alice's codings", "Russia", "Sanctions")
    assert view.grid.item(row, column).text() == "1"  # the Kremlin has a row of its own
    view.grid.cellDoubleClicked.emit(row, column)
    retrieval = window.registry.views.retrieval_view
    assert retrieval is not None and retrieval.retrieved is not None
    assert [m.quote for m in retrieval.retrieved.matches] == ["Vladimir Putin"]
    assert "each code without its sub-codes" in retrieval.filters.extra_text.text()


def test_a_coding_saved_while_open_is_counted(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    from stancecoder.core.changes import Changes
    from stancecoder.ui.common.changes_bus import bus_of

    view = open_view(coding_window(coded), qtbot)
    row, column = find_cell(view, "Alice's codings", "Russia", "Sanctions")
    assert view.grid.item(row, column).text() == "1"
    add_passage(coded, list_articles(coded)[0].id, "Alice", 0, 7,
                {"actor": "Russia › Kremlin", "topic": "Sanctions"})  # fmt: skip
    bus_of(coded).publish(Changes(reload=True))
    qtbot.waitUntil(lambda: view.grid.item(row, column).text() == "2")


def test_cancel_drops_the_read_and_a_bad_choice_is_said(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    view = open_view(coding_window(coded), qtbot)
    shown = view.heading.text()
    choose(view.columns, "actor")  # the same as the rows
    view.refresh()
    view.cancel()
    assert not view.busy.isVisible() and view.heading.text() == shown
    view.refresh()
    ready(view, qtbot)
    assert "both actor: choose two dimensions" in view.heading.text()
    assert not view.export_button.isEnabled() and view.grid.rowCount() == 0


def test_a_coder_in_blind_mode_counts_only_their_own(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot
) -> None:
    from stancecoder.services.passages import set_blind_mode

    set_blind_mode(coded, True)
    view = open_view(coding_window(coded, "Bob", role="coder"), qtbot)
    grid = view.grid
    totals = [r for r in range(grid.rowCount()) if grid.item(r, 0).text() == "Total"]
    last = grid.columnCount() - 1
    bobs = sum(1 for _, who, _, _ in CODINGS if who == "Bob")
    assert [grid.item(r, last).text() for r in totals] == ["0", str(bobs)]  # Alice's, Bob's


def test_export_writes_the_layer_in_every_row(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot, tmp_path: Path
) -> None:
    view = open_view(coding_window(coded), qtbot)
    view.export_to(tmp_path / "t.xlsx")
    rows = list(load_workbook(tmp_path / "t.xlsx").active.iter_rows(values_only=True))
    assert {r[0] for r in rows[1:]} == {"Alice's codings", "Bob's codings"}
    assert view.notes.text() == f"{len(rows) - 1} rows written to t.xlsx"
    view.pages.setCurrentIndex(1)
    ready(view, qtbot)
    view.export_to(tmp_path / "pairs.csv")
    lines = (tmp_path / "pairs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "layer,code,with code,passages,articles"
    assert view.notes.text() == f"{len(lines) - 1} rows written to pairs.csv"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_readable_at_the_smallest_size(
    coding_window: Callable[..., MainWindow], coded: Project, qtbot: QtBot, shots: Path,
    themed, dark: bool,
) -> None:  # fmt: skip
    with themed(dark):
        view = open_view(coding_window(coded), qtbot)
        choose(view.value, "Mean stance [95% CI] and its number of passages")
        ready(view, qtbot)
        view.resize(1024, 640)
        qtbot.wait(300)
        assert view.grid.viewport().width() > 600
        assert view.grab().save(str(shots / f"crosstab_{'dark' if dark else 'light'}.png"))
