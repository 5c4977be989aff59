"""Another coder's passage in the window: shown with its codes, changed by no key, button or
menu; a lead changes it only after choosing Edit as lead and saying yes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from stancecoder.services.articles import list_articles
from stancecoder.services.codings import add_passage
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project, open_project
from stancecoder.ui.workbench.main_window import MainWindow


@pytest.fixture
def bobs_passage(ui_project: Project) -> int:
    """Bob's passage on the first article, written by Bob's own window."""
    article = list_articles(ui_project)[0].id
    with open_project(ui_project.store.target) as bobs:
        return add_passage(bobs, article, "Bob", 0, 7, {"stance": "+2"}, memo="Bob's note").id


def stored(project: Project) -> list[tuple[str, int, int, str, list[int]]]:
    """Every passage as the database holds it, read by a project of its own."""
    with open_project(project.store.target) as fresh:
        article = list_articles(fresh)[0].id
        return [
            (p.coder, p.start, p.end, p.memo, list(p.codes))
            for p in passages_of(fresh, article, None)
        ]


def code_of(window: MainWindow, label: str) -> int:
    stance = next(v for v in window.codebook.passage_variables() if v.name == "stance")
    return next(c.id for c in stance.codes if c.label == label)


def test_a_coder_sees_a_colleagues_passage_but_cannot_change_it(
    qtbot: QtBot,
    ui_project: Project,
    coding_window: Callable[..., MainWindow],
    bobs_passage: int,
    shots: Path,
) -> None:
    before = stored(ui_project)
    window = coding_window(ui_project, "Alice", "coder")
    window.select_passage(bobs_passage)
    panel = window.panel
    assert panel.values()["stance"] == [code_of(window, "Strongly positive")]  # codes shown
    assert panel.memo() == "Bob's note"
    assert "Bob’s passage" in panel.heading.text()
    assert "only Bob changes this passage" in panel.heading.text()
    assert not panel.fields["stance"].isEnabled() and panel.memo_box.isReadOnly()
    assert not window.registry["delete"].isEnabled() and not window.registry["resize"].isEnabled()
    assert panel.grab().save(str(shots / "panel_read_only.png"))

    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_2)  # a stance key
    assert panel.values()["stance"] == [code_of(window, "Strongly positive")]
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    window.passage_list.setFocus()
    window.passage_list.select_passage(bobs_passage)
    qtbot.keyClick(window.passage_list, Qt.Key.Key_Delete)
    assert "only they delete it" in window.statusBar().currentMessage()
    assert window.complaints == []  # type: ignore[attr-defined]
    assert stored(ui_project) == before


def test_a_coders_own_passage_stays_editable(
    ui_project: Project, coding_window: Callable[..., MainWindow], bobs_passage: int
) -> None:
    window = coding_window(ui_project, "Bob", "coder")
    window.select_passage(bobs_passage)
    assert window.panel.editable and window.panel.fields["stance"].isEnabled()
    window.panel.choose_code(code_of(window, "Negative"))
    window.commands.save_coding()
    assert [codes for *_, codes in stored(ui_project)] == [[code_of(window, "Negative")]]


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_a_lead_edits_another_coders_work_only_after_saying_yes(
    ui_project: Project,
    coding_window: Callable[..., MainWindow],
    bobs_passage: int,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
) -> None:
    asked: list[str] = []

    def reply(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return answer

    monkeypatch.setattr(QMessageBox, "question", reply)
    window = coding_window(ui_project, "Alice", "lead")
    window.select_passage(bobs_passage)
    assert "Edit as lead" in window.panel.heading.text()
    assert not window.panel.editable

    window.registry["edit-as-lead"].trigger()
    assert asked == ["Edit as lead"]
    yes = answer == QMessageBox.StandardButton.Yes
    assert window.registry["edit-as-lead"].isChecked() is yes
    assert window.panel.editable is yes
    window.panel.choose_code(code_of(window, "Negative"))
    window.commands.save_coding()
    expected = code_of(window, "Negative" if yes else "Strongly positive")
    assert stored(ui_project) == [("Bob", 0, 7, "Bob's note", [expected])]
    assert ("editing as lead" in window.status.text()) is yes

    if yes:  # and back: no question to stop
        window.registry["edit-as-lead"].trigger()
        assert asked == ["Edit as lead"] and not window.panel.editable
