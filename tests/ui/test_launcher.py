"""Starting the app: the sample on a first start, the remembered coder, the error dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stancecoder.services.coders import list_coders
from stancecoder.ui.coder_dialog import CoderDialog
from stancecoder.ui.errors import error_box
from stancecoder.ui.launcher import Launcher
from stancecoder.ui.settings import AppSettings


@pytest.fixture
def launcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Launcher:
    monkeypatch.setenv("STANCECODER_DATA_DIR", str(tmp_path / "data"))
    settings = AppSettings(QSettings(str(tmp_path / "app.ini"), QSettings.Format.IniFormat))
    return Launcher(settings)


def answer_coder_dialog(name: str) -> None:
    """Type a name into the 'Who is coding?' dialog once it is up, as a coder would."""
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, CoderDialog):
        dialog.name.setText(name)
        dialog.accept()
    else:
        QTimer.singleShot(20, lambda: answer_coder_dialog(name))


def test_first_start_opens_the_sample_and_remembers_the_coder(
    qtbot: QtBot, launcher: Launcher
) -> None:
    QTimer.singleShot(20, lambda: answer_coder_dialog("Dana"))
    launcher.start(None)
    (window,) = launcher.windows
    assert window.coder == "Dana"
    assert "sample" in window.project.title
    assert "Dana" in {c.name for c in list_coders(window.project)}
    location = window.project.location
    window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert launcher.windows == []  # closed windows are let go, and their projects closed

    again = Launcher(launcher.settings)
    again.start(None)  # the last project, with the remembered coder: no dialog
    (second,) = again.windows
    assert (second.project.location, second.coder) == (location, "Dana")
    assert second.actions["open-project"] is not None
    second.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_project_that_cannot_open_leads_to_the_welcome_screen(
    qtbot: QtBot, launcher: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr("stancecoder.ui.launcher.show_problem", lambda _p, m: messages.append(m))
    (tmp_path / "broken.stance").write_bytes(b"not a database at all" * 20)
    launcher.start(str(tmp_path / "broken.stance"))
    assert launcher.windows == []
    assert launcher.welcome is not None and launcher.welcome.isVisible()
    qtbot.addWidget(launcher.welcome)
    assert "not a StanceCoder project" in messages[0]


def test_the_error_dialog_carries_the_traceback_and_copies_it(qtbot: QtBot) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        box = error_box(None, exc)
    qtbot.addWidget(box)
    assert "RuntimeError: boom" in box.text()
    assert "Traceback" in box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == "Copy details")
    copy.click()
    assert "RuntimeError: boom" in QApplication.clipboard().text()
