"""The passage list of one article: what it shows and what it asks the window to do."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate

from stancecoder.core.passage_view import PassageView
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.commands import CreatePassage
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project
from stancecoder.ui.workbench.passage_list import EMPTY_TEXT, QUOTE_SHARE, PassageList, fair_shares


@pytest.fixture
def passages(ui_project: Project, code_id: Callable[..., int]) -> list[PassageView]:
    """Three passages of the first seed article, the second with a memo and two lines."""
    article = list_articles(ui_project)[0]
    text = read_article(ui_project, article.id).text
    ends = [text.index(" ", at) for at in (30, 90, 150)]
    spans = [(0, ends[0]), (ends[0] + 1, ends[1]), (ends[1] + 1, ends[2])]
    codes = [
        {"actor": ["Vladimir Putin"], "topic": ["Sanctions"], "stance": ["Negative"]},
        {"actor": ["Kim Jong-un"]},
        {},
    ]
    for (start, end), chosen, memo in zip(spans, codes, ("", "check\nthis", ""), strict=True):
        ids = {name: [code_id(name, x) for x in labels] for name, labels in chosen.items()}
        coder = "Bob" if memo else "Alice"
        CreatePassage(article.id, coder, start, end, ids, memo).apply(ui_project)
    return passages_of(ui_project, article.id, None)


@pytest.fixture
def table(qtbot, passages, codebook) -> PassageList:
    table = PassageList()
    qtbot.addWidget(table)
    table.set_passages(passages, codebook)
    table.resize(700, 240)
    table.show()
    qtbot.waitExposed(table)
    return table


def cell(table: PassageList, row: int, column: int, role=Qt.ItemDataRole.DisplayRole) -> object:
    return table.model().index(row, column).data(role)


def click_row(qtbot, table: PassageList, row: int) -> None:
    centre = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


HEADERS = ["Quote", "Actor", "Topic", "Stance", "Memo", "Coder"]
ACTOR, TOPIC, STANCE, MEMO, CODER = range(1, len(HEADERS))


def test_rows_show_the_quote_a_column_per_variable_the_memo_and_the_coder(table, passages) -> None:
    model = table.model()
    assert model.rowCount() == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == HEADERS
    assert cell(table, 0, 0) == " ".join(passages[0].quote.split())
    assert [cell(table, 0, c) for c in (ACTOR, TOPIC, STANCE)] == [
        "Vladimir Putin",
        "Sanctions",
        "−1 Negative",
    ]
    assert cell(table, 1, ACTOR) == "Kim Jong-un"
    assert cell(table, 1, STANCE) == ""
    assert cell(table, 1, MEMO) == "check this"
    assert [cell(table, r, CODER) for r in range(3)] == ["Alice", "Bob", "Alice"]
    assert not any(table.isColumnHidden(c) for c in range(len(HEADERS)))


def test_every_shown_column_is_wide_enough_to_read_in_a_narrow_side(table) -> None:
    """The stance keeps its label and the coder their name; the quote still shows words."""
    table.resize(380, 240)
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    assert header.sectionSize(CODER) >= metrics.horizontalAdvance("Alice")
    assert header.sectionSize(STANCE) >= metrics.horizontalAdvance("−1 Neg")
    assert header.sectionSize(0) >= metrics.averageCharWidth() * 10
    shown = [c for c in range(len(HEADERS)) if not table.isColumnHidden(c)]
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()


def test_columns_get_the_widths_qt_measures_after_every_refresh(table, passages, codebook) -> None:
    """The widths each cell needs are remembered between refreshes: still Qt's own, also
    when a row comes or goes and when another coder's rows turn to italics."""
    header = table.horizontalHeader()
    for viewer, shown_passages in ((None, passages[:1]), (None, passages), ("Alice", passages)):
        table.viewer = viewer
        table.set_passages(shown_passages, codebook)
        shown = [c for c in range(1, len(HEADERS)) if not table.isColumnHidden(c)]
        wants = {c: max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in shown}
        expected = fair_shares(wants, int(table.viewport().width() * (1 - QUOTE_SHARE)))
        assert {c: header.sectionSize(c) for c in shown} == expected


def test_another_coders_rows_are_in_italics_and_say_whose(table) -> None:
    table.viewer = "Alice"
    font = Qt.ItemDataRole.FontRole
    assert cell(table, 0, 0, font) is None
    assert cell(table, 1, 0, font).italic()
    assert (
        cell(table, 1, CODER, Qt.ItemDataRole.ToolTipRole) == "<p>Bob: another coder’s passage</p>"
    )


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_cells_are_painted_pixel_for_pixel_as_qt_paints_items(table, themed, dark) -> None:
    """The list paints its own cells, for speed: what Qt's item painting draws, with a row
    selected, another coder's rows in italics, colour squares, alternate rows, cut text."""
    with themed(dark):
        table.viewer = "Alice"
        table.resize(520, 200)
        table.select_passage(table.passage_model.passages[0].id)  # the next row alternates
        quote = cell(table, 0, 0)
        assert table.fontMetrics().horizontalAdvance(quote) > table.columnWidth(0)  # cut
        ours = table.viewport().grab().toImage()
        table.setItemDelegate(QStyledItemDelegate(table))
        qts = table.viewport().grab().toImage()
    assert ours == qts


def test_the_full_text_of_every_cell_is_in_its_tooltip_and_codes_have_their_colour(table) -> None:
    model = table.model()
    passage = model.passages[0]
    tip = Qt.ItemDataRole.ToolTipRole
    assert passage.quote in cell(table, 0, 0, tip)
    assert cell(table, 0, ACTOR, tip) == "<p>Russia › Vladimir Putin</p>"
    assert "Negative" in cell(table, 0, STANCE, tip)
    assert "check<br>this" in cell(table, 1, MEMO, tip)
    swatch = cell(table, 0, ACTOR, Qt.ItemDataRole.DecorationRole)
    colour = swatch.pixmap(12, 12).toImage().pixelColor(6, 6)
    assert colour.name() == "#fbb4ae"  # Russia's colour, inherited by Vladimir Putin
    assert cell(table, 2, ACTOR, Qt.ItemDataRole.DecorationRole) is None  # no codes, no swatch


def test_selecting_a_row_emits_its_passage(qtbot, table, passages) -> None:
    with qtbot.waitSignal(table.passageActivated) as emitted:
        click_row(qtbot, table, 1)
    assert emitted.args == [passages[1].id]
    with qtbot.waitSignal(table.passageActivated) as emitted:
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert emitted.args == [passages[2].id]
    with qtbot.waitSignal(table.passageActivated) as emitted:
        qtbot.keyClick(table, Qt.Key.Key_Return)  # show the same passage again
    assert emitted.args == [passages[2].id]


def test_delete_asks_to_delete_the_selected_passage(qtbot, table, passages) -> None:
    with qtbot.assertNotEmitted(table.deleteRequested):
        qtbot.keyClick(table, Qt.Key.Key_Delete)  # nothing selected yet
    click_row(qtbot, table, 0)
    with qtbot.waitSignal(table.deleteRequested) as emitted:
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert emitted.args == [passages[0].id]


def test_select_passage_selects_without_emitting(qtbot, table, passages) -> None:
    with qtbot.assertNotEmitted(table.passageActivated):
        table.select_passage(passages[2].id)
    assert table.current_passage() == passages[2].id
    with qtbot.assertNotEmitted(table.passageActivated):
        table.select_passage(None)
    assert table.current_passage() is None


def test_a_refresh_keeps_the_selection_and_does_not_emit(qtbot, table, passages, codebook) -> None:
    table.select_passage(passages[1].id)
    with qtbot.assertNotEmitted(table.passageActivated):
        table.set_passages(passages, codebook)
    assert table.current_passage() == passages[1].id
    table.set_passages(passages[2:], codebook)
    assert table.current_passage() is None
    assert table.isColumnHidden(CODER)  # one coder only: the column would say nothing
    assert table.isColumnHidden(MEMO) and table.isColumnHidden(STANCE)  # nothing to show


def test_codes_the_codebook_no_longer_has_are_named_by_id(table, passages, codebook) -> None:
    gone = PassageView(7, "u7", 1, 1, "Alice", 0, 3, "abc", "", (99999,))
    table.set_passages([gone], codebook)
    assert cell(table, 0, ACTOR) == "code 99999"


def test_an_empty_list_says_how_to_start(qtbot, table, codebook) -> None:
    table.set_passages([], codebook)
    assert table.model().rowCount() == 0
    image = table.viewport().grab().toImage()
    base = table.palette().color(table.viewport().backgroundRole())
    inked = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, min(60, image.height()))
    }
    assert inked - {base.name()}, f"expected the hint {EMPTY_TEXT!r} to be painted"
