"""The coding panel and its pickers, driven from the keyboard as a coder works."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QToolButton

from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.passage_view import PassageView
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.commands import CreatePassage
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project, create_project
from stancecoder.ui.widgets.code_picker import CodePicker, matches
from stancecoder.ui.widgets.coding_panel import CodingPanel
from stancecoder.ui.widgets.scale_picker import ScalePicker

# a popup takes the keyboard; the offscreen platform says it cannot, which is no failure
pytestmark = pytest.mark.qt_log_ignore("does not support grabbing the keyboard", extend=True)

# topics may be several per passage here, and a fourth variable shows nothing is hard-coded
WIDER_CODEBOOK = """
name: Wider
version: "2"
variables:
  - name: actor
    level: nominal
    codes:
      - label: Russia
        colour: "#fbb4ae"
        children:
          - label: Vladimir Putin
          - label: Sergei Lavrov
  - name: topic
    level: nominal
    multiple: true
    codes:
      - {label: Sanctions, shortcut: Alt+2}
      - {label: Trade, shortcut: Alt+3}
      - {label: Energy}
  - name: target
    level: nominal
    codes:
      - {label: United States}
      - {label: Japan}
  - name: stance
    level: ordinal
    codes:
      - {label: Negative, value: -1}
      - {label: Neutral, value: 0}
      - {label: Positive, value: 1}
  - name: genre
    level: nominal
    scope: article
    codes:
      - {label: News report}
"""


@pytest.fixture
def wider(tmp_path: Path) -> Iterator[CodebookView]:
    source = tmp_path / "wider.yaml"
    source.write_text(WIDER_CODEBOOK, encoding="utf-8")
    project = create_project(tmp_path / "wider.stance", codebook=source)
    yield codebook_view(project)
    project.close()


@pytest.fixture
def panel(qtbot, codebook: CodebookView) -> CodingPanel:
    panel = CodingPanel()
    qtbot.addWidget(panel)
    panel.set_codebook(codebook)
    panel.resize(380, 560)
    panel.show()
    qtbot.waitExposed(panel)
    panel.load(None, "Putin would fly to Pyongyang late on Tuesday evening")
    return panel


def a_passage(project: Project, code_id: Callable[..., int]) -> PassageView:
    article = list_articles(project)[0]
    text = read_article(project, article.id).text
    codes = {
        "actor": [code_id("actor", "Kim Jong-un")],
        "stance": [code_id("stance", "Positive")],
    }
    CreatePassage(article.id, "Alice", 0, text.index(" ", 40), codes, "ask Bob").apply(project)
    return passages_of(project, article.id, None)[0]


def shown_labels(picker: CodePicker) -> list[str]:
    """What the open list shows, top to bottom (the "no match" row has no code)."""
    model = picker.popup.model()
    rows = [r for r in range(model.rowCount()) if not picker.popup.isRowHidden(r)]
    return [
        model.index(r, 0).data() for r in rows if model.index(r, 0).data(Qt.ItemDataRole.UserRole)
    ]


def chosen_labels(picker: CodePicker) -> list[str]:
    return [
        label.text()
        for label in picker.findChildren(QLabel)
        if label.isVisibleTo(picker) and label.text()
    ]


# ---- the searchable picker ----------------------------------------------------------------


def test_typing_part_of_a_name_finds_the_code_and_enter_picks_it(
    qtbot, panel, code_id: Callable[..., int]
) -> None:
    actor = panel.fields["actor"]
    assert isinstance(actor, CodePicker)
    qtbot.keyClicks(actor.search, "put")
    assert actor.popup.isVisible()
    assert shown_labels(actor) == ["Russia › Vladimir Putin"]
    with qtbot.waitSignal(actor.changed), qtbot.assertNotEmitted(panel.saveRequested):
        qtbot.keyClick(actor.search, Qt.Key.Key_Return)
    assert actor.codes() == [code_id("actor", "Vladimir Putin")]
    assert actor.search.text() == ""
    assert not actor.popup.isVisible()
    assert chosen_labels(actor) == ["Russia › Vladimir Putin"]


def test_down_and_up_walk_the_matches_before_enter_picks(
    qtbot, panel, code_id: Callable[..., int]
) -> None:
    actor = panel.fields["actor"]
    qtbot.keyClicks(actor.search, "kim")
    assert shown_labels(actor) == [
        "North Korea › Kim Jong-un",
        "North Korea › Kim Il-sung",
        "South Korea › Kim Hong-kyun",
    ]
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(actor.search, key)
    qtbot.keyClick(actor.search, Qt.Key.Key_Enter)
    assert actor.codes() == [code_id("actor", "Kim Il-sung")]


def test_keys_that_reach_the_open_list_go_on_to_the_search(
    qtbot, panel, code_id: Callable[..., int]
) -> None:
    """With the list open the keyboard belongs to the list, as it does for a real user."""
    actor = panel.fields["actor"]
    qtbot.keyClicks(actor.search, "u")
    qtbot.keyClicks(actor.popup, "shak")
    assert actor.search.text() == "ushak"
    qtbot.keyClick(actor.popup, Qt.Key.Key_Return)
    assert actor.codes() == [code_id("actor", "Yuri Ushakov")]


def test_tab_walks_from_field_to_field(qtbot, panel) -> None:
    actor, topic = panel.fields["actor"].search, panel.fields["topic"].search
    actor.setFocus()
    qtbot.waitUntil(actor.hasFocus)
    qtbot.keyClick(actor, Qt.Key.Key_Tab)
    assert topic.hasFocus()
    qtbot.keyClick(topic, Qt.Key.Key_Tab)
    assert panel.fields["stance"].isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert topic.hasFocus()


def test_down_in_an_empty_field_offers_every_code_in_codebook_order(qtbot, panel) -> None:
    topic = panel.fields["topic"]
    qtbot.keyClick(topic.search, Qt.Key.Key_Down)
    assert topic.popup.isVisible()
    assert shown_labels(topic)[:2] == ["Military cooperation", "Sanctions"]
    assert len(shown_labels(topic)) == 10


def test_a_click_on_a_listed_code_picks_it(qtbot, panel, code_id: Callable[..., int]) -> None:
    actor = panel.fields["actor"]
    qtbot.keyClicks(actor.search, "korea")
    row = next(
        actor.popup.model().index(r, 0)
        for r in range(actor.popup.model().rowCount())
        if actor.popup.model().index(r, 0).data() == "South Korea › Chang Ho-jin"
    )
    centre = actor.popup.visualRect(row).center()
    with qtbot.waitSignal(actor.changed):
        qtbot.mouseClick(actor.popup.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert actor.codes() == [code_id("actor", "Chang Ho-jin")]


def test_emptying_the_search_closes_the_list(qtbot, panel) -> None:
    actor = panel.fields["actor"]
    qtbot.keyClicks(actor.search, "ki")
    assert actor.popup.isVisible()
    qtbot.keyClick(actor.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(actor.search, Qt.Key.Key_Backspace)
    assert not actor.popup.isVisible()
    assert actor.codes() == []


def test_search_words_match_in_any_order_and_ignore_case_and_accents(
    codebook, code_id: Callable[..., int]
) -> None:
    putin = codebook.code(code_id("actor", "Vladimir Putin"))
    assert matches("PUTIN russia", putin)
    assert matches("rússia", putin)
    assert not matches("putin korea", putin)


def test_a_search_that_finds_nothing_picks_nothing_and_does_not_save(qtbot, panel) -> None:
    actor = panel.fields["actor"]
    qtbot.keyClicks(actor.search, "zzz")
    assert actor.visible_matches() == []
    assert not actor.popup.isRowHidden(len(actor.variable.codes))  # "No code matches"
    with qtbot.assertNotEmitted(panel.saveRequested), qtbot.assertNotEmitted(actor.changed):
        qtbot.keyClick(actor.search, Qt.Key.Key_Return)
    assert actor.codes() == []


def test_escape_closes_the_list_then_clears_the_search_then_cancels(qtbot, panel) -> None:
    actor = panel.fields["actor"]
    qtbot.keyClicks(actor.search, "kim")
    with qtbot.assertNotEmitted(panel.cancelRequested):
        qtbot.keyClick(actor.search, Qt.Key.Key_Escape)
        assert not actor.popup.isVisible()
        assert actor.search.text() == "kim"
        qtbot.keyClick(actor.search, Qt.Key.Key_Escape)
        assert actor.search.text() == ""
    with qtbot.waitSignal(panel.cancelRequested):
        qtbot.keyClick(actor.search, Qt.Key.Key_Escape)


def test_popup_rows_show_the_colour_and_the_description(qtbot, panel, codebook) -> None:
    actor = panel.fields["actor"]
    qtbot.keyClicks(actor.search, "kirby")
    index = actor.popup.currentIndex()
    assert index.data() == "United States › John Kirby"
    assert "National Security Communications Advisor" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()


def test_a_variable_with_several_values_holds_several_codes(
    qtbot, wider, code_id: Callable[..., int]
) -> None:
    topic = CodePicker(wider.passage_variables()[1])
    qtbot.addWidget(topic)
    for typed in ("sanc", "trade"):
        qtbot.keyClicks(topic.search, typed)
        qtbot.keyClick(topic.search, Qt.Key.Key_Return)
    sanctions, trade = (
        code_id("topic", "Sanctions", book=wider),
        code_id("topic", "Trade", book=wider),
    )
    assert topic.codes() == [sanctions, trade]
    topic.choose(sanctions)
    assert topic.codes() == [trade]
    with qtbot.waitSignal(topic.changed):
        qtbot.keyClick(topic.search, Qt.Key.Key_Backspace)  # empty field: the last code goes
    assert topic.codes() == []


def test_the_cross_on_a_chosen_code_removes_it(qtbot, wider, code_id: Callable[..., int]) -> None:
    topic = CodePicker(wider.passage_variables()[1])
    qtbot.addWidget(topic)
    topic.set_codes([code_id("topic", "Trade", book=wider), code_id("topic", "Energy", book=wider)])
    topic.show()
    assert chosen_labels(topic) == ["Trade", "Energy"]
    first_cross = next(b for b in topic.findChildren(QToolButton) if b.isVisibleTo(topic))
    with qtbot.waitSignal(topic.changed):
        qtbot.mouseClick(first_cross, Qt.MouseButton.LeftButton)
    assert topic.codes() == [code_id("topic", "Energy", book=wider)]


def test_set_codes_is_silent_and_refuses_codes_of_another_variable(
    qtbot, codebook, code_id: Callable[..., int]
) -> None:
    actor = CodePicker(codebook.passage_variables()[0])
    qtbot.addWidget(actor)
    putin, kim = (
        code_id("actor", "Vladimir Putin"),
        code_id("actor", "Kim Jong-un"),
    )
    with qtbot.assertNotEmitted(actor.changed):
        actor.set_codes([putin])
    assert actor.codes() == [putin]
    with pytest.raises(ValueError, match="not codes of the variable 'actor'"):
        actor.set_codes([code_id("topic", "Sanctions")])
    with pytest.raises(ValueError, match="'actor' takes one code"):
        actor.set_codes([putin, kim])


# ---- the scale -----------------------------------------------------------------------------


def test_scale_buttons_show_value_and_label_and_uncheck_to_uncode(
    qtbot, panel, code_id: Callable[..., int]
) -> None:
    stance = panel.fields["stance"]
    assert isinstance(stance, ScalePicker)
    negative = code_id("stance", "Strongly negative")
    positive = code_id("stance", "Positive")
    assert stance.buttons[negative].text() == "−2\nStrongly\nnegative"
    assert "Condemns the rapprochement" in stance.buttons[negative].toolTip()
    with qtbot.waitSignal(stance.changed):
        qtbot.mouseClick(stance.buttons[negative], Qt.MouseButton.LeftButton)
    assert stance.codes() == [negative]
    qtbot.mouseClick(stance.buttons[positive], Qt.MouseButton.LeftButton)
    assert stance.codes() == [positive]
    qtbot.mouseClick(stance.buttons[positive], Qt.MouseButton.LeftButton)
    assert stance.codes() == []


def test_scale_is_walked_with_arrows_and_set_with_space(
    qtbot, panel, code_id: Callable[..., int]
) -> None:
    stance = panel.fields["stance"]
    buttons = list(stance.buttons.values())
    buttons[0].setFocus()
    qtbot.keyClick(buttons[0], Qt.Key.Key_Right)
    qtbot.keyClick(buttons[1], Qt.Key.Key_Right)
    assert buttons[2].hasFocus()
    qtbot.keyClick(buttons[2], Qt.Key.Key_Space)
    assert stance.codes() == [code_id("stance", "Neutral / ambivalent")]


def test_scale_keeps_one_row_in_a_normal_panel_and_wraps_in_a_narrow_one(qtbot, panel) -> None:
    stance = panel.fields["stance"]
    rows = {b.geometry().top() for b in stance.buttons.values()}
    assert len(rows) == 1
    assert all(b.width() >= b.sizeHint().width() - 4 for b in stance.buttons.values())
    panel.resize(200, 560)
    qtbot.waitUntil(lambda: len({b.geometry().top() for b in stance.buttons.values()}) > 1)


# ---- the panel -----------------------------------------------------------------------------


def test_fields_follow_the_codebook_whatever_it_holds(qtbot, wider) -> None:
    panel = CodingPanel()
    qtbot.addWidget(panel)
    panel.set_codebook(wider)
    assert list(panel.fields) == ["actor", "topic", "target", "stance"]
    assert isinstance(panel.fields["target"], CodePicker)
    assert isinstance(panel.fields["stance"], ScalePicker)
    assert panel.values() == {"actor": [], "topic": [], "target": [], "stance": []}


def test_heading_says_what_is_being_coded(
    qtbot, panel, ui_project, code_id: Callable[..., int]
) -> None:
    assert "New passage" in panel.heading.text()
    assert "Putin would fly to Pyongyang" in panel.heading.text()
    passage = a_passage(ui_project, code_id)
    panel.load(passage, passage.quote)
    assert "Passage by Alice" in panel.heading.text()
    assert passage.quote.split()[0] in panel.heading.text()
    panel.load(None, "x" * 20 + " " + "y" * 400)
    assert "y" * 200 not in panel.heading.text()
    assert "…" in panel.heading.text()


def test_loading_a_passage_shows_its_codes_and_memo(
    qtbot, panel, ui_project, code_id: Callable[..., int]
) -> None:
    passage = a_passage(ui_project, code_id)
    panel.load(passage, None)
    assert panel.values() == {
        "actor": [code_id("actor", "Kim Jong-un")],
        "topic": [],
        "stance": [code_id("stance", "Positive")],
    }
    assert panel.memo() == "ask Bob"
    qtbot.keyClicks(panel.fields["topic"].search, "sanc")
    panel.load(None, "another selection")
    assert panel.values() == {"actor": [], "topic": [], "stance": []}
    assert panel.fields["topic"].search.text() == ""
    assert not panel.fields["topic"].popup.isVisible()
    assert panel.memo() == ""


def test_a_passage_with_a_code_the_panel_does_not_know_is_refused(qtbot, panel) -> None:
    stale = PassageView(1, "u", 1, 1, "Alice", 0, 4, "Putin", "", (99999,))
    with pytest.raises(ValueError, match=r"code 99999.*reload the codebook"):
        panel.load(stale, None)


def test_choose_code_sets_the_code_the_shortcut_names(
    qtbot, panel, code_id: Callable[..., int]
) -> None:
    neutral = code_id("stance", "Neutral / ambivalent")
    assert panel.choose_code(neutral)
    assert panel.values()["stance"] == [neutral]
    assert panel.choose_code(neutral)  # a single value stays set
    assert panel.values()["stance"] == [neutral]
    assert not panel.choose_code(code_id("genre", "News report"))
    assert not panel.choose_code(99999)


def test_choose_code_toggles_on_a_variable_with_several_values(
    qtbot, wider, code_id: Callable[..., int]
) -> None:
    panel = CodingPanel()
    qtbot.addWidget(panel)
    panel.set_codebook(wider)
    panel.load(None, "a selection")
    trade = code_id("topic", "Trade", book=wider)
    panel.choose_code(trade)
    panel.choose_code(code_id("topic", "Energy", book=wider))
    panel.choose_code(trade)
    assert panel.values()["topic"] == [code_id("topic", "Energy", book=wider)]


def test_enter_saves_with_the_values_chosen(qtbot, panel, code_id: Callable[..., int]) -> None:
    actor = panel.fields["actor"]
    qtbot.keyClicks(actor.search, "hong min")
    qtbot.keyClick(actor.search, Qt.Key.Key_Return)  # picks
    panel.choose_code(code_id("stance", "Negative"))
    qtbot.keyClicks(panel.memo_box, "irony?")
    stance_button = next(iter(panel.fields["stance"].buttons.values()))
    with qtbot.waitSignal(panel.saveRequested):
        qtbot.keyClick(stance_button, Qt.Key.Key_Return)
    assert panel.values() == {
        "actor": [code_id("actor", "Hong Min")],
        "topic": [],
        "stance": [code_id("stance", "Negative")],
    }
    assert panel.memo() == "irony?"
    with qtbot.waitSignal(panel.saveRequested):
        qtbot.keyClick(actor.search, Qt.Key.Key_Enter)  # an empty search: Enter saves


def test_enter_in_the_memo_starts_a_line_and_ctrl_enter_saves(qtbot, panel) -> None:
    panel.choose_code(panel.codebook.passage_variables()[0].codes[0].id)
    qtbot.keyClicks(panel.memo_box, "first")
    with qtbot.assertNotEmitted(panel.saveRequested):
        qtbot.keyClick(panel.memo_box, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.memo_box, "second")
    assert panel.memo() == "first\nsecond"
    with qtbot.waitSignal(panel.saveRequested):
        qtbot.keyClick(panel.memo_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.memo() == "first\nsecond"


def test_escape_in_the_memo_and_the_buttons_cancel_and_save(qtbot, panel) -> None:
    with qtbot.waitSignal(panel.cancelRequested):
        qtbot.keyClick(panel.memo_box, Qt.Key.Key_Escape)
    with qtbot.waitSignal(panel.cancelRequested):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    panel.choose_code(panel.codebook.passage_variables()[0].codes[0].id)
    with qtbot.waitSignal(panel.saveRequested):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.cancelRequested), qtbot.assertNotEmitted(panel.saveRequested):
        qtbot.keyClick(panel.cancel_button, Qt.Key.Key_Return)  # Enter on Cancel cancels


def test_nothing_to_code_greys_the_panel(qtbot, panel, code_id: Callable[..., int]) -> None:
    panel.load(None, None)
    assert not panel.isEnabled()
    assert "Nothing to code" in panel.heading.text()
    assert not panel.choose_code(code_id("stance", "Negative"))
    panel.set_enabled_for(True)
    assert panel.fields["actor"].search.isEnabled()
    panel.set_enabled_for(False)
    assert not panel.fields["actor"].search.isEnabled()


def test_a_new_codebook_keeps_what_was_chosen_but_not_saved(
    qtbot, panel, codebook, code_id: Callable[..., int]
) -> None:
    putin = code_id("actor", "Vladimir Putin")
    panel.choose_code(putin)
    qtbot.keyClicks(panel.memo_box, "unsure")
    panel.set_codebook(codebook)
    assert panel.values()["actor"] == [putin]
    assert panel.memo() == "unsure"


def test_the_panel_never_scrolls_sideways(
    qtbot, panel, ui_project, code_id: Callable[..., int]
) -> None:
    panel.load(a_passage(ui_project, code_id), None)
    panel.resize(300, 560)
    qtbot.wait(10)
    body = panel.scroll_area.widget()
    assert body.width() <= panel.scroll_area.viewport().width()


def test_save_without_a_code_is_held_back_with_a_hint(qtbot, panel) -> None:
    qtbot.keyClicks(panel.memo_box, "a memo alone")
    with qtbot.assertNotEmitted(panel.saveRequested):
        qtbot.keyClick(panel.memo_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.notice.isVisible() and "at least one code" in panel.notice.text()
    panel.load(None, "another selection")
    assert not panel.notice.isVisible()
