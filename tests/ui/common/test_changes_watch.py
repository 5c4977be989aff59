"""Another process writes the project while the window is open: the window shows it without
F5. The other process is the real `stancecoder` command line; the locker is a real process
holding SQLite's exclusive lock."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from pytestqt.qtbot import QtBot

from stancecoder.core.changes import Changes
from stancecoder.services.commands import CreatePassage
from stancecoder.services.project import Project
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.changes_watch import TROUBLE_AFTER
from stancecoder.ui.workbench.main_window import MainWindow

WAIT_MS = 20_000  # a look every two seconds, and a process to start on a busy machine


def codings_file(folder: Path, article_id: int, topic: str = "Sanctions") -> Path:
    path = folder / "codings.csv"
    path.write_text(f"article,coder,start,end,topic\n{article_id},Alice,0,7,{topic}\n")
    return path


def test_a_coding_added_by_the_command_line_shows_without_refreshing(
    seeded: Project,
    coding_window: Callable[[Project], MainWindow],
    stancecoder_cli: Callable[..., subprocess.CompletedProcess[str]],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window = coding_window(seeded)
    assert window.article is not None and window.passages == []
    target = seeded.store.target
    done = stancecoder_cli("codings", "import", target, codings_file(tmp_path, window.article.id))
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(lambda: len(window.passages) == 1, timeout=WAIT_MS)
    assert window.passages[0].quote == window.article.text[:7]
    assert window.complaints == []  # type: ignore[attr-defined]


def test_the_windows_own_writes_are_not_announced_again(
    seeded: Project,
    coding_window: Callable[[Project], MainWindow],
    stancecoder_cli: Callable[..., subprocess.CompletedProcess[str]],
    tmp_path: Path,
) -> None:
    window = coding_window(seeded)
    assert window.article is not None
    published: list[Changes] = []
    bus_of(seeded).changed.connect(published.append)
    window.undo.run(CreatePassage(window.article.id, "Alice", 10, 20))
    assert len(published) == 1  # the runner's own announcement
    window.watcher.look()
    assert len(published) == 1

    window.close()  # the looks stop with the window
    assert not window.watcher.timer.isActive()
    target = seeded.store.target
    done = stancecoder_cli("codings", "import", target, codings_file(tmp_path, window.article.id))
    assert done.returncode == 0, done.stderr
    window.watcher.look()
    assert published[1:] == [Changes(articles={window.article.id}, passages=published[1].passages)]
    assert len(published[1].passages) == 1


def test_a_codebook_changed_by_another_process_reaches_the_window(
    ui_project: Project,
    coding_window: Callable[[Project], MainWindow],
    stancecoder_cli: Callable[..., subprocess.CompletedProcess[str]],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window = coding_window(ui_project)
    book = tmp_path / "codebook.yaml"
    target = ui_project.store.target
    assert stancecoder_cli("codebook", "export", target, book).returncode == 0
    spec = yaml.safe_load(book.read_text(encoding="utf-8"))
    topic = next(v for v in spec["variables"] if v["name"] == "topic")
    topic["codes"][1]["label"] = "Sanctions regime"
    book.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    done = stancecoder_cli("codebook", "import", target, book)
    assert done.returncode == 0, done.stderr

    def relabelled() -> bool:
        labels = {c.label for v in window.codebook.variables for c in v.codes}
        return "Sanctions regime" in labels and "Sanctions" not in labels

    qtbot.waitUntil(relabelled, timeout=WAIT_MS)


WRITER = """
import sys
from stancecoder.db.store import set_setting
from stancecoder.services.project import open_project
with open_project(sys.argv[1]) as project, project.transaction() as session:
    set_setting(session, "name", "Renamed elsewhere")
    session.flush()  # the write lock is taken
    print("writing", flush=True)
    sys.stdin.read()
"""  # another process of StanceCoder's, holding the write lock until told to commit


def test_a_writer_holding_the_lock_does_not_hold_up_a_look(
    ui_project: Project, coding_window: Callable[[Project], MainWindow]
) -> None:
    window = coding_window(ui_project)
    window.watcher.stop()  # the looks are taken by hand here
    published: list[Changes] = []
    bus_of(ui_project).changed.connect(published.append)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(ui_project.store.target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        began = time.monotonic()
        window.watcher.look()  # reads beside the writer: nothing committed yet
        assert time.monotonic() - began < 1
        assert published == []
    finally:
        writer.communicate("", timeout=30)
    window.watcher.look()
    assert published == [Changes(codebook=True)]  # the project's name is a setting


LOCKER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA locking_mode = EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
connection.execute("DELETE FROM setting WHERE key = 'no such key'")
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_locked_project_skips_looks_and_says_so_once(
    ui_project: Project,
    coding_window: Callable[[Project], MainWindow],
    stancecoder_cli: Callable[..., subprocess.CompletedProcess[str]],
    tmp_path: Path,
) -> None:
    window = coding_window(ui_project)
    assert window.article is not None
    messages: list[str] = []
    window.watcher.trouble.connect(messages.append)
    window.watcher.stop()  # the looks are taken by hand here
    # SQLite grants its exclusive lock only to a file no other connection holds open: the
    # window's are closed (as after a pause; new ones open when needed), and it finds the file
    # taken when it comes back
    ui_project.store.close()
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(ui_project.store.target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline() == "locked\n"
        for _ in range(TROUBLE_AFTER + 2):
            window.watcher.look()  # neither raises nor opens a dialog
    finally:
        locker.communicate("", timeout=30)
    assert len(messages) == 1 and "cannot be seen just now" in messages[0]
    assert window.statusBar().currentMessage() == messages[0]
    assert window.complaints == []  # type: ignore[attr-defined]

    target = ui_project.store.target
    done = stancecoder_cli("codings", "import", target, codings_file(tmp_path, window.article.id))
    assert done.returncode == 0, done.stderr
    window.watcher.look()
    assert messages[1:] == [""]
    assert window.statusBar().currentMessage() == ""
    assert len(window.passages) == 1
