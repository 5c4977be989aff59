"""The history of the selected passage, opened from the Code menu or with its key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stancecoder.core.history import HistoryEntry
from stancecoder.services.project import Project
from stancecoder.ui.workbench.main_window import MainWindow
from stancecoder.ui.workbench.passage_history import PassageHistory


@pytest.fixture
def window(ui_project: Project, coding_window) -> MainWindow:
    return coding_window(ui_project)


def stance_code(window: MainWindow, label: str) -> int:
    stance = next(v for v in window.codebook.passage_variables() if v.name == "stance")
    return next(c.id for c in stance.codes if c.label == label)


def table_rows(dialog: PassageHistory) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_the_key_shows_the_passages_changes_and_escape_closes(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.article is not None
    start = window.article.text.index("Yuri Ushakov")
    window.reader.select_span(start, start + len("Yuri Ushakov"))
    window.panel.choose_code(stance_code(window, "Neutral / ambivalent"))
    window.commands.save_coding()
    (passage,) = window.passages
    window.activate_passage(passage.id)
    window.panel.choose_code(stance_code(window, "Negative"))
    window.commands.save_coding()
    window.activate_passage(passage.id)
    assert window.registry["passage-history"].isEnabled()

    seen: list[list[list[str]]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PassageHistory)
        seen.append(table_rows(dialog))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(50, read_and_close)
    window.registry["passage-history"].trigger()
    (rows,) = seen
    assert [row[1:3] for row in rows] == [["Alice", "passage added"], ["Alice", "passage changed"]]
    assert "codes: stance: Neutral / ambivalent" in rows[0][3]
    assert rows[1][3] == "codes: stance: Neutral / ambivalent -> stance: Negative"
    assert QApplication.activeModalWidget() is None


def test_without_a_passage_the_action_waits(window: MainWindow) -> None:
    assert window.current is None
    assert not window.registry["passage-history"].isEnabled()


def test_a_lead_acting_on_a_coders_work_is_named_with_it(qtbot: QtBot, themed, shots: Path) -> None:
    at = datetime(2026, 3, 1, 14, 30, tzinfo=UTC)
    entries = [
        HistoryEntry(at, "Bob", "passage added", "Bob", 1, "Summit", "u1", None,
                     {"span": [0, 7], "quote": "Moscow.", "codes": ["stance: Negative"]}),
        HistoryEntry(at, "Alice", "passage changed", "Bob", 1, "Summit", "u1",
                     {"memo": ""}, {"memo": "ironic"}),
    ]  # fmt: skip
    with themed():
        dialog = PassageHistory("Moscow.", entries)
        qtbot.addWidget(dialog)
        dialog.resize(480, 240)  # small: the changes wrap rather than run off
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.grab().save(str(shots / "passage_history.png"))
    rows = table_rows(dialog)
    assert [row[1] for row in rows] == ["Bob", "Alice (for Bob)"]
    assert rows[1][3] == 'memo: "" -> "ironic"'
    assert rows[0][0] == at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert "2 changes, oldest first" in dialog.heading.text()
