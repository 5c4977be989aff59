"""Starting the app: the sample on a first start, the remembered coder, the error dialog."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager, closing
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from stancecoder.core.actor import Actor
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder, list_coders
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import create_project
from stancecoder.services.team_server import add_server_coder, init_server
from stancecoder.ui.common.errors import error_box
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.workbench.coder_dialog import CoderDialog
from stancecoder.ui.workbench.launcher import Launcher

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


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
    assert second.registry["open-project"] is not None
    second.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_project_that_cannot_open_leads_to_the_welcome_screen(
    qtbot: QtBot, launcher: Launcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(
        "stancecoder.ui.workbench.launcher.show_problem", lambda _p, m: messages.append(m)
    )
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


def close_message_box(seen: list[str]) -> None:
    """Read the message box once it is up, then close it, as a user would."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        seen.append(box.text())
        box.close()
    else:
        QTimer.singleShot(20, lambda: close_message_box(seen))


def test_a_failed_upgrade_is_a_dialog_and_the_welcome_screen(
    qtbot: QtBot, launcher: Launcher, tmp_path: Path, project_at: Callable[[Path, str], None]
) -> None:
    path = tmp_path / "marked.stance"
    project_at(path, "head")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    seen: list[str] = []
    QTimer.singleShot(20, lambda: close_message_box(seen))

    launcher.start(str(path))

    assert launcher.windows == []
    assert launcher.welcome is not None and launcher.welcome.isVisible()
    qtbot.addWidget(launcher.welcome)
    (message,) = seen
    assert message.startswith("The project could not be opened.")
    reason = message.split("\n\n", 1)[1]
    assert "\n" not in reason and "[SQL" not in reason
    assert reason.startswith(f"upgrading the schema of {path} from 0001 failed: ")
    assert reason.endswith("the project was not changed")


def test_a_read_only_project_says_so_and_refuses_a_coding_in_a_message(
    qtbot: QtBot,
    launcher: Launcher,
    tmp_path: Path,
    plain_user_here: Callable[[], AbstractContextManager[None]],
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "study.stance"
    with create_project(path) as project:
        import_corpus(project, [SEEDS])
        add_coder(project, "Alice")
    launcher.settings.set_coder_for(str(path), "Alice")
    folder.chmod(0o555)
    seen: list[str] = []
    try:
        with plain_user_here():
            launcher.start(str(path))
            (window,) = launcher.windows
            assert "(read-only)" in window.windowTitle()
            window.articles.select_article(list_articles(window.project)[0].id)
            assert window.article is not None
            start = window.article.text.index("Putin")
            window.reader.select_span(start, start + len("Putin"))
            QTimer.singleShot(20, lambda: close_message_box(seen))
            window.panel.choose_code(window.codebook.passage_variables()[0].codes[0].id)
            window.commands.save_coding()
            assert window.passages == [] and window.isVisible()
            window.close()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        folder.chmod(0o755)
    (message,) = seen
    assert message.startswith("this project is open read-only: you cannot write to its folder")
    assert sorted(p.name for p in folder.iterdir()) == ["study.stance"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("{tmp}/moved away.stance", "There is no project at {tmp}/moved away.stance: it may"),
        ("postgresql://alice@127.0.0.1:1/study", "The server at 127.0.0.1, port 1, could not"),
        ("postgresql://alice:secret@db.example.org:port/study", "is not a database address"),
        ("postgresql://alice@127.0.0.1:1/study?colour=blue", "is not a database address"),
    ],
)
def test_a_project_that_does_not_open_is_explained_in_one_plain_sentence(
    qtbot: QtBot,
    launcher: Launcher,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    expected: str,
) -> None:
    """A person at the window gets no command to run, no driver's wording and no link."""
    messages: list[str] = []
    monkeypatch.setattr(
        "stancecoder.ui.workbench.launcher.show_problem", lambda _p, m: messages.append(m)
    )
    assert not launcher.open(target.format(tmp=tmp_path))
    (message,) = messages
    reason = message.split("\n\n", 1)[1]
    assert expected.format(tmp=tmp_path) in reason, reason
    assert "\n" not in reason and reason.endswith(".")
    for unwanted in ("stancecoder ", "http", "sqlalche", "psycopg", "libpq", "secret"):
        assert unwanted not in reason


def test_a_database_the_server_lacks_is_named(
    qtbot: QtBot,
    launcher: Launcher,
    monkeypatch: pytest.MonkeyPatch,
    shots: Path,
    postgres_url: str,
) -> None:
    from sqlalchemy.engine import make_url

    missing = make_url(postgres_url).set(database="no_such_study").render_as_string(False)
    seen: list[str] = []
    boxes: list[QMessageBox] = []

    def look_then_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            boxes.append(box)
            assert box.grab().save(str(shots / "open_failed_server.png"))
        QTimer.singleShot(0, lambda: close_message_box(seen))

    QTimer.singleShot(20, look_then_close)
    assert not launcher.open(missing)
    (message,) = seen
    assert message.endswith(
        "The server has no database called “no_such_study”. Check the name at the end of the "
        "address, or ask whoever runs the server to create it."
    )


def test_a_team_login_opens_as_its_coder_without_asking(
    qtbot: QtBot, launcher: Launcher, scratch_server: Any
) -> None:
    url, login = scratch_server.database(), scratch_server.role("dana")
    init_server(url)
    add_server_coder(url, "Dana", login, "lead")
    asked: list[CoderDialog] = []

    def refuse_a_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, CoderDialog):
            asked.append(dialog)
            dialog.reject()

    timer = QTimer()
    timer.timeout.connect(refuse_a_dialog)
    timer.start(20)
    secret = f"secret-{scratch_server.suffix}"  # the test server trusts; libpq sends it
    address = make_url(scratch_server.as_role(url, login)).set(password=secret)
    try:
        assert launcher.open(address.render_as_string(hide_password=False))
    finally:
        timer.stop()
    assert asked == []
    (window,) = launcher.windows
    assert (window.coder, window.role) == ("Dana", "lead")
    assert window.project.actor == Actor("Dana", lead=True)
    assert launcher.settings.recent_projects()[0] == window.project.location
    launcher.settings.qt.sync()
    stored = Path(launcher.settings.qt.fileName()).read_text(encoding="utf-8")
    assert login in stored and secret not in stored
    window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
