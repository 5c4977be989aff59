"""The reader: coded passages over the article text, selections in code points.

Driven as a coder would: keys and mouse clicks on the characters where they are drawn.
Texts mix emoji (two UTF-16 units, or more with a skin tone), Korean and a combining
mark that NFC leaves alone, because each shifts Qt's positions away from ours.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QToolTip

from stancecoder.core.offsets import OffsetMap
from stancecoder.core.passage_view import PassageView
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.codings import add_passage
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project
from stancecoder.ui.widgets.contrast import blend
from stancecoder.ui.widgets.highlighter import TINTS
from stancecoder.ui.widgets.reader import Reader
from stancecoder.ui.widgets.reader_layout import LINE_HEIGHT
from stancecoder.ui.widgets.reading_view import ReadingView

TEXT = (
    "Putin 👋🏽 met Kim 김정은 in 평양 on Tuesday.\n"
    "The word nx\u0301e and 😀😀 emoji end the second paragraph here.\n"
    "A third paragraph closes the test article."
)
PINK, BLUE = "#fbb4ae", "#80b1d3"


def passage(pid: int, text: str, words: str, coder: str = "Alice", nth: int = 0) -> PassageView:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    end = start + len(words)
    return PassageView(pid, f"uid-{pid}", 1, 1, coder, start, end, text[start:end], "", ())


@pytest.fixture
def reader(qtbot) -> Reader:
    widget = Reader()
    qtbot.addWidget(widget)
    widget.resize(760, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def char_point(reader: Reader, index: int, where: float = 0.5) -> QPoint:
    """Viewport point over the code point `index`, `where` across its width."""
    qt = reader.offsets.to_qt(index)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(qt)
    left = reader.cursorRect(cursor)
    cursor.setPosition(reader.offsets.to_qt(index + 1))
    right = reader.cursorRect(cursor)
    assert left.top() == right.top(), "pick a character inside a line"
    return QPoint(round(left.x() + (right.x() - left.x()) * where), left.center().y())


def block_formats(reader: Reader, block_number: int) -> list[tuple[int, int, str, bool]]:
    block = reader.document().findBlockByNumber(block_number)
    return [
        (
            block.position() + r.start,
            r.length,
            r.format.background().color().name(),
            r.format.fontUnderline(),
        )
        for r in block.layout().formats()
    ]


# ---- highlights ---------------------------------------------------------------------------


def test_highlight_lands_on_the_right_qt_positions_after_emoji(reader: Reader) -> None:
    kim = passage(1, TEXT, "김정은")
    end = passage(2, TEXT, "emoji end")
    reader.show_article(TEXT, [kim, end], {1: PINK, 2: BLUE})

    offsets = OffsetMap(TEXT)
    white = reader.palette().color(QPalette.ColorRole.Base)
    tint = TINTS["light"][0]
    assert block_formats(reader, 0) == [
        (offsets.to_qt(kim.start), 3, blend(QColor(PINK), white, tint).name(), False)
    ]
    assert offsets.to_qt(kim.start) == kim.start + 2  # the waving hand took four units
    (start, length, colour, _underline) = block_formats(reader, 1)[0]
    assert (start, length) == (offsets.to_qt(end.start), len("emoji end"))
    assert start == end.start + 4  # and two more for the two faces
    assert colour == blend(QColor(BLUE), white, tint).name()
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start)
    cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "emoji end"


def test_tints_are_light_enough_for_black_text(reader: Reader) -> None:
    reader.show_article(TEXT, [passage(1, TEXT, "Putin")], {1: "#e41a1c"})  # a saturated red
    colour = QColor(block_formats(reader, 0)[0][2])
    assert colour.lightness() > 150
    assert colour != QColor("#e41a1c")


def test_dark_palette_blends_with_the_dark_base(reader: Reader) -> None:
    reader.show_article(TEXT, [passage(1, TEXT, "Putin")], {1: PINK})
    palette = reader.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1b1e23"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e9ef"))
    reader.setPalette(palette)
    colour = QColor(block_formats(reader, 0)[0][2])
    assert colour == blend(QColor(PINK), QColor("#1b1e23"), TINTS["dark"][0])
    assert colour.lightness() < 128  # still a dark background under light text


def test_overlapping_passages_are_cut_into_segments_and_get_two_lanes(reader: Reader) -> None:
    long = passage(1, TEXT, "Putin 👋🏽 met Kim")
    short = passage(2, TEXT, "met Kim 김정은")
    reader.show_article(TEXT, [long, short], {1: PINK, 2: BLUE})

    offsets = OffsetMap(TEXT)
    pieces = block_formats(reader, 0)
    assert [(s, n) for s, n, _c, _u in pieces] == [
        (0, offsets.to_qt(short.start)),
        (offsets.to_qt(short.start), len("met Kim")),
        (offsets.to_qt(long.end), len(" 김정은")),
    ]
    overlap = pieces[1]
    assert overlap[3] is True and pieces[0][3] is False  # the overlap is underlined
    assert QColor(overlap[2]).lightness() < QColor(pieces[0][2]).lightness()  # and stronger
    bars = {bar.key: bar for bar in reader.margin.bars}
    assert {bars[1].lane, bars[2].lane} == {0, 1}
    assert bars[1].colour != bars[2].colour


def test_passages_that_only_share_a_line_get_separate_bars(reader: Reader) -> None:
    reader.show_article(
        TEXT, [passage(1, TEXT, "Putin"), passage(2, TEXT, "Tuesday")], {1: PINK, 2: BLUE}
    )
    bars = {bar.key: bar for bar in reader.margin.bars}
    assert bars[1].lane != bars[2].lane  # no text in common, but one bar would hide the gap


def test_lanes_follow_the_lines_as_they_break_at_another_width(qtbot, reader) -> None:
    putin, tuesday = passage(1, TEXT, "Putin"), passage(2, TEXT, "Tuesday")
    reader.show_article(TEXT, [putin, tuesday], {1: PINK, 2: BLUE})
    assert {bar.lane for bar in reader.margin.bars} == {0, 1}  # one line: two lanes
    reader.resize(300, 420)  # "Tuesday" breaks onto a line of its own
    qtbot.waitUntil(lambda: char_point(reader, tuesday.start).y() > char_point(reader, 0).y())
    reader.set_passages([putin, tuesday], {1: PINK, 2: BLUE})
    assert {bar.lane for bar in reader.margin.bars} == {0}


def test_bars_follow_their_lines(reader: Reader) -> None:
    first, third = passage(1, TEXT, "Putin"), passage(2, TEXT, "third paragraph")
    reader.show_article(TEXT, [first, third], {1: PINK, 2: PINK})
    bars = {bar.key: bar for bar in reader.margin.bars}
    assert bars[1].lane == bars[2].lane == 0
    assert bars[1].bottom < bars[2].top
    assert bars[1].top <= char_point(reader, first.start).y() <= bars[1].bottom


def test_many_overlaps_squeeze_into_the_margin_without_moving_the_text(reader: Reader) -> None:
    reader.show_article(TEXT, [], {})
    column = reader.viewport().geometry()
    words = TEXT.split("\n")[0]
    nested = [passage(n, TEXT, words[: 12 + 3 * n]) for n in range(1, 9)]
    reader.set_passages(nested, {p.id: PINK for p in nested})

    assert reader.viewport().geometry() == column
    rects = [reader.margin.bar_rect(bar) for bar in reader.margin.bars]
    assert len(rects) == 8 and len({round(r.center().x()) for r in rects}) == 8
    assert all(r.left() >= 0 and r.right() <= reader.margin.width() for r in rects)
    assert reader.margin.geometry().right() < column.left()


def test_set_passages_keeps_text_and_scroll(reader: Reader) -> None:
    long_text = "\n".join(f"Paragraph {n} about sanctions and talks." for n in range(200))
    reader.show_article(long_text, [], {})
    reader.verticalScrollBar().setValue(120)
    document = reader.document()
    later = passage(1, long_text, "Paragraph 150")
    reader.set_passages([later], {1: PINK})
    reader.show_article(long_text, [later], {1: PINK})  # the same article again
    assert reader.verticalScrollBar().value() == 120
    assert reader.document() is document
    assert block_formats(reader, 150)[0][:2] == (later.start, len("Paragraph 150"))
    reader.set_passages([], {})
    assert block_formats(reader, 150) == []


def test_new_article_resets_and_passages_past_the_end_are_clipped(reader: Reader) -> None:
    reader.show_article(TEXT, [passage(1, TEXT, "Putin")], {1: PINK})
    reader.set_current_passage(1)
    short = "Short text."
    stale = PassageView(2, "u2", 1, 1, "Bob", 6, 400, "", "", ())
    reader.show_article(short, [stale], {2: "not a colour"})
    assert reader.current_passage is None
    assert reader.document().characterCount() == len(short) + 1
    assert block_formats(reader, 0)[0][:2] == (6, len("text."))


# ---- clicks, tooltips, the current passage ------------------------------------------------


def test_clicking_a_highlight_emits_its_id_and_the_shortest_of_overlaps(qtbot, reader) -> None:
    long = passage(7, TEXT, "Putin 👋🏽 met Kim 김정은")
    short = passage(9, TEXT, "Kim")
    reader.show_article(TEXT, [long, short], {7: PINK, 9: BLUE})
    viewport = reader.viewport()

    with qtbot.waitSignal(reader.passageClicked) as clicked:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=char_point(reader, short.start))
    assert clicked.args == [9]
    with qtbot.waitSignal(reader.passageClicked) as clicked:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=char_point(reader, 0))
    assert clicked.args == [7]
    assert reader.current_passage == 7


def test_clicking_plain_text_or_dragging_emits_nothing(qtbot, reader) -> None:
    reader.show_article(TEXT, [passage(1, TEXT, "Putin")], {1: PINK})
    viewport = reader.viewport()
    with qtbot.assertNotEmitted(reader.passageClicked):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=char_point(reader, 20))
        beyond = QPoint(viewport.width() - 5, char_point(reader, 0).y())  # right of the line
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=beyond)
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=char_point(reader, 0, 0.1))
        qtbot.mouseMove(viewport, char_point(reader, 3, 0.9))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=char_point(reader, 3, 0.9))
    assert reader.selected_span() == (0, 5)
    assert reader.current_passage is None


def test_clicking_a_margin_bar_selects_its_passage(qtbot, reader) -> None:
    reader.show_article(
        TEXT, [passage(1, TEXT, "Putin 👋🏽 met"), passage(2, TEXT, "met Kim")], {1: PINK, 2: BLUE}
    )
    bar = next(b for b in reader.margin.bars if b.key == 2)
    centre = reader.margin.bar_rect(bar).center().toPoint()
    with qtbot.waitSignal(reader.passageClicked) as clicked:
        qtbot.mouseClick(reader.margin, Qt.MouseButton.LeftButton, pos=centre)
    assert clicked.args == [2]
    assert reader.current_passage == 2
    assert next(b for b in reader.margin.bars if b.key == 2).current

    reader.set_describer(lambda pid: f"passage {pid}")
    global_pos = reader.margin.mapToGlobal(centre)
    reader.margin.event(QHelpEvent(QEvent.Type.ToolTip, centre, global_pos))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "passage 2"
    QToolTip.hideText()


def test_current_passage_is_an_extra_selection(reader: Reader) -> None:
    kim = passage(1, TEXT, "Kim 김정은")
    reader.show_article(TEXT, [kim], {1: PINK})
    assert reader.extraSelections() == []
    reader.set_current_passage(1)
    (mark,) = reader.extraSelections()
    offsets = OffsetMap(TEXT)
    assert (mark.cursor.selectionStart(), mark.cursor.selectionEnd()) == (
        offsets.to_qt(kim.start),
        offsets.to_qt(kim.end),
    )
    reader.set_current_passage(404)  # not on this article (deleted, or hidden in blind mode)
    assert reader.current_passage is None
    assert reader.extraSelections() == []


def test_changes_made_while_refreshing_once_are_drawn_together_at_the_end(reader) -> None:
    """A saved coding brings new passages and then a current one: the marks are drawn
    once, for both, when the block ends (also when it ends with an error)."""
    kim = passage(1, TEXT, "Kim 김정은")
    reader.show_article(TEXT, [], {})
    with pytest.raises(RuntimeError), reader.refreshing_once():
        reader.set_passages([kim], {1: PINK})
        reader.set_current_passage(1)
        assert reader.current_passage == 1
        assert reader.extraSelections() == []  # not drawn yet
        assert reader.margin.bars == []
        raise RuntimeError("the command failed half way")
    (mark,) = reader.extraSelections()
    assert mark.cursor.selectionStart() == OffsetMap(TEXT).to_qt(kim.start)
    assert [bar.key for bar in reader.margin.bars] == [1]


def test_tooltip_lists_every_passage_under_the_mouse(qtbot, reader) -> None:
    reader.show_article(
        TEXT,
        [passage(1, TEXT, "Putin 👋🏽 met Kim"), passage(2, TEXT, "Kim 김정은", coder="Bob")],
        {1: PINK, 2: BLUE},
    )
    reader.set_describer(lambda pid: f"passage {pid}: actor: Russia › Vladimir Putin")
    over_kim = char_point(reader, TEXT.index("Kim"))
    assert reader.tooltip_at(QPointF(over_kim)) == (
        "passage 1: actor: Russia › Vladimir Putin\npassage 2: actor: Russia › Vladimir Putin"
    )
    assert reader.tooltip_at(QPointF(char_point(reader, 20))) == ""

    viewport = reader.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, over_kim, viewport.mapToGlobal(over_kim))
    reader.viewportEvent(event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith("passage 1")
    QToolTip.hideText()


def test_default_tooltip_names_the_coder(reader: Reader) -> None:
    reader.show_article(TEXT, [passage(1, TEXT, "Putin", coder="Bob")], {1: PINK})
    assert reader.tooltip_at(QPointF(char_point(reader, 1))) == "Bob"


def test_keyboard_steps_through_passages_in_text_order(qtbot, reader) -> None:
    later, earlier = passage(1, TEXT, "second paragraph"), passage(2, TEXT, "Kim")
    reader.show_article(TEXT, [later, earlier], {1: PINK, 2: BLUE})
    reader.select_span(0, 0)
    with qtbot.waitSignal(reader.passageClicked) as chosen:
        assert reader.step_passage(1) == 2
    assert chosen.args == [2]
    assert reader.step_passage(1) == 1
    assert reader.step_passage(1) == 1  # stays on the last one
    assert reader.step_passage(-1) == 2


# ---- flash --------------------------------------------------------------------------------


def test_flash_scrolls_to_the_passage_and_fades(qtbot, reader) -> None:
    long_text = "\n".join(f"Paragraph {n} about the summit." for n in range(300))
    target = passage(1, long_text, "Paragraph 250")
    reader.show_article(long_text, [target], {1: PINK})
    reader.select_span(0, 9)
    reader.flash_passage(1)

    assert reader.verticalScrollBar().value() > 200
    assert reader.selected_span() == (0, 9)  # the coder's selection is left alone
    (flash,) = reader.extraSelections()
    assert flash.cursor.selectionStart() == target.start
    flashes = [t for t in reader.findChildren(QTimer) if t.isActive() and t.interval() == 600]
    assert len(flashes) == 1
    qtbot.waitUntil(lambda: reader.extraSelections() == [], timeout=2000)
    assert not flashes[0].isActive()
    reader.flash_passage(12345)  # unknown: nothing happens
    assert reader.extraSelections() == []


def test_flash_timer_dies_with_the_reader(qtbot) -> None:
    widget = Reader()
    widget.show_article(TEXT, [passage(1, TEXT, "Kim")], {1: PINK})
    widget.flash_passage(1)
    timer = next(t for t in widget.findChildren(QTimer) if t.isActive())
    assert timer.parent() is widget
    shiboken6.delete(widget)
    assert not shiboken6.isValid(timer)


def test_hiding_the_reader_stops_the_flash(qtbot, reader) -> None:
    reader.show_article(TEXT, [passage(1, TEXT, "Kim")], {1: PINK})
    reader.flash_passage(1)
    reader.hide()
    assert not any(t.isActive() for t in reader.findChildren(QTimer))
    assert reader.extraSelections() == []


# ---- selections in code points ------------------------------------------------------------

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.mark.parametrize("word", ["김정은", "평양", "nx\u0301e", "Tuesday"])
def test_keyboard_word_selection_gives_the_code_point_span(qtbot, reader, word: str) -> None:
    reader.show_article(TEXT, [], {})
    start = TEXT.index(word)
    reader.select_span(start, start)
    with qtbot.waitSignal(reader.selectionChangedSpan) as changed:
        qtbot.keyClick(reader, Qt.Key.Key_Right, CTRL_SHIFT)
    span = reader.selected_span()
    assert span is not None and TEXT[span[0] : span[1]] == word
    assert changed.args == [span]


def test_shift_arrow_takes_a_whole_emoji_with_its_skin_tone(qtbot, reader) -> None:
    reader.show_article(TEXT, [], {})
    start = TEXT.index("👋🏽")
    reader.select_span(start, start)
    qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert reader.selected_span() == (start, start + 2)  # two code points, four UTF-16 units
    qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(reader, Qt.Key.Key_Right, CTRL_SHIFT)
    span = reader.selected_span()
    assert span is not None and TEXT[span[0] : span[1]] == "👋🏽 met"


def test_keyboard_selection_across_emoji_into_the_next_paragraph(qtbot, reader) -> None:
    reader.show_article(TEXT, [], {})
    start = TEXT.index("😀😀")
    reader.select_span(start, start)
    for _ in range(3):
        qtbot.keyClick(reader, Qt.Key.Key_Right, CTRL_SHIFT)
    span = reader.selected_span()
    assert span is not None and TEXT[span[0] : span[1]] == "😀😀 emoji end"


def test_mouse_drag_over_korean_and_combining_marks(qtbot, reader) -> None:
    reader.show_article(TEXT, [], {})
    viewport = reader.viewport()
    for words in ("김정은 in 평양", "nx\u0301e and 😀😀"):
        first, last = TEXT.index(words), TEXT.index(words) + len(words) - 1
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=char_point(reader, first, 0.1))
        qtbot.mouseMove(viewport, char_point(reader, last, 0.9))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=char_point(reader, last, 0.9))
        span = reader.selected_span()
        assert span is not None and TEXT[span[0] : span[1]] == words


def test_snapping_grows_a_sloppy_selection_to_whole_words(reader: Reader) -> None:
    reader.show_article(TEXT, [], {})
    start = TEXT.index("Tuesday")
    reader.select_span(start + 2, start + 5)
    assert reader.snap_to_words is True
    assert reader.selected_span() == (start, start + len("Tuesday"))
    reader.snap_to_words = False
    assert reader.selected_span() == (start + 2, start + 5)
    reader.select_span(start - 1, start)  # only a space
    assert reader.selected_span() == (start - 1, start)
    reader.snap_to_words = True
    assert reader.selected_span() is None


def test_select_span_round_trips_and_refuses_spans_outside_the_text(qtbot, reader) -> None:
    reader.show_article(TEXT, [], {})
    start = TEXT.index("😀😀 emoji")
    with qtbot.waitSignal(reader.selectionChangedSpan) as changed:
        reader.select_span(start, start + len("😀😀 emoji"))
    assert changed.args == [(start, start + len("😀😀 emoji"))]
    with qtbot.waitSignal(reader.selectionChangedSpan) as changed:
        reader.select_span(start, start)
    assert changed.args == [None]
    with pytest.raises(ValueError, match=r"outside the article \(0–"):
        reader.select_span(5, len(TEXT) + 1)
    with pytest.raises(ValueError, match="outside the article"):
        reader.select_span(6, 5)


# ---- typography and zoom ------------------------------------------------------------------


def test_lines_are_spaced_and_the_column_is_centred(reader: Reader) -> None:
    reader.resize(1400, 600)
    reader.show_article(TEXT, [], {})
    block = reader.document().firstBlock()
    line_height = block.layout().lineAt(0).height()
    assert reader.blockBoundingRect(block).height() >= 1.35 * line_height
    assert reader.font().pointSize() == 12
    view = reader.viewport().geometry()
    left, right = view.left(), reader.width() - view.right()
    assert left > 200 and abs(left - right) < reader.verticalScrollBar().sizeHint().width() + 4


def test_a_paragraph_is_as_tall_as_its_spaced_lines_after_every_new_break(qtbot, reader) -> None:
    """Its height is kept between Qt's questions, and dropped when its lines break anew."""
    reader.show_article(" ".join(["Putin met Kim in Pyongyang on Tuesday."] * 12), [], {})
    block = reader.document().firstBlock()
    margin = reader.document().documentMargin()
    counts = []
    for change in (lambda: None, lambda: reader.resize(320, 420), reader.zoom_in):
        change()
        qtbot.wait(10)
        height = reader.blockBoundingRect(block).height()  # lays the lines out
        lines = block.layout()
        step = round(lines.lineAt(0).height() * LINE_HEIGHT)
        assert height == lines.lineCount() * step + margin
        counts.append((lines.lineCount(), step))
    assert counts[0][0] < counts[1][0] and counts[1][1] < counts[2][1]  # narrower, larger


def test_zoom_steps_emit_and_stay_in_range(qtbot, reader) -> None:
    reader.show_article(TEXT, [passage(1, TEXT, "Kim")], {1: PINK})
    with qtbot.waitSignal(reader.zoomChanged) as zoomed:
        reader.zoom_in()
    assert zoomed.args == [1] and reader.zoom == 1 and reader.font().pointSize() == 13
    reader.zoom_out()
    reader.zoom_out()
    assert reader.zoom == -1 and reader.font().pointSize() == 11
    for _ in range(40):
        reader.zoom_out()
    assert reader.font().pointSize() >= 6
    with qtbot.waitSignal(reader.zoomChanged) as zoomed:
        reader.zoom_reset()
    assert zoomed.args == [0] and reader.font().pointSize() == 12
    with qtbot.assertNotEmitted(reader.zoomChanged):
        reader.set_zoom(0)
    assert any(b.key == 1 for b in reader.margin.bars)  # bars follow the new layout


def test_ctrl_wheel_and_ctrl_plus_zoom(qtbot, reader) -> None:
    reader.show_article(TEXT, [], {})
    middle = QPointF(reader.viewport().rect().center())
    wheel = QWheelEvent(
        middle,
        QPointF(reader.viewport().mapToGlobal(middle.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    reader.wheelEvent(wheel)
    assert reader.zoom == 1
    qtbot.keyClick(reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reader.zoom == 0


# ---- with a real project ------------------------------------------------------------------


def _coded(project: Project) -> tuple[int, str]:
    """The Yonhap seed article with a few passages by two coders, one overlap."""
    book = codebook_view(project)
    actors = {c.path_text: c.id for c in book.passage_variables()[0].codes}
    topics = {c.label: c.id for c in book.passage_variables()[1].codes}
    row = next(r for r in list_articles(project) if r.source == "Yonhap")
    text = read_article(project, row.id).text

    def code(coder: str, words: str, actor: str, topic: str | None = None) -> None:
        start = text.index(words)
        codes = {"actor": [actors[actor]], "topic": [topics[topic]] if topic else []}
        add_passage(project, row.id, coder, start, start + len(words), codes)

    opening = "Russian President Vladimir Putin’s imminent trip to North Korea is likely to"
    code("Alice", f"{opening} heighten security uncertainties", "Russia › Vladimir Putin",
         "Military cooperation")  # fmt: skip
    code("Bob", "imminent trip to North Korea", "North Korea › Kim Jong-un")
    code("Alice", "lessen Pyongyang’s already dwindling appetite for diplomacy",
         "North Korea", "Regional security")  # fmt: skip
    code("Alice", "Putin will visit Pyongyang on Tuesday and Wednesday for a summit",
         "Russia › Vladimir Putin", "Strategic partnership treaty")  # fmt: skip
    return row.id, text


def test_real_article_with_real_passages(qtbot, ui_project: Project, shots: Path) -> None:
    article_id, text = _coded(ui_project)
    book = codebook_view(ui_project)
    passages = passages_of(ui_project, article_id, None)
    colours = {p.id: book.code(p.codes[0]).colour for p in passages}
    reader = Reader()
    qtbot.addWidget(reader)
    reader.setStyleSheet((files("stancecoder.resources") / "style.qss").read_text("utf-8"))
    reader.resize(860, 560)
    reader.show()
    qtbot.waitExposed(reader)
    reader.show_article(text, passages, colours)
    reader.set_describer(lambda pid: next(p.coder for p in passages if p.id == pid))
    reader.set_current_passage(passages[2].id)

    assert len(reader.margin.bars) == len(passages)
    bob = next(p for p in passages if p.coder == "Bob")
    assert reader.passage_at(QPointF(char_point(reader, bob.start + 2))) == bob.id
    for p in passages:
        assert text[p.start : p.end] == p.quote
    assert reader.grab().save(str(shots / "reader.png"))


def test_text_set_before_the_view_is_shown_wraps_at_the_shown_width(qtbot) -> None:
    """A window restoring the last article fills the reader before showing it."""
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.setPlainText(("Putin would fly to Pyongyang late on Tuesday evening. " * 12 + "\n\n") * 9)
    view.show()
    qtbot.waitExposed(view)
    assert view.horizontalScrollBar().maximum() == 0
