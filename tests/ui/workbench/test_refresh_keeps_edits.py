"""A change made elsewhere to the article being coded refreshes it without taking the
coder's unsaved work: the selection, the codes chosen and the memo typed stay."""

from __future__ import annotations

from collections.abc import Callable

from stancecoder.core.changes import Changes
from stancecoder.services.project import Project
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.workbench.main_window import MainWindow


def stance_codes(window: MainWindow) -> list[int]:
    stance = next(v for v in window.codebook.passage_variables() if v.name == "stance")
    return [code.id for code in stance.codes]


def select_putin(window: MainWindow) -> None:
    assert window.article is not None
    start = window.article.text.index("Putin")
    window.reader.select_span(start, start + len("Putin"))


def test_a_new_coding_being_made_survives_a_refresh_from_elsewhere(
    coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    window = coding_window(ui_project)
    select_putin(window)
    window.panel.choose_code(stance_codes(window)[0])
    window.panel.memo_box.setPlainText("half-typed memo")
    chosen = window.panel.values()
    assert window.article is not None
    bus_of(ui_project).publish(Changes(articles={window.article.id}))
    assert window.panel.values() == chosen
    assert window.panel.memo() == "half-typed memo"
    assert window.reader.textCursor().selectedText() == "Putin"


def test_an_unsaved_recoding_survives_a_refresh_from_elsewhere(
    coding_window: Callable[[Project], MainWindow], ui_project: Project
) -> None:
    window = coding_window(ui_project)
    first, second = stance_codes(window)[:2]
    select_putin(window)
    window.panel.choose_code(first)
    window.commands.save_coding()
    passage = window.passages[0].id
    window.activate_passage(passage)
    window.panel.choose_code(second)
    window.panel.memo_box.setPlainText("not saved yet")
    chosen = window.panel.values()
    assert window.article is not None
    bus_of(ui_project).publish(Changes(articles={window.article.id}))
    assert window.current is not None and window.current.id == passage
    assert window.panel.values() == chosen
    assert window.panel.memo() == "not saved yet"
