"""Starting out: the welcome screen, driven by keyboard, and choosing who is coding."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.coders import add_coder, list_coders
from stancecoder.services.project import Project
from stancecoder.ui.workbench.coder_dialog import CoderDialog
from stancecoder.ui.workbench.welcome import WelcomeScreen

RECENT = ["/home/ana/projects/Putin in Pyongyang.stance", "/home/ana/thesis/Sanctions 2022.stance"]


@pytest.fixture
def welcome(qtbot) -> WelcomeScreen:
    screen = WelcomeScreen(RECENT)
    qtbot.addWidget(screen)
    with qtbot.waitActive(screen):
        screen.show()
        screen.activateWindow()
    return screen


def test_enter_opens_the_sample_project_first(qtbot, welcome: WelcomeScreen) -> None:
    welcome.setFocus()
    assert welcome.sample_button.hasFocus()
    with qtbot.waitSignal(welcome.sampleRequested):
        qtbot.keyClick(welcome.sample_button, Qt.Key.Key_Return)


def test_tab_reaches_new_and_open(qtbot, welcome: WelcomeScreen) -> None:
    welcome.setFocus()
    qtbot.keyClick(welcome.sample_button, Qt.Key.Key_Tab)
    assert welcome.new_button.hasFocus()
    with qtbot.waitSignal(welcome.newRequested):
        qtbot.keyClick(welcome.new_button, Qt.Key.Key_Space)
    qtbot.keyClick(welcome.new_button, Qt.Key.Key_Tab)
    assert welcome.open_button.hasFocus()
    with qtbot.waitSignal(welcome.openRequested):
        qtbot.keyClick(welcome.open_button, Qt.Key.Key_Return)


def test_mnemonics_press_the_buttons(qtbot, welcome: WelcomeScreen) -> None:
    with qtbot.waitSignal(welcome.openRequested):
        qtbot.keyClick(welcome, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    with qtbot.waitSignal(welcome.newRequested):
        qtbot.keyClick(welcome, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)


def test_a_recent_project_opens_with_enter(qtbot, welcome: WelcomeScreen) -> None:
    qtbot.keyClick(welcome, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # the list's label
    assert welcome.recent.hasFocus()
    qtbot.keyClick(welcome.recent, Qt.Key.Key_Down)
    with qtbot.waitSignal(welcome.recentRequested) as opened:
        qtbot.keyClick(welcome.recent, Qt.Key.Key_Return)
    assert opened.args == [RECENT[1]]


def test_a_recent_project_opens_with_a_double_click(qtbot, welcome: WelcomeScreen) -> None:
    rect = welcome.recent.visualItemRect(welcome.recent.topLevelItem(0))
    viewport = welcome.recent.viewport()
    with qtbot.waitSignal(welcome.recentRequested) as opened:
        # a real double click starts with a press and release; QTest sends only the second
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [RECENT[0]]


def test_recent_projects_show_name_and_folder(welcome: WelcomeScreen) -> None:
    first = welcome.recent.topLevelItem(0)
    assert [first.text(0), first.text(1)] == ["Putin in Pyongyang", "/home/ana/projects"]
    assert first.toolTip(0) == RECENT[0]
    url = "postgresql://team@db.example.org/stance"
    welcome.set_recent([url])
    assert welcome.recent.topLevelItemCount() == 1
    assert [welcome.recent.topLevelItem(0).text(c) for c in (0, 1)] == ["stance", url]


def test_no_recent_projects_says_so(qtbot) -> None:
    screen = WelcomeScreen()
    qtbot.addWidget(screen)
    screen.show()
    assert screen.recent.isHidden()
    assert screen.no_recent.isVisible()
    assert "will be listed here" in screen.no_recent.text()


def test_welcome_screenshot(
    qtbot, themed: Callable[..., AbstractContextManager[None]], shots: Path
) -> None:
    for name, dark in (("welcome", False), ("welcome-dark", True)):
        with themed(dark):
            screen = WelcomeScreen(RECENT)
            qtbot.addWidget(screen)
            screen.resize(1000, 640)
            screen.show()
            assert screen.grab().save(str(shots / f"{name}.png"))


def coder_dialog(qtbot, project: Project) -> CoderDialog:
    dialog = CoderDialog(project)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_coder_dialog_creates_a_new_coder(qtbot, ui_project: Project) -> None:
    dialog = coder_dialog(qtbot, ui_project)
    assert [dialog.coders.item(i).text() for i in range(dialog.coders.count())] == [
        "Alice",
        "Bob",
    ]
    qtbot.keyClicks(dialog.name, "  Carol Jones ")
    assert dialog.hint.text() == "A new coder, “Carol Jones”, will be added to the project."
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen() == "Carol Jones"
    coders = {coder.name: coder for coder in list_coders(ui_project)}
    assert set(coders) == {"Alice", "Bob", "Carol Jones"}
    assert coders["Carol Jones"].initials == "CJ"


def test_coder_dialog_picks_an_existing_coder_by_keyboard(qtbot, ui_project: Project) -> None:
    dialog = coder_dialog(qtbot, ui_project)
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Down)
    assert dialog.coders.hasFocus()
    qtbot.keyClick(dialog.coders, Qt.Key.Key_Down)
    assert dialog.name.text() == "Bob"
    assert dialog.hint.text() == "You will code as Bob."
    qtbot.keyClick(dialog.coders, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen() == "Bob"
    assert len(list_coders(ui_project)) == 2


def test_coder_dialog_takes_other_capitals_as_the_same_coder(qtbot, ui_project: Project) -> None:
    dialog = coder_dialog(qtbot, ui_project)
    qtbot.keyClicks(dialog.name, "alice")
    assert dialog.coders.currentItem().text() == "Alice"
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.chosen() == "Alice"
    assert [coder.name for coder in list_coders(ui_project)] == ["Alice", "Bob"]


def test_coder_dialog_refuses_an_empty_name(qtbot, ui_project: Project) -> None:
    dialog = coder_dialog(qtbot, ui_project)
    qtbot.keyClicks(dialog.name, "   ")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == "Type your name or pick it from the list."
    assert dialog.chosen() == ""
    qtbot.keyClicks(dialog.name, "Dana")
    assert not dialog.problem.isVisible()  # typing takes the complaint away


def test_coder_dialog_stops_a_name_longer_than_the_project_stores(
    qtbot, ui_project: Project
) -> None:
    dialog = coder_dialog(qtbot, ui_project)
    qtbot.keyClicks(dialog.name, "x" * 230)
    assert len(dialog.name.text()) == 200


def test_coder_dialog_takes_a_coder_added_elsewhere_meanwhile(qtbot, ui_project: Project) -> None:
    dialog = coder_dialog(qtbot, ui_project)
    add_coder(ui_project, "Eve")  # another window, after this dialog listed the coders
    qtbot.keyClicks(dialog.name, "eve")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.chosen() == "Eve"
    assert [coder.name for coder in list_coders(ui_project)] == ["Alice", "Bob", "Eve"]


def test_coder_dialog_shows_why_a_coder_could_not_be_added(qtbot, ui_project: Project) -> None:
    dialog = coder_dialog(qtbot, ui_project)
    ui_project.close()
    Path(ui_project.location).write_bytes(b"this is no longer a database " * 200)
    qtbot.keyClicks(dialog.name, "Zed")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.chosen() == ""
    assert dialog.problem.isVisible()
    assert "not a database" in dialog.problem.text()


def test_coder_dialog_preselects_the_coder_remembered(qtbot, ui_project: Project) -> None:
    dialog = coder_dialog(qtbot, ui_project)
    dialog.preselect("Bob")
    assert dialog.coders.currentItem().text() == "Bob"
    dialog.ok.click()
    assert dialog.chosen() == "Bob"


def test_coder_dialog_leaves_out_the_consensus_layer(qtbot, ui_project: Project) -> None:
    """The adjudication's consensus is written under a coder of its own, which no person
    may pick or take as a name."""
    assert consensus_coder(ui_project) == "Consensus"
    dialog = coder_dialog(qtbot, ui_project)
    assert [dialog.coders.item(i).text() for i in range(dialog.coders.count())] == [
        "Alice",
        "Bob",
    ]
    qtbot.keyClicks(dialog.name, "consensus")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.chosen() == ""
    assert "adjudicated consensus, not a person" in dialog.problem.text()


def test_coder_dialog_screenshot(
    qtbot, ui_project: Project, themed: Callable[..., AbstractContextManager[None]], shots: Path
) -> None:
    consensus_coder(ui_project)
    with themed():
        dialog = CoderDialog(ui_project)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.name, "Carol")
        dialog.adjustSize()
        assert dialog.grab().save(str(shots / "coder_dialog.png"))
        dialog.name.setText("Consensus")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # a complaint of two lines appears
        qtbot.wait(10)
        assert dialog.problem.isVisible()
        for label in (dialog.problem, dialog.hint):
            assert label.height() >= label.heightForWidth(label.width())  # nothing clipped
        assert dialog.coders.height() >= dialog.coders.sizeHint().height()  # every name
        assert "is the adjudicated consensus" in dialog.hint.text()
        assert dialog.buttons.geometry().bottom() < dialog.height()
        assert dialog.grab().save(str(shots / "coder_dialog_problem.png"))
