"""Who coded what, at a glance: colour by coder or by a variable, with a legend; initials on
the margin bars; another coder's passage drawn, listed and headed as theirs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from pytestqt.qtbot import QtBot

from stancecoder.core.codebook_view import CodebookView
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.commands import CreatePassage
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project
from stancecoder.ui.workbench.main_window import MainWindow
from stancecoder.ui.workbench.tinting import (
    BY_CODER,
    CODER_COLOURS,
    SETTING,
    by_coder,
    by_variable,
    variable_mode,
)


@pytest.fixture
def coded(ui_project: Project, code_id: Callable[..., int]) -> Project:
    """Alice and Bob code the same words of the first article differently; then each codes
    words of their own."""
    article = list_articles(ui_project)[0]
    text = read_article(ui_project, article.id).text
    end = text.index(" ", 40)
    putin, kim = code_id("actor", "Vladimir Putin"), code_id("actor", "Kim Jong-un")
    negative = code_id("stance", "Negative")
    CreatePassage(article.id, "Alice", 0, end, {"actor": [putin], "stance": [negative]}).apply(
        ui_project
    )
    CreatePassage(article.id, "Bob", 0, end, {"actor": [kim]}).apply(ui_project)
    later = text.index(" ", 120)
    CreatePassage(article.id, "Alice", end + 1, later, {"actor": [putin]}).apply(ui_project)
    last = text.index(" ", 200)
    CreatePassage(article.id, "Bob", later + 1, last, {"actor": [kim]}).apply(ui_project)
    return ui_project


def view_menu_choice(window: MainWindow, text: str) -> None:
    action = next(a for a in window.tinting.menu.actions() if a.text() == text)
    action.trigger()


def test_by_variable_names_codes_of_one_colour_by_their_top_code(
    coded: Project, codebook: CodebookView
) -> None:
    passages = passages_of(coded, list_articles(coded)[0].id, None)
    actor = next(v for v in codebook.passage_variables() if v.name == "actor")
    colours, legend = by_variable(passages, codebook, actor)
    assert [entry.label for entry in legend] == ["Russia", "North Korea"]
    assert colours[passages[0].id] != colours[passages[1].id]
    stance = next(v for v in codebook.passage_variables() if v.name == "stance")
    _colours, legend = by_variable(passages, codebook, stance)
    assert [entry.label for entry in legend] == ["−1 Negative", "no stance"]


def test_by_coder_gives_each_coder_one_colour_and_marks_the_reader(coded: Project) -> None:
    passages = passages_of(coded, list_articles(coded)[0].id, None)
    colours, legend = by_coder(passages, ["Alice", "Bob"], "Alice")
    assert {colours[p.id] for p in passages if p.coder == "Alice"} == {CODER_COLOURS[0]}
    assert {colours[p.id] for p in passages if p.coder == "Bob"} == {CODER_COLOURS[1]}
    assert [(e.label, e.colour) for e in legend] == [
        ("Alice (you)", CODER_COLOURS[0]),
        ("Bob", CODER_COLOURS[1]),
    ]


def test_colour_by_coder_from_the_view_menu_with_a_legend_and_remembered(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], coded: Project
) -> None:
    window = coding_window(coded)
    assert "Colour by actor:" in window.legend.text()
    assert "Russia" in window.legend.text() and "North Korea" in window.legend.text()
    assert [a.text() for a in window.tinting.menu.actions()] == [
        "&Actor", "&Topic", "&Stance", "&Coder",
    ]  # fmt: skip
    view_menu_choice(window, "&Coder")
    assert window.settings.value(SETTING) == BY_CODER
    assert "Colour by coder:" in window.legend.text()
    assert "Alice (you)" in window.legend.text() and "Bob" in window.legend.text()
    colours = window.reader._decor.colours
    alice = {colours[p.id].name() for p in window.passages if p.coder == "Alice"}
    bob = {colours[p.id].name() for p in window.passages if p.coder == "Bob"}
    assert alice == {CODER_COLOURS[0]} and bob == {CODER_COLOURS[1]}
    window.close()

    again = coding_window(coded)  # the same settings file: the choice is remembered
    assert again.tinting.mode == BY_CODER
    checked = [a.text() for a in again.tinting.menu.actions() if a.isChecked()]
    assert checked == ["&Coder"]
    view_menu_choice(again, "&Stance")
    assert again.settings.value(SETTING) == variable_mode("stance")
    assert "−1 Negative" in again.legend.text()


def test_another_coders_passage_reads_as_theirs(
    qtbot: QtBot, coding_window: Callable[[Project], MainWindow], coded: Project
) -> None:
    window = coding_window(coded)
    mine = next(p for p in window.passages if p.coder == "Alice")
    bobs = next(p for p in window.passages if p.coder == "Bob")
    window.select_passage(bobs.id)
    assert "Bob’s passage" in window.panel.heading.text()
    window.select_passage(mine.id)
    assert "Your passage" in window.panel.heading.text()

    qtbot.waitUntil(lambda: len(window.reader.margin.bars) == len(window.passages))
    bars = {bar.key: bar for bar in window.reader.margin.bars}
    assert (bars[bobs.id].label, bars[bobs.id].other) == ("B", True)
    assert (bars[mine.id].label, bars[mine.id].other) == ("A", False)
    assert window.reader.margin.label(bars[bobs.id]) is not None  # the initials fit their lane

    # Bob's own words, which no passage of Alice's covers, are underlined with dots
    alone = max((p for p in window.passages if p.coder == "Bob"), key=lambda p: p.start)
    start = window.reader.offsets.to_qt(alone.start)
    pieces = [
        (block.position() + piece.start, piece.format.underlineStyle())
        for block in (window.reader.document().findBlock(start),)
        for piece in block.layout().formats()
    ]
    assert (start, QTextCharFormat.UnderlineStyle.DotLine) in pieces
    assert all(
        style != QTextCharFormat.UnderlineStyle.DotLine for at, style in pieces if at < start
    )
    row = window.passage_list.passage_model.row_of(bobs.id)
    assert window.passage_list.model().index(row, 0).data(Qt.ItemDataRole.FontRole).italic()
