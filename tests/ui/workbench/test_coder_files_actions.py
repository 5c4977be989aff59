"""File › Package for a coder… and Merge coder files…: the lead's round trip in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from stancecoder.core.actor import Actor
from stancecoder.services.articles import list_articles
from stancecoder.services.codings import add_passage
from stancecoder.services.passages import passage_by_uid
from stancecoder.services.project import Project, create_project, open_project
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.workbench import file_actions
from stancecoder.ui.workbench.main_window import MainWindow


def lead_window(qtbot: QtBot, project: Project, tmp_path: Path) -> MainWindow:
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(project, "Bob", "lead", settings)
    qtbot.addWidget(window)
    return window


def test_package_then_merge_from_the_file_menu(
    qtbot: QtBot, ui_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = lead_window(qtbot, ui_project, tmp_path)
    out = tmp_path / "for alice.stance"
    monkeypatch.setattr(file_actions.QInputDialog, "getItem", lambda *a: ("Alice", True))
    monkeypatch.setattr(file_actions.QFileDialog, "getSaveFileName", lambda *a: (str(out), ""))
    window.registry["package"].trigger()
    dialog = window.registry.files.coder_files
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert out.exists() and "Packaged for Alice" in dialog.headline.text()
    dialog.accept()

    article = list_articles(ui_project)[0].id
    with open_project(out) as file:
        file.actor = Actor("Alice")
        ref = add_passage(file, article, "Alice", 0, 7, {"stance": "+1"})
    reloaded: list[object] = []
    window.bus.changed.connect(reloaded.append)
    monkeypatch.setattr(file_actions.QFileDialog, "getOpenFileNames", lambda *a: ([str(out)], ""))
    window.registry["merge"].trigger()
    dialog = window.registry.files.coder_files
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)

    assert dialog.headline.text().startswith("added 1, changed 0, deleted 0 passages")
    assert "without conflict" in dialog.detail.toPlainText()
    assert passage_by_uid(ui_project, ref.uid).coder == "Alice"
    assert [c.reload for c in reloaded] == [True]


def test_a_refused_merge_is_said_in_the_dialog(
    qtbot: QtBot, ui_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = lead_window(qtbot, ui_project, tmp_path)
    create_project(tmp_path / "plain.stance").close()
    monkeypatch.setattr(
        file_actions.QFileDialog,
        "getOpenFileNames",
        lambda *a: ([str(tmp_path / "plain.stance")], ""),
    )
    window.registry["merge"].trigger()
    dialog = window.registry.files.coder_files
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.detail.isVisible(), timeout=10_000)
    assert dialog.report is None
    assert "is not a coder file" in dialog.detail.toPlainText()


def test_a_coder_has_no_coder_file_actions(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ui_project, "Alice", "coder", settings)
    qtbot.addWidget(window)
    assert "package" not in window.registry.actions and "merge" not in window.registry.actions
