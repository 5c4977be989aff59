"""The find bar over the reader, driven from the keyboard: hits marked over the passages
without touching their tints or the selection, "n of N", Enter and Shift+Enter, Esc."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from stancecoder.core.passage_view import PassageView
from stancecoder.ui.widgets.find_bar import FindBar
from stancecoder.ui.widgets.reader import Reader
from stancecoder.ui.widgets.reader_decor import CURRENT_HIT, HIT

TEXT = (
    (
        "Путин 👋🏽 met Kim in 평양 to sign a 조약.\n"
        "ПУТИН said the treaty (조약) would last; путин smiled.\n"
    )
    + "Filler line of the article.\n" * 80
    + "Last words: Путин again."
)


@pytest.fixture
def bar(qtbot: QtBot) -> Iterator[FindBar]:
    holder = QWidget()
    reader = Reader()
    find = FindBar(reader)
    layout = QVBoxLayout(holder)
    layout.addWidget(find)
    layout.addWidget(reader)
    qtbot.addWidget(holder)
    holder.resize(760, 420)
    holder.show()
    qtbot.waitExposed(holder)
    start = TEXT.index("Kim")
    passage = PassageView(1, "uid-1", 1, 1, "Alice", start, start + 3, "Kim", "", ())
    reader.show_article(TEXT, [passage], {1: "#fbb4ae"})
    yield find  # the holder lives as long as the test


def marked(reader: Reader) -> list[str]:
    return [TEXT[start:end] for start, end in reader.hits]


def test_typing_marks_every_hit_in_any_case_and_counts(qtbot: QtBot, bar: FindBar) -> None:
    bar.open_bar()
    assert bar.isVisible() and bar.field.hasFocus()
    bar.field.setText("путин")  # QTest types Latin keys only
    assert marked(bar.reader) == ["Путин", "ПУТИН", "путин", "Путин"]
    assert bar.count.text() == "1 of 4"
    qtbot.keyClicks(bar.field, "x")
    assert bar.reader.hits == [] and bar.count.text() == "Not found"
    bar.field.setText("조약")
    assert marked(bar.reader) == ["조약", "조약"]


def test_enter_and_shift_enter_step_and_wrap(qtbot: QtBot, bar: FindBar) -> None:
    bar.open_bar()
    bar.field.setText("Путин")
    reader = bar.reader
    first_screen = reader.verticalScrollBar().value()
    for expected in ("2 of 4", "3 of 4", "4 of 4"):
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
        assert bar.count.text() == expected
    assert reader.verticalScrollBar().value() > first_screen  # the last hit was scrolled to
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "1 of 4"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "4 of 4"
    bar.step(-1)
    assert bar.count.text() == "3 of 4"


def test_hits_leave_the_passages_and_the_selection_alone(bar: FindBar) -> None:
    reader = bar.reader
    formats_before = [
        (r.start, r.length, r.format.background().color().name())
        for r in reader.document().firstBlock().layout().formats()
    ]
    reader.select_span(0, 5)
    bar.open_bar()
    bar.field.setText("Kim")
    assert marked(reader) == ["Kim"]
    (mark,) = reader.extraSelections()
    assert mark.format.background().color() == CURRENT_HIT
    assert reader.offsets.from_qt(mark.cursor.selectionStart()) == TEXT.index("Kim")
    assert reader.selected_span() == (0, 5)
    formats_after = [
        (r.start, r.length, r.format.background().color().name())
        for r in reader.document().firstBlock().layout().formats()
    ]
    assert formats_after == formats_before


def test_escape_closes_and_unmarks_then_the_list_words_show(qtbot: QtBot, bar: FindBar) -> None:
    bar.show_words(["treaty", "Kim"])
    assert marked(bar.reader) == ["Kim", "treaty"]
    bar.open_bar()
    bar.field.setText("путин")
    assert len(bar.reader.hits) == 4
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert bar.isHidden()
    assert marked(bar.reader) == ["Kim", "treaty"] and bar.reader.current_hit is None
    assert {m.format.background().color().name() for m in bar.reader.extraSelections()} == {
        HIT.name()
    }
    bar.show_words([])
    assert bar.reader.hits == [] and bar.reader.extraSelections() == []


def test_a_new_article_drops_the_old_hits_and_searches_again(bar: FindBar) -> None:
    bar.open_bar()
    bar.field.setText("treaty")
    bar.reader.show_article("No treaty here, nor a Treaty there.", [], {})
    bar.show_words([])
    assert [(s, e) for s, e in bar.reader.hits] == [(3, 9), (22, 28)]
    assert bar.count.text() == "1 of 2"
