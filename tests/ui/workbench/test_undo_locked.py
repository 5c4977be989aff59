"""Undo and redo while another program holds the project's write lock, on a real file.

Another window, a sync client or a backup can lock a SQLite project for longer than the
busy timeout. The step that could not be undone then must stay on the stack, where it was,
and work once the lock is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project
from stancecoder.ui.workbench.main_window import MainWindow

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
Lock = Callable[[Path], AbstractContextManager[None]]


@pytest.fixture
def window(ui_project: Project, write_lock: Lock, coding_window) -> MainWindow:
    """The coding window on a project whose new connections wait 0.2 s for a lock."""
    ui_project.store.engine.dispose()
    return coding_window(ui_project)


def stored_quotes(window: MainWindow) -> list[str]:
    """What the database holds, read afresh, not what the window shows."""
    assert window.article is not None
    return [p.quote for p in passages_of(window.project, window.article.id, None)]


def code_a_passage(window: MainWindow, phrase: str) -> None:
    assert window.article is not None
    start = window.article.text.index(phrase)
    window.reader.select_span(start, start + len(phrase))
    stance = next(v for v in window.codebook.passage_variables() if v.name == "stance")
    window.panel.choose_code(stance.codes[0].id)  # a passage is saved with a code
    window.commands.save_coding()
    assert stored_quotes(window) == [phrase]


def test_undo_refused_by_a_lock_stays_on_the_stack_and_works_after(
    qtbot: QtBot, window: MainWindow, write_lock: Lock
) -> None:
    code_a_passage(window, "Vladimir Putin")
    stack = window.undo.stack
    project_file = Path(window.project.location)

    with write_lock(project_file):
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert len(window.complaints) == 1  # type: ignore[attr-defined]
    message = window.complaints[0]  # type: ignore[attr-defined]
    assert "Undo" in message and "Code passage" in message and "try again" in message
    assert (stack.index(), stack.count()) == (1, 1)
    assert window.registry.edit[0].text() == "Undo Code passage"
    assert stored_quotes(window) == ["Vladimir Putin"]

    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert (stack.index(), stack.count()) == (0, 1)
    assert stored_quotes(window) == [] and window.passages == []
    assert len(window.complaints) == 1  # type: ignore[attr-defined]


def test_redo_refused_by_a_lock_stays_on_the_stack_and_works_after(
    qtbot: QtBot, window: MainWindow, write_lock: Lock
) -> None:
    code_a_passage(window, "Vladimir Putin")
    uid = window.passages[0].uid
    stack = window.undo.stack
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert stored_quotes(window) == []

    with write_lock(Path(window.project.location)):
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(window.complaints) == 1  # type: ignore[attr-defined]
    assert "Redo" in window.complaints[0]  # type: ignore[attr-defined]
    assert (stack.index(), stack.count()) == (0, 1)
    assert stored_quotes(window) == []

    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert (stack.index(), stack.count()) == (1, 1)
    assert stored_quotes(window) == ["Vladimir Putin"]
    assert window.passages[0].uid == uid
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)  # and the step still undoes
    assert stored_quotes(window) == []


def test_a_recode_undone_after_a_lock_restores_the_codes_it_had(
    qtbot: QtBot, window: MainWindow, write_lock: Lock
) -> None:
    """The versions the stack hands on stay right across a refused attempt."""
    code_a_passage(window, "Vladimir Putin")
    stance = next(v for v in window.codebook.passage_variables() if v.name == "stance")
    first, second = (next(c.id for c in stance.codes if c.label == label)
                     for label in ("Negative", "Positive"))  # fmt: skip
    for code in (first, second):
        window.select_passage(window.passages[0].id)
        window.panel.choose_code(code)
        window.commands.save_coding()
    with write_lock(Path(window.project.location)):
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert window.passages[0].codes == (first,)
    assert len(window.complaints) == 1  # type: ignore[attr-defined]
